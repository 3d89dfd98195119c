import { NO_REDACTION, type Redactor, type WorkflowMetrics } from '@go-heavy/core';
import { CheckCounts } from './check-counts.js';
import { FailureReasons } from './failure-reasons.js';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import type { RunCounters } from './run-counters.js';
import { StepHandle } from './step-handle.js';

/** Failure reason recorded when a failed iteration comes without one, so reasons sum to failures. */
export const UNKNOWN_REASON = 'unknown';

/**
 * One workflow: its iterations, steps, checks and why iterations failed. Names, endpoints and
 * reasons are redacted once, when first seen, so the results never hold a secret.
 */
export class WorkflowHandle implements WorkflowMetrics {
  readonly level = new LevelCounter();
  readonly steps = new Map<string, StepHandle>();
  /** The step `step()` returned last, under the name it was asked by. */
  private lastStepName: string | undefined = undefined;
  private lastStep: StepHandle | undefined = undefined;
  readonly checks: CheckCounts;
  readonly failureReasons: FailureReasons;
  interrupted = 0;
  dropped = 0;
  /** The name as shown in the results. */
  readonly name: string;

  constructor(
    name: string,
    private readonly run: RunCounters,
    private readonly redactor: Redactor = NO_REDACTION,
  ) {
    this.name = redactor.text(name);
    this.failureReasons = new FailureReasons(redactor);
    this.checks = new CheckCounts(redactor);
  }

  /** The step handle for this name; the same object on every call. */
  step(name: string): StepHandle {
    // Most calls ask for the step asked for last (the same string): no hashing then.
    if (name === this.lastStepName) return this.lastStep!;
    let handle = this.steps.get(name);
    if (handle === undefined) {
      handle = new StepHandle(this.redactor.text(name), this.run, this.redactor);
      this.steps.set(name, handle);
    }
    this.lastStepName = name;
    this.lastStep = handle;
    return handle;
  }

  /** One finished iteration of `latencyMs` milliseconds; `reason` is counted when it failed. */
  recordIteration(latencyMs: number, ok: boolean, reason?: string): void {
    const us = toMicros(latencyMs);
    this.level.record(us, ok);
    if (!ok) this.failureReasons.record(reason ?? UNKNOWN_REASON);
    this.run.iteration(us, ok);
  }

  recordInterrupted(): void {
    this.interrupted++;
    this.run.interrupted();
  }

  recordDropped(): void {
    this.dropped++;
    this.run.dropped();
  }

  recordStart(lagMs: number): void {
    this.run.start(lagMs);
  }

  recordCheck(name: string, ok: boolean): void {
    this.checks.record(name, ok);
  }
}
