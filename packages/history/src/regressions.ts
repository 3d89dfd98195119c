/** How a run is compared with the ones before it. */
export interface RegressionRule {
  /** How many previous runs make the baseline (their median). */
  window: number;
  /** How much worse than the baseline, in percent, counts as a regression. */
  tolerancePct: number;
  /** True for latencies and error rates; false for throughput. */
  higherIsWorse: boolean;
}

export const DEFAULT_RULE: Omit<RegressionRule, 'higherIsWorse'> = { window: 5, tolerancePct: 10 };

/**
 * For each value, the baseline it is judged against: the median of the up to `window` values
 * before it; null for the first value, which has nothing before it.
 */
export function baselines(values: readonly number[], window: number): Array<number | null> {
  return values.map((_, i) => {
    const previous = values.slice(Math.max(0, i - window), i);
    return previous.length === 0 ? null : median(previous);
  });
}

/**
 * For each value, whether it is worse than the median of the up to `window` values before it by
 * more than `tolerancePct` (its {@link baselines} entry). The first value has no baseline and is
 * never flagged.
 */
export function findRegressions(values: readonly number[], rule: RegressionRule): boolean[] {
  const limit = rule.tolerancePct / 100;
  return baselines(values, rule.window).map((baseline, i) => {
    if (baseline === null) return false;
    const value = values[i]!;
    if (rule.higherIsWorse) return value > baseline * (1 + limit) && value > baseline;
    return value < baseline * (1 - limit);
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
