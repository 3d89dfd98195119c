import type { Trend, TrendPoint } from '../../src/index.js';

/** What the issue names: an image whose error handler would set window.__pwned. */
export const HOSTILE_TREND_IMG = '<img src=x onerror=window.__pwned=1>';
export const HOSTILE_TREND_SCRIPT = '<script>window.__pwned=1</script>';

const RULE = { window: 5, tolerancePct: 10, higherIsWorse: true };

/** The median of the up to 5 values before each one, as @go-heavy/history's baselines() gives it. */
function baselinesOf(values: readonly number[], window: number): Array<number | null> {
  return values.map((_, i) => {
    const previous = values.slice(Math.max(0, i - window), i).sort((a, b) => a - b);
    if (previous.length === 0) return null;
    const mid = previous.length >> 1;
    return previous.length % 2 === 1 ? previous[mid]! : (previous[mid - 1]! + previous[mid]!) / 2;
  });
}

function points(values: readonly number[], regressions: readonly number[], extra: (i: number) => Partial<TrendPoint> = () => ({})): TrendPoint[] {
  const base = baselinesOf(values, RULE.window);
  return values.map((value, i) => ({
    startedAt: new Date(Date.UTC(2026, 10, 18 + i, 10, 0, 0)).toISOString(),
    commit: `c0ffee${i}0123456789abcdef`,
    tags: { env: i % 2 === 0 ? 'staging' : 'prod' },
    value,
    baseline: base[i]!,
    regression: regressions.includes(i),
    ...extra(i),
  }));
}

/**
 * Two workflows over 7 daily runs. checkout/buy's p95 jumps on the 5th run (90 ms over a 41.5 ms
 * baseline) and again on the 7th (60 ms over 43 ms): two regressions. search/query is steady.
 */
export function makeTrends(): Trend[] {
  return [
    { name: 'checkout/buy', stat: 'p95', rule: RULE, points: points([40, 42, 41, 43, 90, 44, 60], [4, 6]) },
    { name: 'search/query', stat: 'p95', rule: RULE, points: points([12, 12.5, 11.8, 12.2, 12.1, 12.4, 12], []) },
  ];
}

/** A workflow name, a tag key and value, and a commit that are markup, and one regression. */
export function makeHostileTrends(): Trend[] {
  return [
    {
      name: `shop/${HOSTILE_TREND_IMG}`,
      stat: 'p95',
      rule: RULE,
      points: points([20, 21, 20, 50], [3], (i) => ({
        tags: { [HOSTILE_TREND_IMG]: HOSTILE_TREND_SCRIPT, env: HOSTILE_TREND_IMG },
        commit: i === 3 ? HOSTILE_TREND_SCRIPT : null,
      })),
    },
  ];
}
