import type { CustomMetricKind, CustomMetricSink } from './custom-metrics.js';
import type { LiveView } from './live-view.js';
import type { RunResult, TimelinePoint, LoadDescription, WarmupSummary } from './run-result.js';

/**
 * Error categories for requests that got no response. Open-ended: clients may add their own.
 */
export type ErrorCategory =
  | 'ECONNREFUSED'
  | 'ECONNRESET'
  | 'timeout'
  | 'interrupted'
  | 'ENOTFOUND'
  | 'EPIPE'
  /** The server's TLS certificate is not trusted (self-signed, unknown issuer, expired, wrong host). */
  | 'tls-cert'
  /** Any other failed TLS handshake, such as plain HTTP on an https port. */
  | 'tls'
  /** A kept body passed the client's `maxResponseBytes`. */
  | 'response-too-large'
  /** `ctx.measure`'s work threw an error that names no category of its own. */
  | 'custom'
  | 'other'
  | (string & {});

/**
 * Handle for one method + endpoint inside one step. Resolved once and reused: recording
 * must not allocate. Latencies are milliseconds (fractions allowed).
 */
export interface RequestMetrics {
  /** A response arrived with this status code. */
  recordResponse(latencyMs: number, status: number): void;
  /** No response: connection refused, reset, timed out, interrupted… */
  recordError(latencyMs: number, category: ErrorCategory): void;
  /**
   * Work without a status code that succeeded (`ctx.measure`): a run and a success, in no status
   * class. Optional: without it, `ctx.measure` records `recordResponse(latencyMs, 0)`.
   */
  recordSuccess?(latencyMs: number): void;
  /**
   * The client sent the request again, once, on a fresh connection: a reused keep-alive
   * connection closed before any byte of the response came (RFC 9112 §9.3.1). Not a request of
   * its own and not a failure: the request is still recorded once, by `recordResponse` or
   * `recordError`, with its latency from the first dispatch. Must not allocate.
   */
  recordRetry(): void;
}

/** Tags of a request (`{ kind: 'search' }`): part of its identity in the results, like its name. */
export type RequestTags = Readonly<Record<string, string>>;

/** Handle for one step of one workflow. */
export interface StepMetrics {
  readonly name: string;
  /**
   * The request handle for this method, endpoint and tags (a request's own series: different
   * tags, different handles); the same object on every call with equal arguments. `tags`
   * undefined or empty is the untagged series.
   */
  request(method: string, endpoint: string, tags?: RequestTags): RequestMetrics;
  record(latencyMs: number, ok: boolean): void;
  /**
   * A `ctx.check` made while this step was the innermost one running; the same check is also
   * given to the workflow's `recordCheck`. Optional: a recorder without it keeps checks per workflow only.
   */
  recordCheck?(name: string, ok: boolean): void;
  /**
   * The sink of the custom metric `name` of this kind in this step; the same object on every
   * call. Throws when the name was used with another kind in the run, naming both.
   */
  metric(kind: CustomMetricKind, name: string): CustomMetricSink;
}

/** Handle for one workflow. */
export interface WorkflowMetrics {
  readonly name: string;
  /** The step handle for this name; the same object on every call. */
  step(name: string): StepMetrics;
  /** One finished iteration. `reason` says why it failed (ignored when ok). */
  recordIteration(latencyMs: number, ok: boolean, reason?: string): void;
  /** An iteration cut short by the end of the graceful stop. */
  recordInterrupted(): void;
  /** An iteration that could not start (open model: every allowed user was busy). */
  recordDropped(): void;
  /**
   * An iteration started `lagMs` after its intended time (the scheduler's own lag; 0 in the
   * closed model, which has no schedule).
   */
  recordStart(lagMs: number): void;
  recordCheck(name: string, ok: boolean): void;
}

/** Facts about the run that only the engine knows, folded into the snapshot. */
export interface RunMeta {
  testId: string;
  startedAt: Date;
  durationMs: number;
  load: LoadDescription;
  interrupted: boolean;
  warmup: WarmupSummary | null;
}

/**
 * Folds measurements into histograms. One recorder per phase (warm-up, measured).
 * Implemented by `@go-heavy/metrics`.
 */
export interface MetricsRecorder {
  workflow(name: string): WorkflowMetrics;
  /** Requests recorded so far, at every level: the count the server should have seen. */
  readonly requestCount: number;
  readonly iterationCount: number;
  /**
   * Closes the current second of the timeline and starts the next. Called by the engine once per
   * second of the measured phase; `users` is how many users are busy right now.
   */
  sample(users: number): TimelinePoint;
  /** The complete results so far, with every level's buckets and encoded histogram: for the end. */
  snapshot(meta: RunMeta): RunResult;
  /**
   * The results so far without buckets and histograms: what live consumers read every second,
   * at a fraction of a snapshot's cost. Same counts and percentiles as {@link snapshot}.
   */
  view(meta: RunMeta): LiveView;
}
