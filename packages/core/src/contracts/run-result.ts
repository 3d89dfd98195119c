/**
 * The results of one test as plain data: what `--out` writes, what reporters read, what
 * `diff`, `merge` and `history` consume. Times are milliseconds, counts are integers.
 * Shape documented in docs/results.md; its JSON Schema ships as `@go-heavy/core/results.schema.json`.
 */

/** Bump when a change to the shape is incompatible; add fields rather than rename them. */
export const RESULTS_SCHEMA_VERSION = 1;

// The aliases below carry the JSON Schema constraints (read by `npm run schema -w @go-heavy/core`,
// which writes schema/results.schema.json from this file); in TypeScript they are plain numbers.

/**
 * @asType integer
 * @minimum 0
 */
type Count = number;

/**
 * @asType integer
 * @minimum 1
 */
type AtLeastOne = number;

/** @minimum 0 */
type NonNegative = number;

/** @minLength 1 */
type Name = string;

/** Latency percentiles and extremes, in milliseconds. */
export interface LatencyStats {
  min: NonNegative;
  max: NonNegative;
  mean: NonNegative;
  p10: NonNegative;
  p25: NonNegative;
  p50: NonNegative;
  p75: NonNegative;
  p90: NonNegative;
  p95: NonNegative;
  p99: NonNegative;
  p100: NonNegative;
}

/** Responses counted by the first digit of their status code. */
export interface StatusClasses {
  '1xx': Count;
  '2xx': Count;
  '3xx': Count;
  '4xx': Count;
  '5xx': Count;
}

/** One bar of the latency distribution: values `<= leMs` and above the previous bucket's bound. */
export interface LatencyBucket {
  leMs: NonNegative;
  count: Count;
}

/** The statistics shared by the three levels (workflow iteration, step, request). */
export interface Stats {
  name: Name;
  /** Completed runs at this level (iterations, step executions or requests). */
  runs: Count;
  succeeded: Count;
  failed: Count;
  /** runs / measured duration in seconds. */
  ratePerSec: NonNegative;
  latencyMs: LatencyStats;
  statusClasses: StatusClasses;
  /**
   * Responses by status code (`"200"`, `"503"`), including codes outside 100–599 that a server sent.
   * @propertyNames {"pattern": "^[0-9]+$"}
   */
  statusCodes: Record<string, Count>;
  /** Failures that had no status code, by category (`ECONNREFUSED`, `timeout`, …). */
  errors: Record<string, Count>;
  buckets: LatencyBucket[];
  /**
   * HDR histogram of the latencies in microseconds, compressed base64 (`HISTF…`), mergeable.
   * @pattern ^HIST
   */
  histogram: string;
  /**
   * Latency of the successful runs alone (k6's `expected_response:true`): what latency thresholds
   * test by default, since failed runs (a refused connection fails in microseconds) would make a
   * broken target look fast. All zero without successful runs. Absent in results of older versions.
   */
  succeededLatencyMs?: LatencyStats;
  /**
   * HDR histogram of the successful runs' latencies in microseconds, encoded as `histogram` is.
   * Absent in results files of older versions.
   * @pattern ^HIST
   */
  succeededHistogram?: string;
}

/** One method + endpoint inside a step. A request fails when no response came or status >= 400. */
export interface RequestResult extends Stats {
  method: Name;
  endpoint: Name;
  /** The request's tags (`RequestOptions.tags`), when it had any; part of its identity, and of its `name`. */
  tags?: Record<string, string>;
  /**
   * Times a request was sent again on a fresh connection after a reused one closed before any
   * byte of its response (see `RequestMetrics.recordRetry`): counted in neither `runs` nor
   * `failed`. Always written by go-heavy's metrics; absent in results files of older versions.
   */
  retries?: Count;
}

export interface StepResult extends Stats {
  requests: RequestResult[];
  /** The `ctx.check`s made while this step was the innermost one running (absent in older results). */
  checks?: CheckResult[];
  /** Custom metrics recorded while this step ran (absent when none, and in older results files). */
  metrics?: CustomMetricResult[];
}

