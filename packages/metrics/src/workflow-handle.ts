import type { WorkflowMetrics } from '@go-heavy/core';
import { FailureReasons } from './failure-reasons.js';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import type { RunCounters } from './run-counters.js';
import { StepHandle } from './step-handle.js';

/** Counts of one named check. */
export interface CheckCounter {
  passed: number;
  failed: number;
}

/** Failure reason recorded when a failed iteration comes without one, so reasons sum to failures. */
export const UNKNOWN_REASON = 'unknown';

/** One workflow: its iterations, steps, checks and why iterations failed. */
export class WorkflowHandle implements WorkflowMetrics {
  readonly level = new LevelCounter();
  readonly steps = new Map<string, StepHandle>();
  readonly checks = new Map<string, CheckCounter>();
  readonly failureReasons = new FailureReasons();
  interrupted = 0;
  dropped = 0;

  constructor(readonly name: string, private readonly run: RunCounters) {}

  /** The step handle for this name; the same object on every call. */
  step(name: string): StepHandle {
    let handle = this.steps.get(name);
    if (handle === undefined) {
      handle = new StepHandle(name, this.run);
      this.steps.set(name, handle);
    }
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
    let check = this.checks.get(name);
    if (check === undefined) {
      check = { passed: 0, failed: 0 };
      this.checks.set(name, check);
    }
    if (ok) check.passed++;
    else check.failed++;
  }
}
