/**
 * Told once that an iteration ended and was recorded. `error` is set only when recording it
 * failed (a bug, not a failure of the workflow): the executor then fails the run with it.
 */
export type IterationDone = (error?: unknown) => void;

/**
 * What an executor (load model) needs from the engine. The executor decides *when* iterations
 * start; the engine decides what an iteration is and records it.
 */
export interface IterationSource {
  /** False once the run is stopping or the iteration budget is spent. Reserves nothing. */
  active(): boolean;
  /** Like {@link active}, and when true reserves one iteration of the budget. */
  tryStart(): boolean;
  /**
   * Runs one reserved iteration on executor slot `slot` (0-based, below the executor's
   * concurrency). `intendedStart` is the `performance.now()` time the schedule meant it to start:
   * latency is measured from it. Without one (the closed model, which has no schedule) it is the
   * moment the iteration starts. `done` is called once the iteration ended, never before
   * `runIteration` returns: a callback rather than a promise, so an iteration costs no extra
   * promise and microtask for the executor to learn that it ended.
   */
  runIteration(slot: number, intendedStart: number | undefined, done: IterationDone): void;
  /** Open model: a start found every allowed user busy and was dropped. */
  dropped(): void;
}

/** When the executor's timeline begins and how it is told to stop. */
export interface ExecutorTiming {
  /** `performance.now()` at the timeline's zero (the start of the warm-up, if any). */
  t0: number;
  /** Aborted when no new iteration may start. */
  stopSignal: AbortSignal;
  /** Milliseconds after `t0` at which the timeline ends (warm-up + duration), or Infinity. */
  endMs: number;
}

/** One problem with a load description: the field and what was expected. */
export interface LoadProblem {
  field: string;
  message: string;
}