/** A named `ctx.check` and how often it held. */
export interface CheckResult {
  name: string;
  passed: Count;
  failed: Count;
}

export interface WorkflowResult extends Stats {
  /**
   * Iterations cut short by the end of the graceful stop, or that found no row left in data opened
   * with `onEnd: 'stop'` (which ended the test): neither succeeded nor failed.
   */
  interrupted: Count;
  /** Iterations that could not start (open model: no free user). */
  dropped: Count;
  /** Every request this workflow sent, counted once. */
  requests: Count;
  /** The sum of its requests' `retries` (absent in results files of older versions). */
  retries?: Count;
  steps: StepResult[];
  checks: CheckResult[];
  /** Why iterations failed (`check: name`, an error's message), counted; at most 50 reasons. */
  failureReasons: Record<string, Count>;
  /**
   * Iterations of a worker thread that crashed (`--workers`): those it was running when it died
   * and what was left of its iteration budget. Counted as failed in `summary.workflowsFailed`
   * and under the reason `worker thread crashed`, but not in `runs` or the latencies (they have
   * none). Absent when no worker crashed, and in older results files.
   */
  lostToCrash?: Count;
  /** Custom metrics of all its steps, rolled up by name (absent when none, and in older results files). */
  metrics?: CustomMetricResult[];
  /** Its tagged requests added up per tag, `{kind=search}` (absent when none, and in older results files). */
  tagged?: TaggedResult[];
}

/** One second of the run. Percentiles are of the iterations that ended in that second. */
export interface TimelinePoint {
  /** Seconds since the measured phase began (1 = the first second). */
  t: AtLeastOne;
  /** Iterations started in that second. */
  started: Count;
  /** Starts dropped in that second (open model). */
  dropped: Count;
  /** Iterations that ended in that second (interrupted ones excluded). */
  iterations: Count;
  failed: Count;
  requests: Count;
  /** Requests that got no response or a status >= 400. */
  errors: Count;
  p50: NonNegative;
  p99: NonNegative;
  max: NonNegative;
  /** Users busy with an iteration at the end of the second. */
  users: Count;
}

export interface LoadDescription {
  model: 'closed' | 'open';
  /** Closed model: the peak number of users per workflow. */
  users: Count | null;
  /** Open model: the peak rate, iterations per second per workflow. */
  rate: NonNegative | null;
  maxUsers: AtLeastOne | null;
  durationMs: NonNegative | null;
  iterations: AtLeastOne | null;
  warmupMs: NonNegative;
  /** The level over time (users or iterations per second) the executor followed, warm-up excluded. */
  profile: { start: NonNegative; stages: Array<{ durationMs: NonNegative; target: NonNegative }> };
  uniqueUsers: AtLeastOne | null;
  distribution: 'regular' | 'random' | null;
  /**
   * @minimum 0
   * @maximum 1
   */
  jitter: number | null;
  gracefulStopMs: NonNegative;
  /**
   * The shape the level was asked for in, when `profile` (its sampled legs) would not say it
   * briefly: a gaussian. Absent for constant loads, ramps and stages, and in older results.
   */
  shape?: LoadShape;
  /** The `--profile` the load came from: a YAML file as given, or a named profile of heavy.config.ts. */
  profileSource?: string;
  /**
   * What each workflow ran, in the run's order: present when the run had more than one workflow,
   * or one with a load of its own or a start time (absent in results files of older versions).
   */
  workflows?: WorkflowLoadDescription[];
}

/** A gaussian: `volume` iterations over the duration, the rate a bell curve around `peakMs`. */
export interface LoadShape {
  kind: 'gaussian';
  volume: AtLeastOne;
  peakMs: NonNegative;
  stddevMs: NonNegative;
}

