import type { TimelinePoint } from '@go-heavy/core';
import { createLatencyHistogram, US_PER_MS } from './histogram.js';

/**
 * The per-second series of a run. The current window counts what ended since the last sample;
 * `sample()` turns it into a point and starts the next window, reusing the same histogram.
 */
export class Timeline {
  readonly points: TimelinePoint[] = [];
  private readonly latencies = createLatencyHistogram();
  private started = 0;
  private dropped = 0;
  private iterations = 0;
  private failed = 0;
  private requests = 0;
  private errors = 0;

  /** An iteration that ended in this window after `us` microseconds. */
  iteration(us: number, ok: boolean): void {
    this.latencies.recordValue(us);
    this.iterations++;
    if (!ok) this.failed++;
  }

  /** An iteration that started in this window. */
  start(): void {
    this.started++;
  }

  /** A start dropped in this window. */
  drop(): void {
    this.dropped++;
  }

  /** A request that ended in this window; `failed`: no response or a status >= 400. */
  request(failed: boolean): void {
    this.requests++;
    if (failed) this.errors++;
  }

  /** Closes the window as point `t` = number of samples so far, appends it and returns it. */
  sample(users: number): TimelinePoint {
    const h = this.latencies;
    const max = h.totalCount === 0 ? 0 : h.maxValue;
    const point: TimelinePoint = {
      t: this.points.length + 1,
      started: this.started,
      dropped: this.dropped,
      iterations: this.iterations,
      failed: this.failed,
      requests: this.requests,
      errors: this.errors,
      // Percentiles come from the bucket's top end; never report one above the exact max.
      p50: Math.min(h.getValueAtPercentile(50), max) / US_PER_MS,
      p99: Math.min(h.getValueAtPercentile(99), max) / US_PER_MS,
      max: max / US_PER_MS,
      users,
    };
    this.points.push(point);
    h.reset();
    this.started = 0;
    this.dropped = 0;
    this.iterations = 0;
    this.failed = 0;
    this.requests = 0;
    this.errors = 0;
    return point;
  }
}
