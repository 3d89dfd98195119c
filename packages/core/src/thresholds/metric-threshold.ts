import type { LiveMetric, LiveView } from '../contracts/live-view.js';
import { ThresholdSyntaxError, type ThresholdOp } from './threshold-syntax.js';

/**
 * Thresholds on custom metrics (`ctx.metrics`), at the run, a workflow or a step:
 *
 *   metric:orders count > 100                       a counter's total, whole run
 *   metric:cache hit rate > 90%                     a rate's share of true, in %
 *   shop/browse metric:queue depth p95 < 10         a trend's percentile, one workflow
 *   shop/browse > search metric:results avg >= 1    one step of it
 */

/** What a metric threshold can test: `count` (a counter's total, else values added), `count/s` (counters), `rate` (rates, in %), and a trend's stats. */
export const METRIC_THRESHOLD_STATS = ['count', 'count/s', 'rate', 'min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const;

export type MetricThresholdStat = (typeof METRIC_THRESHOLD_STATS)[number];

/** Where a metric threshold looks: the run's roll-up, a workflow's, or one step's metrics. */
export type MetricThresholdTarget = { level: 'run' } | { level: 'workflow'; workflow: string } | { level: 'step'; workflow: string; step: string };

/** A threshold on the custom metric `metric`. */
export interface MetricThreshold {
  expr: string;
  /** The metric's name, as given to `ctx.metrics`. */
  metric: string;
  target: MetricThresholdTarget;
  stat: MetricThresholdStat;
  op: ThresholdOp;
  /** In the metric's own unit; a percentage for `rate`. */
  value: number;
  abortOnFail: boolean;
  /** Set when the threshold is not evaluated in this run, saying why (its workflow is not part of it). */
  skip?: string;
}

const METRIC = /(?:^|\s)metric:/;
const FORM = /^(.*?)\s*\bmetric:(.+?)\s+(count\/s|count|rate|min|max|avg|p\d{2,3})\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*(%|ms|s)?\s*$/;
const TREND_STATS: ReadonlySet<string> = new Set(['min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']);
const EXPECTED = 'expected "[<workflow> [> <step>]] metric:<name> <stat> <op> <value>", e.g. "shop/browse metric:queue depth p95 < 10"';

/** Reads `text` as a metric threshold, or returns undefined when it names no `metric:`. */
export function parseMetricThreshold(text: string, abortOnFail: boolean): MetricThreshold | undefined {
  if (!METRIC.test(text)) return undefined;
  const m = FORM.exec(text);
  if (!m) throw new ThresholdSyntaxError(text, `${EXPECTED}; stats: ${METRIC_THRESHOLD_STATS.join(', ')}`);
  const [, targetText, name, stat, op, number, unit] = m as unknown as [string, string, string, MetricThresholdStat, ThresholdOp, string, string | undefined];
  if (!(METRIC_THRESHOLD_STATS as readonly string[]).includes(stat)) {
    throw new ThresholdSyntaxError(text, `unknown stat "${stat}" for a metric: expected one of ${METRIC_THRESHOLD_STATS.join(', ')}`);
  }
  if (unit === '%' && stat !== 'rate') throw new ThresholdSyntaxError(text, `${stat} of a metric is a number in the metric's own unit: expected a value without a unit`);
  if (unit === 'ms' || unit === 's') throw new ThresholdSyntaxError(text, `metric:${name.trim()} ${stat} is in the metric's own unit: expected a value without ms or s`);
  return { expr: text, metric: name.trim(), target: parseMetricTarget(text, targetText.trim()), stat, op, value: Number(number), abortOnFail };
}

function parseMetricTarget(expr: string, text: string): MetricThresholdTarget {
  if (text === '' || text === '*') return { level: 'run' };
  const parts = text.split(/\s+>\s+/).map((p) => p.trim());
  const [workflow, step, ...rest] = parts;
  if (!workflow || !workflow.includes('/') || rest.length > 0 || parts.some((p) => p === '')) {
    throw new ThresholdSyntaxError(expr, `expected the metric's level as nothing or "*" (the run), "<service>/<workflow>" or "<service>/<workflow> > <step>", got "${text}"`);
  }
  return step === undefined ? { level: 'workflow', workflow } : { level: 'step', workflow, step };
}

/** The value a metric threshold compares, or null when its metric was not recorded there or has no such stat. */
export function metricThresholdValue(t: MetricThreshold, result: LiveView): number | null {
  const metric = metricsAt(t.target, result)?.find((m) => m.name === t.metric);
  if (metric === undefined) return null;
  switch (metric.kind) {
    case 'counter':
      return t.stat === 'count' ? metric.count : t.stat === 'count/s' ? metric.ratePerSec : null;
    case 'rate':
      return t.stat === 'count' ? metric.count : t.stat === 'rate' && metric.count > 0 ? 100 * metric.rate : null;
    case 'trend':
      if (t.stat === 'count') return metric.count;
      if (!TREND_STATS.has(t.stat) || metric.count === 0) return null;
      return t.stat === 'avg' ? metric.stats.mean : metric.stats[t.stat as Exclude<MetricThresholdStat, 'count' | 'count/s' | 'rate' | 'avg'>];
  }
}

function metricsAt(target: MetricThresholdTarget, result: LiveView): LiveMetric[] | undefined {
  if (target.level === 'run') return result.metrics;
  const wf = result.workflows.find((w) => w.name === target.workflow);
  if (target.level === 'workflow') return wf?.metrics;
  return wf?.steps.find((s) => s.name === target.step)?.metrics;
}