/** One workflow's share of the service's load, or its own load. */
export interface WorkflowLoadDescription {
  /** Qualified name, `<service>/<workflow>`. */
  name: Name;
  /** Its weight in the split of the service's load; null when it had a load of its own. */
  weight: NonNegative | null;
  /**
   * Its fraction of the service's load; null when it had a load of its own.
   * @minimum 0
   * @maximum 1
   */
  share: number | null;
  model: 'closed' | 'open';
  /** Closed model: its peak number of users. */
  users: Count | null;
  /** Open model: its peak rate, iterations per second. */
  rate: NonNegative | null;
  maxUsers: AtLeastOne | null;
  iterations: AtLeastOne | null;
  uniqueUsers: AtLeastOne | null;
  /** Time after the measured phase's start before it began. */
  startTimeMs: NonNegative;
  /** Its level over time (users or iterations per second) from its start, warm-up excluded. */
  profile: { start: NonNegative; stages: Array<{ durationMs: NonNegative; target: NonNegative }> };
}

/** The scheduler's own lag (actual − intended start) in the open model. */
export interface SchedulerStats {
  starts: Count;
  lagMs: LatencyStats;
  /**
   * HDR histogram of the lags in microseconds, encoded as the latency `histogram`s, so that
   * results of workers and segments merge. Absent in results files of older versions.
   * @pattern ^HIST
   */
  histogram?: string;
}

/** A worker thread of `--workers` that died before its results: what it said, and what it took with it. */
export interface WorkerCrash {
  /** 1-based, of `of`. */
  worker: AtLeastOne;
  of: AtLeastOne;
  /** The error or exit code, one line. */
  message: string;
  /** Its iterations counted as failed (the sum of the workflows' `lostToCrash` it caused). */
  lostIterations: Count;
}

/** Which share of a test a results file holds (`--segment i/N`). */
export interface SegmentInfo {
  /** 0-based, as Kubernetes' JOB_COMPLETION_INDEX: 0 to count - 1. */
  index: Count;
  count: AtLeastOne;
}

export interface RunSummary {
  workflowsSucceeded: Count;
  workflowsFailed: Count;
  workflowsInterrupted: Count;
  /** Every request sent in the measured phase, counted once. */
  requests: Count;
  /** The sum of the workflows' `retries` (absent in results files of older versions). */
  retries?: Count;
  droppedIterations: Count;
  /** True when the run was stopped by a signal rather than by its limits. */
  interrupted: boolean;
  /** The threshold (with `abortOnFail`) that stopped the run early, or null. */
  abortedBy: string | null;
}

/** What the warm-up phase did; kept out of every statistic above. */
export interface WarmupSummary {
  durationMs: NonNegative;
  iterations: Count;
  requests: Count;
}

/** One threshold of the plan, evaluated on the final results. */
export interface ThresholdResult {
  /** The expression as written (`workflow.p95 < 300`, `rate.errors < 0.01`), secrets redacted. */
  expr: string;
  ok: boolean;
  /** The measured value the expression compared, or null when nothing was measured. */
  actual: number | null;
  /**
   * The statistic compared (`p95`, `error-rate`, `checks`…), which gives `actual` its unit: ms
   * for latencies, % for `error-rate` and `checks`, per second for `runs/s`, a count otherwise.
   * Absent in results of older versions.
   */
  stat?: string;
  /**
   * Latency thresholds: whether `actual` is of the successful runs (the default) or of every run
   * (`p95{all}`). Absent for other statistics.
   */
  latencyOf?: 'succeeded' | 'all';
  /**
   * True when the threshold was not evaluated because it names a workflow of the project that is
   * not part of this run; `ok` is then true and `actual` null.
   */
  skipped?: boolean;
  /** Why `actual` is null, or the threshold was skipped: one line for a person to read. */
  note?: string;
}

/**
 * The results JSON written by `go-heavy run --out`. Times in milliseconds, counts are integers.
 * @title go-heavy results
 */
