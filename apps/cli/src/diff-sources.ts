import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import type { DiffStat } from '@go-heavy/core';
import { fromRunResult, type DiffSource, type MeasuredEntity, type RequestLogLine } from '@go-heavy/diff';
import type { HistoryRun, HistoryStore, StatsLine } from '@go-heavy/history';
import { describeLoad } from '@go-heavy/reporter';
import { ndjsonLines } from './read-ndjson.js';
import { readResultsFile } from './read-results.js';

/** A results file (`go-heavy run --out`) as one side of a diff. */
export async function resultsSource(file: string): Promise<DiffSource> {
  const result = await readResultsFile(path.resolve(file));
  return fromRunResult(result, file, describeLoad(result.load));
}

const REF = /^(.+)@(-?\d+|[^@]+)$/;
const REF_HELP = 'expected <service>@<n>: @-1 the latest run, @-2 the one before, @7 the run of id 7, or @<test id>';

/**
 * A history entry as one side of a diff: `probe@-1` is the latest run of service probe, `@-2`
 * the one before, `probe@7` the run of id 7 (its line in the history file, as `go-heavy history`
 * counts), `probe@<test id>` the run of that test id.
 */
export function historySource(store: HistoryStore, ref: string, which: string): DiffSource {
  const m = REF.exec(ref);
  if (!m) throw new ConfigError(`${which}: ${JSON.stringify(ref)}: ${REF_HELP}`);
  const service = m[1]!;
  const runs = store.runs(service);
  if (runs.length === 0) throw new ConfigError(`${which}: no runs of service "${service}" in ${store.file}: run it first (go-heavy run ${service})`);
  const at = m[2]!;
  let run: HistoryRun | undefined;
  if (/^-\d+$/.test(at)) run = runs[runs.length + Number(at)];
  else if (/^\d+$/.test(at)) run = runs.find((r) => r.id === Number(at));
  else run = runs.find((r) => r.testId === at);
  if (run === undefined || Number(at) === 0) {
    throw new ConfigError(
      `${which}: no run ${JSON.stringify(ref)} in ${store.file}: service "${service}" has ${runs.length} run${runs.length === 1 ? '' : 's'} (ids ${runs[0]!.id}…${runs[runs.length - 1]!.id}): ${REF_HELP}`,
    );
  }
  const stats = store.statsOf(run.id) ?? [];
  return {
    side: { source: ref, testId: run.testId, startedAt: run.startedAt, durationMs: run.durationMs, requests: run.requests, ...(run.load && { load: describeLoad(run.load) }) },
    durationMs: run.durationMs,
    entities: stats.map(entityOf),
  };
}

/** A history line's statistics, under the diff's names (history keeps fewer than a results file). */
function entityOf(line: StatsLine): MeasuredEntity {
  const values: Partial<Record<DiffStat, number>> = {
    runs: line.runs,
    'runs/s': line.rate,
    'error-rate': line.errorRate,
    min: line.min,
    avg: line.mean,
    max: line.max,
    p50: line.p50,
    p90: line.p90,
    p95: line.p95,
    p99: line.p99,
  };
  return {
    level: line.level,
    workflow: line.workflow,
    ...(line.step !== undefined && { step: line.step }),
    ...(line.level === 'request' && { request: `${line.method} ${line.endpoint}`, method: line.method, endpoint: line.endpoint }),
    values,
  };
}

/** The history file, which must exist: reading never creates one. */
export function existingHistory(file: string): string {
  if (!existsSync(file)) throw new ConfigError(`--history: no history in ${file}: expected the file \`go-heavy run\` records runs in (name it with --history-file)`);
  return file;
}

/** A request log's lines as the response diff reads them; a line without the fields it needs is a usage error. */
export async function requestLogLines(file: string): Promise<AsyncIterable<RequestLogLine>> {
  const lines = await ndjsonLines('--requests', file);
  return (async function* () {
    let n = 0;
    for await (const line of lines) {
      n++;
      if (typeof line.url !== 'string' || typeof line.method !== 'string' || typeof line.step !== 'string' || !('status' in line)) {
        throw new ConfigError(`--requests: ${file}: request ${n}: expected a line of \`go-heavy run --log-requests\` (with method, url, step and status)`);
      }
      yield line as unknown as RequestLogLine;
    }
  })();
}
