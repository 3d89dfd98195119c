import type { CustomMetricKind } from '@go-heavy/core';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import { Timeline } from './timeline.js';

/** Totals of a whole recorder, shared by every handle it made, and its timeline. */
export class RunCounters {
  /** Responses and errors recorded at every level. */
  requestCount = 0;
  /** Iterations finished or interrupted. */
  iterationCount = 0;
  readonly timeline = new Timeline();
  /** How late iterations started against their schedule, in microseconds. */
  readonly schedulerLag = new LevelCounter();
  /** The kind of each custom metric name used so far: one name, one kind, across the recorder. */
  readonly metricKinds = new Map<string, CustomMetricKind>();

  request(failed: boolean): void {
    this.requestCount++;
    this.timeline.request(failed);
  }

  iteration(us: number, ok: boolean): void {
    this.iterationCount++;
    this.timeline.iteration(us, ok);
  }

  interrupted(): void {
    this.iterationCount++;
  }

  start(lagMs: number): void {
    this.schedulerLag.record(toMicros(lagMs), true);
    this.timeline.start();
  }

  dropped(): void {
    this.timeline.drop();
  }
}
