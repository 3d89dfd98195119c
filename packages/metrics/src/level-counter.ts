import type { JsHistogram } from 'hdr-histogram-js';
import { createLatencyHistogram } from './histogram.js';

/**
 * Runs, outcomes and latencies of one level (a workflow's iterations, a step, a request).
 * Recording is a histogram increment and three number updates: nothing is allocated.
 */
export class LevelCounter {
  /** Latencies in microseconds. */
  readonly histogram: JsHistogram = createLatencyHistogram();
  runs = 0;
  succeeded = 0;
  failed = 0;
  /** Sum of the recorded latencies in microseconds, for an exact mean. */
  sumUs = 0;

  /** One run that took `us` microseconds (an integer >= 1, see `toMicros`). */
  record(us: number, ok: boolean): void {
    this.histogram.recordValue(us);
    this.runs++;
    this.sumUs += us;
    if (ok) this.succeeded++;
    else this.failed++;
  }
}
