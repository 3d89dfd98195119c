/**
 * The difference between two runs as plain data: what `go-heavy diff` computes once and prints
 * as text, writes as JSON (`--json`) and draws as HTML (`--html`). Run `a` is the baseline, `b`
 * the candidate: every change reads "from a to b". Latencies in milliseconds.
 */

/** Bump when a change to the shape is incompatible; add fields rather than rename them. */
export const DIFF_SCHEMA_VERSION = 1;

/** The statistics a diff compares, in the order it shows them. */
export const DIFF_STATS = ['runs', 'runs/s', 'error-rate', 'min', 'avg', 'max', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const;

/**
 * `runs` a count, `runs/s` per second, `error-rate` failed runs in percent of runs (so its
 * `delta` is in percentage points), the others latencies in milliseconds.
 */
export type DiffStat = (typeof DIFF_STATS)[number];

/** How one statistic of one workflow, step or request changed from run a to run b. */
export interface StatChange {
  stat: DiffStat;
  a: number;
  b: number;
  /** b − a, in the statistic's unit (percentage points for `error-rate`). */
  delta: number;
  /** (b − a) / a in percent; null when a is 0 (no relative change to speak of). */
  pct: number | null;
  /** `worse` when latencies or the error rate rose, or runs/s or runs fell; `same` when equal. */
  verdict: 'better' | 'worse' | 'same';
  /**
   * True when the difference is within run-to-run noise: the 95 % confidence intervals of the two
   * values overlap (percentiles: order-statistic bounds read from the HDR histograms; avg: the
   * standard error; error-rate: a two-proportion test; runs and runs/s: Poisson counts). Absent
   * when it cannot be told (min, max and p100, or no histograms, as for history entries).
   */
  noise?: boolean;
}

/** A workflow, one of its steps, or one request (method + endpoint, and tags) of a step. */
export interface DiffRow {
  level: 'workflow' | 'step' | 'request';
  workflow: string;
  /** Absent at the workflow level. */
  step?: string;
  /** The request's name as the results give it (`GET /items {kind=search}`); absent above the request level. */
  request?: string;
  method?: string;
  endpoint?: string;
  /** `a-only` / `b-only`: measured in one run only (then `changes` is empty). */
  presence: 'both' | 'a-only' | 'b-only';
  /** One entry per statistic both runs have, in {@link DIFF_STATS} order. */
  changes: StatChange[];
}

/** One of the two runs compared. */
export interface DiffSide {
  /** Where it came from, as given: a results file path, or a history entry (`probe@-1`). */
  source: string;
  testId: string;
  startedAt: string;
  durationMs: number;
  requests: number;
  /** Its load in words ("closed model: 5 users, 30 s"), when known. */
  load?: string;
}

/** One `--fail-on` bound and the rows that went past it. */
export interface DiffGate {
  /** As written: `p95 +10%`, `error-rate +1pp`, `runs/s -5%`. */
  expr: string;
  stat: DiffStat;
  /** The change allowed, signed as written; in percent, percentage points or the stat's unit. */
  bound: number;
  unit: '%' | 'pp' | 'ms' | 'abs';
  ok: boolean;
  /** The rows past the bound, with the change that went past it. */
  failures: Array<{ row: string; change: StatChange }>;
}

/** Where a response was made and which one it was: the n-th (from 1) for that request in its log. */
export interface ResponseKey {
  workflow: string | null;
  step: string;
  method: string;
  /** The URL's path and query, without the origin (the two runs may target different hosts). */
  endpoint: string;
  occurrence: number;
}

/** One place where two JSON bodies differ. */
export interface BodyChange {
  /** A JSON pointer (`/items/0/price`); `` for the whole body. */
  path: string;
  kind: 'added' | 'removed' | 'changed' | 'moved';
  /** The value in a (absent when added), as JSON text cut to 200 characters. */
  a?: string;
  /** The value in b (absent when removed), as JSON text cut to 200 characters. */
  b?: string;
}

/** A response of the same request that differs between the two request logs. */
export interface ResponseDifference extends ResponseKey {
  /** The request ids in each log (`x-request-id`), to find the lines again. */
  idA: string;
  idB: string;
  /** Present when the status (or no response: null) changed. */
  status?: { a: number | null; b: number | null };
  /** Present when the bodies differ: JSON-aware changes, or `text` for bodies that are not JSON. */
  body?: { changes: BodyChange[]; text?: true; truncated?: true };
}

/** The responses of the same request (by {@link ResponseKey}) across the two request logs. */
export interface ResponseDiff {
  /** Requests found in both logs. */
  matched: number;
  /** Requests in one log only (by workflow, step, method, endpoint and occurrence). */
  onlyA: number;
  onlyB: number;
  /** Matched requests whose responses differ; `statusChanged` and `bodyChanged` may overlap. */
  differing: number;
  statusChanged: number;
  bodyChanged: number;
  /** Per request (occurrences folded): how many responses differed, and in what. */
  groups: Array<Omit<ResponseKey, 'occurrence'> & { differing: number; statuses: Array<{ a: number | null; b: number | null; count: number }>; paths: Array<{ path: string; count: number }> }>;
  /** The first differences, in log order, at most the limit asked for. */
  listed: ResponseDifference[];
  /** Differences beyond the limit, counted but not listed. */
  unlisted: number;
}

/** The difference between two runs. */
export interface RunDiff {
  /** @const 1 */
  schemaVersion: number;
  a: DiffSide;
  b: DiffSide;
  /** Workflows, each followed by its steps, each step by its requests; rows of b-only entities at the end of their parent. */
  rows: DiffRow[];
  /** One per `--fail-on`, in order; empty without. */
  gates: DiffGate[];
  /** With `--requests`: the responses that differ. */
  responses?: ResponseDiff;
}
