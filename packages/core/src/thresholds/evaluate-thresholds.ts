import type { LiveStats, LiveStep, LiveView, LiveWorkflow } from '../contracts/live-view.js';
import type { CheckResult, LatencyStats, ThresholdResult } from '../contracts/run-result.js';
import { metricThresholdValue } from './metric-threshold.js';
import { LATENCY_STATS, type StatThreshold, type Threshold } from './parse-threshold.js';
import { sameTags, taggedAt } from './request-tags-target.js';

/** A measured value, or null and the reason nothing could be measured. */
type Measured = { actual: number; note?: undefined } | { actual: null; note: string };

const none = (note: string): Measured => ({ actual: null, note });

/**
 * Each threshold against the results: its actual value and whether it held. A threshold whose
 * target did not run, matched nothing, or has nothing to measure (a latency with no successful
 * run, checks where none was made) fails, with a `note` saying why; one the plan marks as
 * `skip` is reported as skipped, neither evaluated nor failed. Takes the live view as well as
 * the final results (a `RunResult` is a `LiveView`): abortOnFail checks the view.
 */
export function evaluateThresholds(thresholds: readonly Threshold[], result: LiveView): ThresholdResult[] {
  return thresholds.map((t) => {
    const out: ThresholdResult = { expr: t.expr, ok: true, actual: null, stat: t.stat };
    if (!('metric' in t) && LATENCY_STATS.has(t.stat)) out.latencyOf = t.latencyOf ?? 'succeeded';
    if (t.skip !== undefined) {
      out.skipped = true;
      out.note = t.skip;
      return out;
    }
    const measured = measure(t, result);
    out.actual = measured.actual;
    out.ok = measured.actual !== null && compare(measured.actual, t.op, t.value);
    if (measured.note !== undefined) out.note = measured.note;
    return out;
  });
}

function measure(t: Threshold, result: LiveView): Measured {
  if ('metric' in t) {
    const actual = metricThresholdValue(t, result);
    return actual === null ? none(`not measured: metric "${t.metric}" recorded no ${t.stat} here`) : { actual };
  }
  const { target } = t;
  if (target.level === 'run') return runStat(t, result);
  if (target.level === 'tag') {
    const tagged = taggedAt(target, result);
    const tags = Object.entries(target.tags)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return tagged ? statOf(t, tagged, undefined, undefined) : none(`matched nothing: no request tagged {${tags}}${target.workflow === null ? '' : ` in ${target.workflow}`}`);
  }
  const wf = result.workflows.find((w) => w.name === target.workflow);
  if (!wf) return none(`${target.workflow} did not run`);
  if (target.level === 'workflow') return statOf(t, wf, wf, wf.checks);
  const step = wf.steps.find((s) => s.name === target.step);
  if (!step) return none(`matched nothing: ${wf.name} ran no step "${target.step}" (steps: ${namesOf(wf.steps)})`);
  if (target.level === 'step') return statOf(t, step, wf, stepChecks(step));
  const request = step.requests.find((r) => r.method === target.method && r.endpoint === target.endpoint && sameTags(r.tags, target.tags));
  if (!request) {
    const made = step.requests.map((r) => `${r.method} ${r.endpoint}`);
    return none(`matched nothing: step "${step.name}" of ${wf.name} sent no ${target.method} ${target.endpoint} (requests: ${made.length > 0 ? made.join(', ') : 'none'})`);
  }
  return statOf(t, request, wf, undefined);
}

function runStat(t: StatThreshold, result: LiveView): Measured {
  const s = result.summary;
  const runs = s.workflowsSucceeded + s.workflowsFailed;
  switch (t.stat) {
    case 'dropped':
      return { actual: s.droppedIterations };
    case 'interrupted':
      return { actual: s.workflowsInterrupted };
    case 'requests':
      return { actual: s.requests };
    case 'failed':
      return { actual: s.workflowsFailed };
    case 'runs':
      return { actual: runs };
    case 'error-rate':
      return runs === 0 ? none('no iteration ended') : { actual: (100 * s.workflowsFailed) / runs };
    case 'checks':
      return checkShare(result.workflows.flatMap((w) => w.checks));
    default:
      return none(`${t.stat} needs a workflow, step or request`);
  }
}

function statOf(t: StatThreshold, stats: LiveStats, wf: LiveWorkflow | undefined, checks: CheckResult[] | undefined): Measured {
  if (LATENCY_STATS.has(t.stat)) return latencyOf(t, stats);
  switch (t.stat) {
    case 'error-rate':
      return stats.runs === 0 ? none('no runs') : { actual: (100 * stats.failed) / stats.runs };
    case 'checks':
      return checks === undefined ? none('no checks are counted here') : checkShare(checks);
    case 'runs/s':
      return { actual: stats.ratePerSec };
    case 'runs':
      return { actual: stats.runs };
    case 'failed':
      return { actual: stats.failed };
    // Drops, interruptions and requests belong to the workflow, whatever level was named.
    case 'dropped':
      return wf ? { actual: wf.dropped } : none('dropped needs a workflow');
    case 'interrupted':
      return wf ? { actual: wf.interrupted } : none('interrupted needs a workflow');
    case 'requests':
      return wf ? { actual: wf.requests } : none('requests needs a workflow');
    default:
      return none(`unknown stat ${t.stat}`);
  }
}

/** A latency statistic of the successful runs (the default) or of every run (`{all}`). */
function latencyOf(t: StatThreshold, stats: LiveStats): Measured {
  const key = t.stat === 'avg' ? 'mean' : (t.stat as keyof LatencyStats);
  if (t.latencyOf === 'all') return stats.runs === 0 ? none('no runs') : { actual: stats.latencyMs[key] };
  if (stats.succeeded === 0) return none(stats.runs === 0 ? 'no runs' : `no successful runs (${stats.failed} failed)`);
  // Results without the successful runs' own latency (older files, other recorders): without
  // failures, every run was a successful one.
  const succeeded = stats.succeededLatencyMs ?? (stats.failed === 0 ? stats.latencyMs : undefined);
  return succeeded === undefined ? none('these results have no latency of the successful runs alone') : { actual: succeeded[key] };
}

/** The percentage of checks passed; none when no check was made. */
function checkShare(checks: readonly CheckResult[]): Measured {
  let passed = 0;
  let failed = 0;
  for (const c of checks) {
    passed += c.passed;
    failed += c.failed;
  }
  return passed + failed === 0 ? none('no checks were made') : { actual: (100 * passed) / (passed + failed) };
}

/** A step's checks; results of older versions have none per step. */
function stepChecks(step: LiveStep): CheckResult[] {
  return step.checks ?? [];
}

function namesOf(items: ReadonlyArray<{ name: string }>): string {
  return items.length > 0 ? items.map((i) => `"${i.name}"`).join(', ') : 'none';
}

function compare(actual: number, op: Threshold['op'], value: number): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}
