import { Timeline } from './timeline.js';

/** Totals of a whole recorder, shared by every handle it made, and its timeline. */
export class RunCounters {
  /** Responses and errors recorded at every level. */
  requestCount = 0;
  /** Iterations finished or interrupted. */
  iterationCount = 0;
  readonly timeline = new Timeline();

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
}
