/**
 * The results of one test as plain data: what `--out` writes, what reporters read, what
 * `diff`, `merge` and `history` consume. Times are milliseconds, counts are integers.
 * Shape documented in docs/results.md; its JSON Schema ships as `@go-heavy/core/results.schema.json`.
 */

/** Bump when a change to the shape is incompatible; add fields rather than rename them. */
export const RESULTS_SCHEMA_VERSION = 1;

/** Latency percentiles and extremes, in milliseconds. */
export interface LatencyStats {
  min: number;
  max: number;
  mean: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
  p95: number;
  p99: number;
  p100: number;
}

/** Responses counted by the first digit of their status code. */
export interface StatusClasses {
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
}

/** One bar of the latency distribution: values `<= leMs` and above the previous bucket's bound. */
export interface LatencyBucket {
  leMs: number;
  count: number;
}

/** The statistics shared by the three levels (workflow iteration, step, request). */
export interface Stats {
  name: string;
  /** Completed runs at this level (iterations, step executions or requests). */
  runs: number;
  succeeded: number;
  failed: number;
  /** runs / measured duration in seconds. */
  ratePerSec: number;
  latencyMs: LatencyStats;
  statusClasses: StatusClasses;
  statusCodes: Record<string, number>;
  /** Failures that had no status code, by category (`ECONNREFUSED`, `timeout`, …). */
  errors: Record<string, number>;
  buckets: LatencyBucket[];
  /** HDR histogram of the latencies in microseconds, compressed base64 (`HISTF…`), mergeable. */
  histogram: string;
}

/** One method + endpoint inside a step. A request fails when no response came or status >= 400. */
export interface RequestResult extends Stats {
  method: string;
  endpoint: string;
  /**
   * Times a request was sent again on a fresh connection after a reused one closed before any
   * byte of its response (see `RequestMetrics.recordRetry`): counted in neither `runs` nor
   * `failed`. Always written by go-heavy's metrics; absent in results files of older versions.
   */
  retries?: number;
}

export interface StepResult extends Stats {
  requests: RequestResult[];
}

/** A named `ctx.check` and how often it held. */
export interface CheckResult {
  name: string;
  passed: number;
  failed: number;
}

export interface WorkflowResult extends Stats {
  /** Iterations cut short by the end of the graceful stop: neither succeeded nor failed. */
  interrupted: number;
  /** Iterations that could not start (open model: no free user). */
  dropped: number;
  /** Every request this workflow sent, counted once. */
  requests: number;
  /** The sum of its requests' `retries` (absent in results files of older versions). */
  retries?: number;
  steps: StepResult[];
  checks: CheckResult[];
  /** Why iterations failed (`check: name`, an error's message), counted; at most 50 reasons. */
  failureReasons: Record<string, number>;
}

/** One second of the run. Percentiles are of the iterations that ended in that second. */
export interface TimelinePoint {
  /** Seconds since the measured phase began (1 = the first second). */
  t: number;
  /** Iterations started in that second. */
  started: number;
  /** Starts dropped in that second (open model). */
  dropped: number;
  /** Iterations that ended in that second (interrupted ones excluded). */
  iterations: number;
  failed: number;
  requests: number;
  /** Requests that got no response or a status >= 400. */
  errors: number;
  p50: number;
  p99: number;
  max: number;
  /** Users busy with an iteration at the end of the second. */
  users: number;
}

export interface LoadDescription {
  model: 'closed' | 'open';
  /** Closed model: the peak number of users per workflow. */
  users: number | null;
  /** Open model: the peak rate, iterations per second per workflow. */
  rate: number | null;
  maxUsers: number | null;
  durationMs: number | null;
  iterations: number | null;
  warmupMs: number;
  /** The level over time (users or rate) the executor followed, warm-up excluded. */
  profile: { start: number; stages: Array<{ durationMs: number; target: number }> };
  uniqueUsers: number | null;
  distribution: 'regular' | 'random' | null;
  jitter: number | null;
  gracefulStopMs: number;
}

/** The scheduler's own lag (actual − intended start) in the open model. */
export interface SchedulerStats {
  starts: number;
  lagMs: LatencyStats;
}

export interface RunSummary {
  workflowsSucceeded: number;
  workflowsFailed: number;
  workflowsInterrupted: number;
  /** Every request sent in the measured phase, counted once. */
  requests: number;
  /** The sum of the workflows' `retries` (absent in results files of older versions). */
  retries?: number;
  droppedIterations: number;
  /** True when the run was stopped by a signal rather than by its limits. */
  interrupted: boolean;
  /** The threshold (with `abortOnFail`) that stopped the run early, or null. */
  abortedBy: string | null;
}

/** What the warm-up phase did; kept out of every statistic above. */
export interface WarmupSummary {
  durationMs: number;
  iterations: number;
  requests: number;
}

export interface ThresholdResult {
  expr: string;
  ok: boolean;
  actual: number | null;
}

export interface RunResult {
  schemaVersion: number;
  testId: string;
  startedAt: string;
  /** Total run time, warm-up excluded. */
  durationMs: number;
  load: LoadDescription;
  summary: RunSummary;
  warmup: WarmupSummary | null;
  /** Open model only; null in the closed model, which has no schedule. */
  scheduler: SchedulerStats | null;
  workflows: WorkflowResult[];
  timeline: TimelinePoint[];
  thresholds: ThresholdResult[];
}
