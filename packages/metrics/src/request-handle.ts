import type { ErrorCategory, RequestMetrics } from '@go-heavy/core';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import type { RunCounters } from './run-counters.js';
import { StatusCounter } from './status-counter.js';

/**
 * One method + endpoint of one step. A request fails when no response came or its status is
 * >= 400; both kinds record their latency. Recording allocates nothing.
 */
export class RequestHandle implements RequestMetrics {
  readonly level = new LevelCounter();
  readonly status = new StatusCounter();
  /** Requests sent again on a fresh connection; not in `level` (neither a run nor a failure). */
  retries = 0;

  constructor(
    readonly method: string,
    readonly endpoint: string,
    private readonly run: RunCounters,
    /** The request's tags, values redacted and keys sorted; undefined for the untagged series. */
    readonly tags?: Record<string, string>,
  ) {}

  /** A response with `status` arrived after `latencyMs` milliseconds. */
  recordResponse(latencyMs: number, status: number): void {
    const ok = status < 400;
    this.level.record(toMicros(latencyMs), ok);
    this.status.recordStatus(status);
    this.run.request(!ok);
  }

  /** No response after `latencyMs` milliseconds, for the reason `category`. */
  recordError(latencyMs: number, category: ErrorCategory): void {
    this.level.record(toMicros(latencyMs), false);
    this.status.recordError(category);
    this.run.request(true);
  }

  /** Work without a status code (`ctx.measure`) succeeded after `latencyMs` milliseconds: in no status class. */
  recordSuccess(latencyMs: number): void {
    this.level.record(toMicros(latencyMs), true);
    this.run.request(false);
  }

  /** The client resent a request once on a fresh connection; the request itself is recorded apart. */
  recordRetry(): void {
    this.retries++;
  }
}
