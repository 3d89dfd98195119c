import type { CustomMetricResult, LatencyStats, LiveMetric } from '@go-heavy/core';
import { addSeries, createSeries, TREND_SCALE, type CustomSeries, type TrendSeries } from './custom-metric.js';
import { encodeHistogram } from './histogram.js';
import { percentilesUs } from './stats.js';

/**
 * The series of several levels added up by name (a workflow's from its steps, the run's from its
 * workflows), in the order first seen, as fresh series: the inputs are left as they are.
 */
export function rollUpSeries(levels: Iterable<Iterable<CustomSeries>>): CustomSeries[] {
  const byName = new Map<string, CustomSeries>();
  for (const level of levels) {
    for (const series of level) {
      let sum = byName.get(series.name);
      if (sum === undefined) {
        sum = createSeries(series.kind, series.name);
        byName.set(series.name, sum);
      }
      // A recorder lets a name have one kind only; should two differ (merged results), the first wins.
      if (sum.kind === series.kind) addSeries(series, sum);
    }
  }
  return [...byName.values()];
}

/**
 * The results of some series, or undefined when there are none (the field is then left out).
 * `complete` adds each trend's encoded histogram (the live view goes without).
 */
export function metricResults(series: readonly CustomSeries[], durationMs: number, complete: boolean): CustomMetricResult[] | LiveMetric[] | undefined {
  if (series.length === 0) return undefined;
  return series.map((s): CustomMetricResult | LiveMetric => {
    switch (s.kind) {
      case 'counter':
        return { name: s.name, kind: 'counter', count: s.total, ratePerSec: durationMs > 0 ? s.total / (durationMs / 1000) : 0 };
      case 'rate':
        return { name: s.name, kind: 'rate', count: s.count, passes: s.passes, rate: s.count === 0 ? 0 : s.passes / s.count };
      case 'trend': {
        const live = { name: s.name, kind: 'trend' as const, count: s.count, stats: trendStats(s) };
        return complete ? { ...live, histogram: encodeHistogram(s.histogram) } : live;
      }
    }
  });
}

/**
 * A trend's stats in its own unit: exact min, max and mean; percentiles within 0.1 %, rounded to
 * the most decimals its values had (whole numbers for a count) and clamped to min..max.
 */
function trendStats(t: TrendSeries): LatencyStats {
  if (t.count === 0) return { min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 };
  const scaled = percentilesUs(t.histogram);
  const unit = 10 ** t.decimals;
  const at = (i: number): number => Math.min(Math.max(Math.round((scaled[i]! / TREND_SCALE) * unit) / unit, t.min), t.max);
  return { min: t.min, max: t.max, mean: t.sum / t.count, p10: at(0), p25: at(1), p50: at(2), p75: at(3), p90: at(4), p95: at(5), p99: at(6), p100: t.max };
}
