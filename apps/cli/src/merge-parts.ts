import { evaluateThresholds, parseThreshold, type RunResult, type Threshold, type ThresholdResult } from '@go-heavy/core';
import { mergeResults } from '@go-heavy/metrics';

/**
 * The results of the parts of one test (segments, worker threads) as the whole test's: merged
 * losslessly ({@link mergeResults}), thresholds evaluated again on the merge. `thresholds` are the
 * plan's when known (a run with `--workers`); `go-heavy merge` reads them back from the parts'
 * expressions (a skipped one stays skipped).
 */
export function mergeParts(parts: readonly RunResult[], thresholds?: readonly Threshold[]): RunResult {
  const merged = mergeResults(parts);
  merged.thresholds = thresholds ? evaluateThresholds(thresholds, merged) : reevaluate(parts[0]!.thresholds, merged);
  return merged;
}

function reevaluate(results: readonly ThresholdResult[], merged: RunResult): ThresholdResult[] {
  return results.map((t) => {
    if (t.skipped) return { ...t };
    let threshold: Threshold;
    try {
      threshold = parseThreshold(t.expr);
    } catch {
      // An expression this version cannot read: the parts' verdict stands.
      return { ...t };
    }
    return evaluateThresholds([threshold], merged)[0]!;
  });
}
