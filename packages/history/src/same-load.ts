import { median, type RegressionRule } from './regressions.js';
import type { RunLoad } from './schema.js';

/**
 * What makes two runs' loads the same, as one string: the model, the users or rate and how they
 * move over time (ramps, stages, a gaussian), the open model's cap and spacing, the unique users,
 * and the limits (duration, iterations). Where the load came from (a --profile) does not count.
 * Runs of older versions, whose load is unknown, share the key `unknown`.
 */
export function loadKey(load: RunLoad | null | undefined): string {
  if (!load) return 'unknown';
  const { model, users, rate, maxUsers, durationMs, iterations, uniqueUsers, distribution, jitter, profile, shape } = load;
  return JSON.stringify([model, users, rate, maxUsers, durationMs, iterations, uniqueUsers, distribution, jitter, shape ?? profile ?? null]);
}

/** How one run compares with the runs before it. */
export interface RunComparison {
  /** The median of the up to `window` runs before it made with the same load; null when there are none. */
  baseline: number | null;
  /** Worse than `baseline` by more than the tolerance. Never true against runs of another load. */
  regression: boolean;
  /** Its load differs from the run just before it's (false for the first run). */
  loadChanged: boolean;
}

/**
 * Compares like with like: each value is judged against the median of the up to `rule.window`
 * values before it whose load has the same key ({@link loadKey}), so a run made with twice the
 * users is never called a regression of the runs before it; `loadChanged` says where the load
 * changed instead. `values` and `keys` are in run order, oldest first, of the same length.
 */
export function compareRuns(values: readonly number[], keys: readonly string[], rule: RegressionRule): RunComparison[] {
  const limit = rule.tolerancePct / 100;
  return values.map((value, i) => {
    const previous: number[] = [];
    for (let j = i - 1; j >= 0 && previous.length < rule.window; j--) if (keys[j] === keys[i]) previous.push(values[j]!);
    const baseline = previous.length === 0 ? null : median(previous);
    const regression = baseline !== null && (rule.higherIsWorse ? value > baseline * (1 + limit) && value > baseline : value < baseline * (1 - limit));
    return { baseline, regression, loadChanged: i > 0 && keys[i] !== keys[i - 1] };
  });
}
