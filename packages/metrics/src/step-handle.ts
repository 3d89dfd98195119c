import { NO_REDACTION, type Redactor, type StepMetrics } from '@go-heavy/core';
import { CheckCounts } from './check-counts.js';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import { RequestHandle } from './request-handle.js';
import type { RunCounters } from './run-counters.js';

/** One step of one workflow: its own runs and latencies, and the requests made inside it. */
export class StepHandle implements StepMetrics {
  readonly level = new LevelCounter();
  /** Every request handle, in the order first used (the maps below group by method). */
  readonly requests: RequestHandle[] = [];
  /** method -> endpoint -> handle: looked up without building a key string. */
  private readonly byMethod = new Map<string, Map<string, RequestHandle>>();
  /** The handle `request()` returned last, and the endpoint it was asked by (before redaction). */
  private last: RequestHandle | undefined = undefined;
  private lastEndpoint = '';
  /** The checks made while this step was the innermost one running. */
  readonly checks: CheckCounts;

  constructor(
    readonly name: string,
    private readonly run: RunCounters,
    private readonly redactor: Redactor = NO_REDACTION,
  ) {
    this.checks = new CheckCounts(redactor);
  }

  /** The handle for this method and endpoint (shown redacted); the same object on every call. */
  request(method: string, endpoint: string): RequestHandle {
    // Most calls ask for the request asked for last: two string comparisons instead of two lookups.
    const last = this.last;
    if (last !== undefined && endpoint === this.lastEndpoint && method === last.method) return last;
    let byEndpoint = this.byMethod.get(method);
    if (byEndpoint === undefined) {
      byEndpoint = new Map();
      this.byMethod.set(method, byEndpoint);
    }
    let handle = byEndpoint.get(endpoint);
    if (handle === undefined) {
      handle = new RequestHandle(method, this.redactor.text(endpoint), this.run);
      byEndpoint.set(endpoint, handle);
      this.requests.push(handle);
    }
    this.last = handle;
    this.lastEndpoint = endpoint;
    return handle;
  }

  /** A check made while this step was the innermost one running. */
  recordCheck(name: string, ok: boolean): void {
    this.checks.record(name, ok);
  }

  /** One execution of the step that took `latencyMs` milliseconds. */
  record(latencyMs: number, ok: boolean): void {
    this.level.record(toMicros(latencyMs), ok);
  }
}
