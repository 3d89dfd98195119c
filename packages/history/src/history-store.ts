import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { appendLine, readHistoryFile } from './history-file.js';
import { STAT_FIELD, type HistoryStat } from './history-stats.js';
import { parseRunLine, toRunLine, type RunFacts, type RunLine, type StatsLine } from './schema.js';

/** What the results do not say about a run: whose, at which commit, with which tags. */
export interface RunContext {
  service: string;
  /** The git commit of the load tests' repository, or null outside git. */
  commit: string | null;
  /** Free-form labels such as `env=staging`. */
  tags: Record<string, string>;
}

/** One stored run, newest last in lists. */
export interface HistoryRun extends RunFacts {
  /** Its position in the file, from 1: stable, since the file is only ever appended to. */
  id: number;
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

/** A run as read: its line and its position in the file. */
interface StoredRun {
  run: HistoryRun;
  line: RunLine;
}

/**
 * Every run of every service in one append-only file of JSON lines (`<root>/.go-heavy/history.ndjson`
 * by default), one line per run with the statistics of its every workflow, step and request.
 * Several processes may record into the same file at once (each line is one O_APPEND write);
 * a line cut short by a crash is skipped on reading and never harms the lines after it.
 * Reading parses the file again only when it has grown since the last read.
 */
export class HistoryStore {
  private size: number | undefined;
  private stored: StoredRun[] = [];
  /** Lines that are not runs (torn by a crash, or broken by hand) in the file as last read. */
  skippedLines = 0;

  private constructor(readonly file: string) {
    this.load();
  }

  /** Opens the store at `file` (created with its folder on the first record). */
  static open(file: string): HistoryStore {
    return new HistoryStore(path.resolve(file));
  }

  /**
   * Appends a run and the statistics of its every workflow, step and request; throws when a run
   * of the same test id is already there. Returns its id.
   */
  record(result: RunResult, context: RunContext): number {
    const known = this.load();
    if (known.some((s) => s.line.testId === result.testId)) {
      throw new Error(`run ${result.testId} is already recorded in ${this.file}: test ids are UNIQUE in a history`);
    }
    const line = toRunLine(result, context);
    const text = JSON.stringify(line);
    const size = appendLine(this.file, text, this.size);
    if (size !== undefined) {
      // Nobody else wrote meanwhile: the file is what was read plus this line, no need to read it again.
      this.size = size;
      const run = toRun(known.length + 1, line);
      this.stored.push({ run, line });
      return run.id;
    }
    return this.load().find((s) => s.line.testId === result.testId)?.run.id ?? this.stored.length;
  }

  /** The runs of a service, oldest first; with `last`, only the newest N of them. */
  runs(service: string, options: { last?: number; tags?: Record<string, string> } = {}): HistoryRun[] {
    const matching = this.ofService(service)
      .map((s) => s.run)
      .filter((run) => hasTags(run, options.tags));
    return options.last === undefined ? matching : matching.slice(Math.max(0, matching.length - options.last));
  }

  /** The workflows a service's runs measured, sorted. */
  workflows(service: string): string[] {
    const names = new Set<string>();
    for (const s of this.ofService(service)) for (const stats of s.line.stats) if (stats.level === 'workflow') names.add(stats.workflow);
    return [...names].sort();
  }

  /** One statistic of a workflow, step or request over the service's runs, oldest first. */
  series(service: string, query: SeriesQuery): SeriesPoint[] {
    const level = query.method !== undefined ? 'request' : query.step !== undefined ? 'step' : 'workflow';
    const field = STAT_FIELD[query.stat];
    const points: SeriesPoint[] = [];
    for (const s of this.ofService(service)) {
      if (!hasTags(s.run, query.tags)) continue;
      const stats = s.line.stats.find(
        (x) =>
          x.level === level && x.workflow === query.workflow && (x.step ?? '') === (query.step ?? '') && (x.method ?? '') === (query.method ?? '') && (x.endpoint ?? '') === (query.endpoint ?? ''),
      );
      if (stats !== undefined) points.push({ run: s.run, value: stats[field] });
    }
    return query.last === undefined ? points : points.slice(Math.max(0, points.length - query.last));
  }

  /**
   * The statistics of every workflow, step and request of a stored run (by its `id`), as they
   * were recorded; undefined when there is no such run.
   */
  statsOf(id: number): StatsLine[] | undefined {
    return this.load().find((s) => s.run.id === id)?.line.stats;
  }

  /** Nothing stays open between calls; kept so callers release the store the same way as before. */
  close(): void {
    this.stored = [];
    this.size = undefined;
  }

  /** The runs of a service, oldest first (by start time, then position in the file). */
  private ofService(service: string): StoredRun[] {
    return this.load()
      .filter((s) => s.line.service === service)
      .sort((a, b) => (a.line.startedAt < b.line.startedAt ? -1 : a.line.startedAt > b.line.startedAt ? 1 : a.run.id - b.run.id));
  }

  /** Every run in the file, read again only when the file has changed size. */
  private load(): StoredRun[] {
    const { size, text } = readHistoryFile(this.file, this.size);
    if (text === undefined) return this.stored;
    const stored: StoredRun[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const lineText of text.split('\n')) {
      const line = parseRunLine(lineText, this.file);
      if (line === null) {
        if (lineText.trim() !== '') skipped++;
        continue;
      }
      // Two writers racing with the same test id: the first line counts.
      if (seen.has(line.testId)) continue;
      seen.add(line.testId);
      stored.push({ run: toRun(stored.length + 1, line), line });
    }
    this.size = size;
    this.stored = stored;
    this.skippedLines = skipped;
    return stored;
  }
}

function toRun(id: number, l: RunLine): HistoryRun {
  return {
    id,
    testId: l.testId,
    service: l.service,
    startedAt: l.startedAt,
    durationMs: l.durationMs,
    commit: l.commit ?? null,
    tags: l.tags ?? {},
    model: l.model,
    requests: l.requests,
    succeeded: l.succeeded,
    failed: l.failed,
    interrupted: l.interrupted,
    dropped: l.dropped,
    stoppedEarly: l.stoppedEarly === true,
    thresholdsFailed: l.thresholdsFailed,
    load: l.load ?? null,
  };
}

function hasTags(run: HistoryRun, tags: Record<string, string> | undefined): boolean {
  if (tags === undefined) return true;
  return Object.entries(tags).every(([k, v]) => run.tags[k] === v);
}