export interface RunResult {
  /** @const 1 */
  schemaVersion: number;
  /** The test's id: `--test-id`, shared by the segments of one test, or a UUID. */
  testId: Name;
  /**
   * The share of the test these results hold when it ran as segments (`--segment i/N`); absent
   * for the whole test, `go-heavy merge`'s output included.
   */
  segment?: SegmentInfo;
  /** How many worker threads ran the load (`--workers`); absent for one. */
  workers?: AtLeastOne;
  /**
   * Worker threads that crashed: their results up to their last report are in the counts, their
   * unfinished share is counted as failed (`lostToCrash`). Absent when none did.
   */
  crashedWorkers?: WorkerCrash[];
  /**
   * ISO 8601, UTC
   * @pattern ^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$
   */
  startedAt: string;
  /** Total run time, warm-up excluded. */
  durationMs: NonNegative;
  load: LoadDescription;
  summary: RunSummary;
  warmup: WarmupSummary | null;
  /** Open model: how late iterations started against their schedule. Null in the closed model, which has no schedule. */
  scheduler: SchedulerStats | null;
  workflows: WorkflowResult[];
  timeline: TimelinePoint[];
  /** One entry per threshold of the plan, in its order; empty when the plan has none. */
  thresholds: ThresholdResult[];
  /** Custom metrics of all workflows, rolled up by name (absent when none, and in older results files). */
  metrics?: CustomMetricResult[];
  /** Every workflow's tagged requests added up per tag (absent when none, and in older results files). */
  tagged?: TaggedResult[];
  /** What `ctx.notifications` received and matched (absent when no source was started, and in older results files). */
  notifications?: NotificationsResult;
}

/**
 * The test's asynchronous notifications. Every message received is counted once:
 * `received = matched + late + unmatched + expired`; every wait once: `waits = matched + timedOut + interrupted`.
 * Warm-up included (the hub is one for the whole test).
 */
export interface NotificationsResult {
  /** The sources started, by name (`webhook`, `redis:payments`). */
  sources: Name[];
  /** Messages the sources delivered. */
  received: Count;
  /** `waitFor` calls made. */
  waits: Count;
  /** Messages handed to the `waitFor` of their key. */
  matched: Count;
  /** Of `matched`: messages that arrived before their `waitFor` and were kept until it came. */
  early: Count;
  /** Messages for a key whose `waitFor` had already timed out. */
  late: Count;
  /** Messages without a key, or still kept at the end with no `waitFor` for them. */
  unmatched: Count;
  /** Early messages dropped unclaimed: kept past the buffer's time limit, or pushed out when it was full. */
  expired: Count;
  /** `waitFor` calls that timed out (each failed its step). */
  timedOut: Count;
  /** `waitFor` calls still waiting when the run was cut short. */
  interrupted: Count;
}

/**
 * The requests carrying one tag (`kind=search`), whatever their step, endpoint and other tags,
 * added up: k6's `http_req_duration{kind:search}`. `name` is `{kind=search}`.
 */
export interface TaggedResult extends Stats {
  /** The one tag, as `{ key: value }`. */
  tags: Record<string, string>;
}

// Custom metrics (`ctx.metrics`): one entry per name at each level (step, workflow, run).

/** What every custom metric result carries. */
interface CustomMetricBase {
  name: Name;
}

/** `ctx.metrics.counter(name)`: a running total. */
export interface CounterMetricResult extends CustomMetricBase {
  /** @const "counter" */
  kind: 'counter';
  /** The sum of the amounts added. */
  count: NonNegative;
  /** `count` per second of the measured duration. */
  ratePerSec: NonNegative;
}

/** `ctx.metrics.rate(name)`: a share of true values. */
export interface RateMetricResult extends CustomMetricBase {
  /** @const "rate" */
  kind: 'rate';
  /** Values added, true and false. */
  count: Count;
  /** Values added that were true. */
  passes: Count;
  /**
   * passes / count, 0 when nothing was added.
   * @minimum 0
   * @maximum 1
   */
  rate: number;
}

/** `ctx.metrics.trend(name)`: a distribution of values, in the user's own unit. */
export interface TrendMetricResult extends CustomMetricBase {
  /** @const "trend" */
  kind: 'trend';
  /** Values added. */
  count: Count;
  /** The values' min, max, mean (exact) and percentiles (within 0.1 %), in the metric's unit; all 0 when none. */
  stats: LatencyStats;
  /**
   * HDR histogram of the values × 1000 (rounded to integers), 3 significant digits, compressed
   * base64 like the latency `histogram`s, mergeable.
   * @pattern ^HIST
   */
  histogram: string;
}

/** One custom metric at one level. */
export type CustomMetricResult = CounterMetricResult | RateMetricResult | TrendMetricResult;
