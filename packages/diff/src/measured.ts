import type { DiffSide, DiffStat, RunResult, Stats } from '@go-heavy/core';

/** The statistics of one workflow, step or request of one run, as the diff reads them. */
export interface MeasuredEntity {
  level: 'workflow' | 'step' | 'request';
  workflow: string;
  step?: string;
  /** The request's name (`GET /items {kind=search}`): with `workflow` and `step`, its identity. */
  request?: string;
  method?: string;
  endpoint?: string;
  /** The statistics known for it; a history entry has fewer than a results file. */
  values: Partial<Record<DiffStat, number>>;
  /** The HDR histogram of its latencies (results files only): lets the diff tell noise from change. */
  histogram?: string;
}

/** One run to compare: what it is, and its entities, each workflow followed by its steps and their requests. */
export interface DiffSource {
  side: DiffSide;
  /** The measured duration in milliseconds (the rate's denominator, for its noise). */
  durationMs: number;
  entities: MeasuredEntity[];
}

/** A results file (`go-heavy run --out`) as a {@link DiffSource}; `source` names it in the diff. */
export function fromRunResult(result: RunResult, source: string, load?: string): DiffSource {
  const entities: MeasuredEntity[] = [];
  for (const wf of result.workflows) {
    entities.push(measured({ level: 'workflow', workflow: wf.name }, wf));
    for (const step of wf.steps) {
      entities.push(measured({ level: 'step', workflow: wf.name, step: step.name }, step));
      for (const req of step.requests) {
        entities.push(measured({ level: 'request', workflow: wf.name, step: step.name, request: req.name, method: req.method, endpoint: req.endpoint }, req));
      }
    }
  }
  return {
    side: {
      source,
      testId: result.testId,
      startedAt: result.startedAt,
      durationMs: result.durationMs,
      requests: result.summary.requests,
      ...(load !== undefined && { load }),
    },
    durationMs: result.durationMs,
    entities,
  };
}

/** Every statistic of a results level, in the diff's names and units. */
export function statValues(stats: Stats): Record<DiffStat, number> {
  const l = stats.latencyMs;
  return {
    runs: stats.runs,
    'runs/s': stats.ratePerSec,
    'error-rate': stats.runs === 0 ? 0 : (100 * stats.failed) / stats.runs,
    min: l.min,
    avg: l.mean,
    max: l.max,
    p10: l.p10,
    p25: l.p25,
    p50: l.p50,
    p75: l.p75,
    p90: l.p90,
    p95: l.p95,
    p99: l.p99,
    p100: l.p100,
  };
}

function measured(where: Omit<MeasuredEntity, 'values' | 'histogram'>, stats: Stats): MeasuredEntity {
  return { ...where, values: statValues(stats), ...(typeof stats.histogram === 'string' && stats.histogram !== '' && { histogram: stats.histogram }) };
}

/** The identity of an entity across runs: `workflow`, then `step`, then the request's name. */
export function entityKey(e: Pick<MeasuredEntity, 'workflow' | 'step' | 'request'>): string {
  return JSON.stringify([e.workflow, e.step ?? null, e.request ?? null]);
}

/** An entity as people name it: `shop/buy`, `shop/buy › pay`, `shop/buy › pay › POST /pay`. */
export function entityLabel(e: Pick<MeasuredEntity, 'workflow' | 'step' | 'request'>): string {
  return [e.workflow, e.step, e.request].filter((part) => part !== undefined).join(' › ');
}
