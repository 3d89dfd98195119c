import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { RunResult, Stats } from '@go-heavy/core';
import { STAT_COLUMN, type HistoryStat } from './history-stats.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

/** What the results do not say about a run: whose, at which commit, with which tags. */
export interface RunContext {
  service: string;
  /** The git commit of the load tests' repository, or null outside git. */
  commit: string | null;
  /** Free-form labels such as `env=staging`. */
  tags: Record<string, string>;
}

/** One stored run, newest last in lists. */
export interface HistoryRun {
  id: number;
  testId: string;
  service: string;
  startedAt: string;
  durationMs: number;
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
}

/** Which series to read: a workflow, a step of it, or a request of that step. */
export interface SeriesQuery {
  workflow: string;
  step?: string;
  method?: string;
  endpoint?: string;
  stat: HistoryStat;
  /** Only the last N runs (default all). */
  last?: number;
  /** Only runs carrying all these tags. */
  tags?: Record<string, string>;
}

export interface SeriesPoint {
  run: HistoryRun;
  value: number;
}

interface RunRow {
  id: number;
  test_id: string;
  service: string;
  started_at: string;
  duration_ms: number;
  git_commit: string | null;
  tags: string;
  model: string;
  requests: number;
  succeeded: number;
  failed: number;
  interrupted: number;
  dropped: number;
  stopped_early: number;
  thresholds_failed: number;
}

/**
 * Every run of every service in one SQLite file (`<root>/.go-heavy/history.db` by default):
 * a row per run and a row per workflow, step and request of it. Safe to open from several
 * processes one after another (WAL journal).
 */
export class HistoryStore {
  private readonly db: Database.Database;

  private constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    const version = this.db.prepare("SELECT value FROM meta WHERE key = 'schema'").get() as { value: string } | undefined;
    if (version === undefined) this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema', ?)").run(String(SCHEMA_VERSION));
    else if (Number(version.value) > SCHEMA_VERSION) {
      throw new Error(`${file} was written by a newer go-heavy (history schema ${version.value}, this one reads ${SCHEMA_VERSION})`);
    }
  }

  /** Opens (creating when needed) the store at `file`. */
  static open(file: string): HistoryStore {
    return new HistoryStore(file);
  }

  /** Appends a run and the statistics of its every workflow, step and request. Returns its id. */
  record(result: RunResult, context: RunContext): number {
    const insertRun = this.db.prepare(`INSERT INTO runs (test_id, service, started_at, duration_ms, git_commit, tags, model, requests,
      succeeded, failed, interrupted, dropped, stopped_early, thresholds_failed)
      VALUES (@testId, @service, @startedAt, @durationMs, @commit, @tags, @model, @requests, @succeeded, @failed, @interrupted, @dropped, @stoppedEarly, @thresholdsFailed)`);
    const insertStats = this.db.prepare(`INSERT INTO stats (run_id, level, workflow, step, method, endpoint, runs, failed, rate, min, mean, p50, p90, p95, p99, max, error_rate)
      VALUES (@runId, @level, @workflow, @step, @method, @endpoint, @runs, @failed, @rate, @min, @mean, @p50, @p90, @p95, @p99, @max, @errorRate)`);
    const s = result.summary;
    const write = this.db.transaction(() => {
      const { lastInsertRowid } = insertRun.run({
        testId: result.testId,
        service: context.service,
        startedAt: result.startedAt,
        durationMs: result.durationMs,
        commit: context.commit,
        tags: JSON.stringify(context.tags),
        model: result.load.model,
        requests: s.requests,
        succeeded: s.workflowsSucceeded,
        failed: s.workflowsFailed,
        interrupted: s.workflowsInterrupted,
        dropped: s.droppedIterations,
        stoppedEarly: s.interrupted || s.abortedBy !== null ? 1 : 0,
        thresholdsFailed: result.thresholds.filter((t) => !t.ok).length,
      });
      const runId = Number(lastInsertRowid);
      for (const wf of result.workflows) {
        insertStats.run(row(runId, 'workflow', wf.name, '', '', '', wf));
        for (const step of wf.steps) {
          insertStats.run(row(runId, 'step', wf.name, step.name, '', '', step));
          for (const r of step.requests) insertStats.run(row(runId, 'request', wf.name, step.name, r.method, r.endpoint, r));
        }
      }
      return runId;
    });
    return write();
  }

  /** The runs of a service, oldest first; with `last`, only the newest N of them. */
  runs(service: string, options: { last?: number; tags?: Record<string, string> } = {}): HistoryRun[] {
    const rows = this.db.prepare('SELECT * FROM runs WHERE service = ? ORDER BY started_at DESC, id DESC').all(service) as RunRow[];
    const matching = rows.map(toRun).filter((run) => hasTags(run, options.tags));
    return (options.last === undefined ? matching : matching.slice(0, options.last)).reverse();
  }

  /** The workflows a service's runs measured, sorted. */
  workflows(service: string): string[] {
    const rows = this.db
      .prepare("SELECT DISTINCT s.workflow FROM stats s JOIN runs r ON r.id = s.run_id WHERE r.service = ? AND s.level = 'workflow' ORDER BY s.workflow")
      .all(service) as Array<{ workflow: string }>;
    return rows.map((r) => r.workflow);
  }

  /** One statistic of a workflow, step or request over the service's runs, oldest first. */
  series(service: string, query: SeriesQuery): SeriesPoint[] {
    const level = query.method !== undefined ? 'request' : query.step !== undefined ? 'step' : 'workflow';
    const column = STAT_COLUMN[query.stat];
    const rows = this.db
      .prepare(`SELECT r.*, s.${column} AS value FROM stats s JOIN runs r ON r.id = s.run_id
        WHERE r.service = ? AND s.level = ? AND s.workflow = ? AND s.step = ? AND s.method = ? AND s.endpoint = ?
        ORDER BY r.started_at DESC, r.id DESC`)
      .all(service, level, query.workflow, query.step ?? '', query.method ?? '', query.endpoint ?? '') as Array<RunRow & { value: number }>;
    const points = rows.map((r) => ({ run: toRun(r), value: r.value })).filter((p) => hasTags(p.run, query.tags));
    return (query.last === undefined ? points : points.slice(0, query.last)).reverse();
  }

  close(): void {
    this.db.close();
  }
}

function row(runId: number, level: string, workflow: string, step: string, method: string, endpoint: string, stats: Stats) {
  const l = stats.latencyMs;
  return {
    runId, level, workflow, step, method, endpoint,
    runs: stats.runs, failed: stats.failed, rate: stats.ratePerSec,
    min: l.min, mean: l.mean, p50: l.p50, p90: l.p90, p95: l.p95, p99: l.p99, max: l.max,
    errorRate: stats.runs === 0 ? 0 : (100 * stats.failed) / stats.runs,
  };
}

function toRun(r: RunRow): HistoryRun {
  return {
    id: r.id,
    testId: r.test_id,
    service: r.service,
    startedAt: r.started_at,
    durationMs: r.duration_ms,
    commit: r.git_commit,
    tags: JSON.parse(r.tags) as Record<string, string>,
    model: r.model,
    requests: r.requests,
    succeeded: r.succeeded,
    failed: r.failed,
    interrupted: r.interrupted,
    dropped: r.dropped,
    stoppedEarly: r.stopped_early === 1,
    thresholdsFailed: r.thresholds_failed,
  };
}

function hasTags(run: HistoryRun, tags: Record<string, string> | undefined): boolean {
  if (tags === undefined) return true;
  return Object.entries(tags).every(([k, v]) => run.tags[k] === v);
}
