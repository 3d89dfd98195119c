import type { StepMetrics } from '../contracts/metrics.js';

/** Whoever started a {@link StepRun}: ends it when the step's work settles. */
export interface StepOwner {
  endStep(run: StepRun, ok: boolean): void;
}

/**
 * One `ctx.step` in progress: the step, when it began, and what to restore when its work
 * settles. Contexts keep ended runs for the next step (a free list, so parallel steps each get
 * their own), and the settle callbacks are bound once per run: a step costs neither an async
 * function's frame nor a closure.
 */
export class StepRun {
  step!: StepMetrics;
  /** The step that was current before this one, and whether it had failed so far. */
  outer!: StepMetrics;
  outerFailed = false;
  /** The owner's generation at the start: a step of an abandoned iteration records nothing. */
  generation = 0;
  /** Its index among the open steps (with an iteration timeout), else -1. */
  depth = -1;
  /** `performance.now()` when the step began. */
  start = 0;

  constructor(private readonly owner: StepOwner) {}

  readonly fulfilled = (value: unknown): unknown => {
    this.owner.endStep(this, true);
    return value;
  };

  readonly rejected = (err: unknown): never => {
    this.owner.endStep(this, false);
    throw err;
  };
}
