import type { LiveStats, LiveView, LiveWorkflow } from '../contracts/live-view.js';
import type { ThresholdResult } from '../contracts/run-result.js';
import { metricThresholdValue } from './metric-threshold.js';
import type { StatThreshold, Threshold } from './parse-threshold.js';
import { sameTags, taggedAt } from './request-tags-target.js';

/**
 * Each threshold against the results: its actual value (null when its target did not run:
 * a threshold on something that never ran fails) and whether it held. Takes the live view as
 * well as the final results (a `RunResult` is a `LiveView`): abortOnFail checks the view.
 */
export function evaluateThresholds(thresholds: readonly Threshold[], result: LiveView): ThresholdResult[] {
  return thresholds.map((t) => {
    const actual = actualValue(t, result);
    return { expr: t.expr, ok: actual !== null && compare(actual, t.op, t.value), actual };
  });
}

function actualValue(t: Threshold, result: LiveView): number | null {
  if ('metric' in t) return metricThresholdValue(t, result);
  const { target } = t;
  if (target.level === 'run') {
    const s = result.summary;
    const runs = s.workflowsSucceeded + s.workflowsFailed;
    switch (t.stat) {
      case 'dropped':
        return s.droppedIterations;
      case 'interrupted':
        return s.workflowsInterrupted;
      case 'requests':
        return s.requests;
      case 'failed':
        return s.workflowsFailed;
      case 'runs':
        return runs;
      case 'error-rate':
        return runs === 0 ? null : (100 * s.workflowsFailed) / runs;
      default:
        return null;
    }
  }
  if (target.level === 'tag') {
    const tagged = taggedAt(target, result);
    return tagged ? statOf(t, tagged, undefined) : null;
  }
  const wf = result.workflows.find((w) => w.name === target.workflow);
  if (!wf) return null;
  if (target.level === 'workflow') return statOf(t, wf, wf);
  const step = wf.steps.find((s) => s.name === target.step);
  if (!step) return null;
  if (target.level === 'step') return statOf(t, step, wf);
  const request = step.requests.find((r) => r.method === target.method && r.endpoint === target.endpoint && sameTags(r.tags, target.tags));
  return request ? statOf(t, request, wf) : null;
}

function statOf(t: StatThreshold, stats: LiveStats, wf: LiveWorkflow | undefined): number | null {
  const l = stats.latencyMs;
  switch (t.stat) {
    case 'min':
      return stats.runs === 0 ? null : l.min;
    case 'max':
      return stats.runs === 0 ? null : l.max;
    case 'avg':
      return stats.runs === 0 ? null : l.mean;
    case 'p10':
    case 'p25':
    case 'p50':
    case 'p75':
    case 'p90':
    case 'p95':
    case 'p99':
    case 'p100':
      return stats.runs === 0 ? null : l[t.stat];
    case 'error-rate':
      return stats.runs === 0 ? null : (100 * stats.failed) / stats.runs;
    case 'runs/s':
      return stats.ratePerSec;
    case 'runs':
      return stats.runs;
    case 'failed':
      return stats.failed;
    // Drops, interruptions and requests belong to the workflow, whatever level was named.
    case 'dropped':
      return wf?.dropped ?? null;
    case 'interrupted':
      return wf?.interrupted ?? null;
    case 'requests':
      return wf?.requests ?? null;
  }
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
