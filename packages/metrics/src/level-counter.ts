import type { JsHistogram } from 'hdr-histogram-js';
import { createLatencyHistogram } from './histogram.js';

/**
 * Runs, outcomes and latencies of one level (a workflow's iterations, a step, a request).
 * Successful and failed runs go to separate histograms, so that latency thresholds and reports
 * can speak of the successful runs alone (a refused connection fails in microseconds and would
 * make a dead target look fast); the all-runs histogram is their merge, made when read.
 * Recording is one histogram increment and three number updates: nothing is allocated (the
 * failed histogram is created with the first failure, so levels that never fail do not carry it).
 */
export class LevelCounter {
  /** Latencies of the successful runs, in microseconds. */
  readonly okHistogram: JsHistogram = createLatencyHistogram();
  /** Latencies of the failed runs, in microseconds; null until the first failure. */
  failedHistogram: JsHistogram | null = null;
  runs = 0;
  succeeded = 0;
  failed = 0;
  /** Sums of the recorded latencies in microseconds, for exact means. */
  okSumUs = 0;
  failedSumUs = 0;
  /** Where {@link allHistogram} merges both when both have values; reused. */
  private merged: JsHistogram | null = null;

  /** One run that took `us` microseconds (an integer >= 1, see `toMicros`). */
  record(us: number, ok: boolean): void {
    this.runs++;
    if (ok) {
      this.okHistogram.recordValue(us);
      this.succeeded++;
      this.okSumUs += us;
    } else {
      (this.failedHistogram ??= createLatencyHistogram()).recordValue(us);
      this.failed++;
      this.failedSumUs += us;
    }
  }

  /** Sum of every run's latency in microseconds. */
  get sumUs(): number {
    return this.okSumUs + this.failedSumUs;
  }

  /**
   * The latencies of every run, successful or not. One of the two histograms when the other is
   * empty; otherwise both merged into a histogram kept for the next call (valid until then).
   */
  allHistogram(): JsHistogram {
    const failed = this.failedHistogram;
    if (failed === null || failed.totalCount === 0) return this.okHistogram;
    if (this.okHistogram.totalCount === 0) return failed;
    const merged = (this.merged ??= createLatencyHistogram());
    merged.reset();
    merged.add(this.okHistogram);
    merged.add(failed);
    return merged;
  }
}
