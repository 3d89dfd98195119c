import type { LoadDescription, RunResult, Stats } from '@go-heavy/core';

/**
 * The version of a history line's shape. Readers ignore fields they do not know, so adding one
 * keeps it; bump it only when a field changes meaning or goes, and read the old shape too.
 */
const SCHEMA_VERSION = 1;

/** The statistics of one workflow, step or request of a run: one entry of {@link RunLine.stats}. */
export interface StatsLine {
  level: 'workflow' | 'step' | 'request';
  workflow: string;
  /** Absent at the workflow level. */
  step?: string;
  /** Present at the request level only, with `endpoint`. */
  method?: string;
  endpoint?: string;
  runs: number;
  failed: number;
  /** Runs per second. */
  rate: number;
  /** Latencies in milliseconds. */
  min: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  /** Failed runs in percent of runs (0 without runs). */
  errorRate: number;
}

/**
 * The load a run was made with, as its results describe it (`RunResult.load`), without what does
 * not change the load on the target (warm-up, graceful stop) and, for a gaussian, without its
 * sampled legs (its `shape` says it in four numbers). Absent in lines of older versions.
 */
export type RunLoad = Pick<LoadDescription, 'model' | 'users' | 'rate' | 'maxUsers' | 'durationMs' | 'iterations' | 'uniqueUsers' | 'distribution' | 'jitter'> &
  Partial<Pick<LoadDescription, 'profile' | 'shape' | 'profileSource'>>;

/** What a stored run is, besides its statistics: the results' counts and what they do not say. */
export interface RunFacts {
  testId: string;
  service: string;
  startedAt: string;
  durationMs: number;
  /** The git commit of the load tests' repository, or null outside git. */
  commit: string | null;
  tags: Record<string, string>;
  model: string;
  requests: number;
  succeeded: number;
  failed: number;
  interrupted: number;
  dropped: number;
  /** Stopped by Ctrl-C or an abortOnFail threshold rather than by its limits. */
  stoppedEarly: boolean;
  thresholdsFailed: number;
  /** The load of the run; null for runs recorded by older versions, which did not keep it. */
  load: RunLoad | null;
}

/** One line of the history file: a run, what the results do not say about it, and its stats. */
export interface RunLine extends RunFacts {
  v: number;
  stats: StatsLine[];
}

/** The line recorded for `result`. */
export function toRunLine(result: RunResult, context: { service: string; commit: string | null; tags: Record<string, string> }): RunLine {
  const s = result.summary;
  const stats: StatsLine[] = [];
  for (const wf of result.workflows) {
    stats.push(statsLine({ level: 'workflow', workflow: wf.name }, wf));
    for (const step of wf.steps) {
      stats.push(statsLine({ level: 'step', workflow: wf.name, step: step.name }, step));
      for (const r of step.requests) stats.push(statsLine({ level: 'request', workflow: wf.name, step: step.name, method: r.method, endpoint: r.endpoint }, r));
    }
  }
  return {
    v: SCHEMA_VERSION,
    testId: result.testId,
    service: context.service,
    startedAt: result.startedAt,
    durationMs: result.durationMs,
    commit: context.commit,
    tags: context.tags,
    model: result.load.model,
    requests: s.requests,
    succeeded: s.workflowsSucceeded,
    failed: s.workflowsFailed,
    interrupted: s.workflowsInterrupted,
    dropped: s.droppedIterations,
    stoppedEarly: s.interrupted || s.abortedBy !== null,
    thresholdsFailed: result.thresholds.filter((t) => !t.ok).length,
    load: runLoad(result.load),
    stats,
  };
}

/** The part of a run's load description a history line keeps. */
function runLoad(load: LoadDescription): RunLoad {
  const { model, users, rate, maxUsers, durationMs, iterations, uniqueUsers, distribution, jitter, profile, shape, profileSource } = load;
  return {
    model,
    users,
    rate,
    maxUsers,
    durationMs,
    iterations,
    uniqueUsers,
    distribution,
    jitter,
    // A gaussian's legs are up to 10 000 points its four settings describe.
    ...(shape ? { shape } : { profile }),
    ...(profileSource !== undefined && { profileSource }),
  };
}

function statsLine(where: Pick<StatsLine, 'level' | 'workflow' | 'step' | 'method' | 'endpoint'>, stats: Stats): StatsLine {
  const l = stats.latencyMs;
  return {
    ...where,
    runs: stats.runs,
    failed: stats.failed,
    rate: stats.ratePerSec,
    min: l.min,
    mean: l.mean,
    p50: l.p50,
    p90: l.p90,
    p95: l.p95,
    p99: l.p99,
    max: l.max,
    errorRate: stats.runs === 0 ? 0 : (100 * stats.failed) / stats.runs,
  };
}

/** Thrown for a line written by a newer go-heavy, whose meaning this one cannot know. */
class NewerHistoryError extends Error {
  constructor(file: string, version: number) {
    super(`${file} was written by a newer go-heavy (history format ${version}, this one reads ${SCHEMA_VERSION}): upgrade go-heavy to read it`);
    this.name = 'NewerHistoryError';
  }
}

/**
 * The run a line holds, or null for a line that is not one (blank, or cut short by a crash in
 * the middle of a write). Throws {@link NewerHistoryError} for a line of a newer format.
 */
export function parseRunLine(text: string, file: string): RunLine | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const line = value as Partial<RunLine>;
  if (typeof line.v !== 'number' || typeof line.testId !== 'string' || typeof line.service !== 'string' || typeof line.startedAt !== 'string' || !Array.isArray(line.stats)) {
    return null;
  }
  if (line.v > SCHEMA_VERSION) throw new NewerHistoryError(file, line.v);
  return line as RunLine;
}
