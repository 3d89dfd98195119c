import { parseMetricThreshold, type MetricThreshold } from './metric-threshold.js';
import { checkTagFilterStat, endpointAndTags, parseTagFilter } from './request-tags-target.js';
import { ThresholdSyntaxError, type ThresholdOp } from './threshold-syntax.js';

/**
 * Thresholds: pass/fail criteria on a run's results, k6-style, written as one line:
 *
 *   checkout/browse-and-buy p95 < 300ms                      a workflow
 *   checkout/browse-and-buy > add to cart p99 <= 1s          a step of it
 *   checkout/browse-and-buy > add to cart > POST /cart p50 < 50ms   a request of that step
 *   checkout/browse-and-buy error-rate < 1%                  failed / runs
 *   checkout/browse-and-buy checks > 99%                     checks passed / checks made
 *   checkout/browse-and-buy p95{all} < 300ms                 every run, failed ones included
 *   shop/browse > search > GET /search {kind=search} p95 < 200ms   a tagged request
 *   shop/browse {kind=search} p95 < 200ms                    every request tagged so, of a workflow (or `{…}` alone: the run)
 *   shop/browse metric:queue depth p95 < 10                  a custom metric (metric-threshold.ts)
 *   * dropped == 0                                           the whole run
 *
 * Latency statistics are of the successful runs unless `{all}` follows the statistic: a target
 * that refuses connections fails in microseconds, and must not pass a latency threshold.
 */

/** The statistics a threshold can test. Latencies in ms, rates per second, error rates and checks in %. */
export const THRESHOLD_STATS = [
  'min',
  'max',
  'avg',
  'p10',
  'p25',
  'p50',
  'p75',
  'p90',
  'p95',
  'p99',
  'p100',
  'error-rate',
  'checks',
  'runs/s',
  'runs',
  'failed',
  'dropped',
  'interrupted',
  'requests',
] as const;

export type ThresholdStat = (typeof THRESHOLD_STATS)[number];
export type { ThresholdOp };
export { ThresholdSyntaxError };

/** Where a threshold looks: the whole run, a workflow, a step of it, or a request of that step. */
export type ThresholdTarget =
  | { level: 'run' }
  | { level: 'workflow'; workflow: string }
  | { level: 'step'; workflow: string; step: string }
  | { level: 'request'; workflow: string; step: string; method: string; endpoint: string; tags?: Record<string, string> }
  /** The requests with one tag, across steps and endpoints: of a workflow, or of the run when `workflow` is null. */
  | { level: 'tag'; workflow: string | null; tags: Record<string, string> };

/** A threshold on a workflow, step or request's stats, or on a custom metric ({@link MetricThreshold}). */
export type Threshold = StatThreshold | MetricThreshold;

export interface StatThreshold {
  /** The expression as written, reported back in the results. */
  expr: string;
  target: ThresholdTarget;
  stat: ThresholdStat;
  op: ThresholdOp;
  /** In the stat's unit: ms for latencies, % for error-rate and checks, a count or a rate otherwise. */
  value: number;
  /** Stop the run as soon as this threshold fails (checked once a second). */
  abortOnFail: boolean;
  /**
   * Latency statistics: of the successful runs (the default, also when absent) or of every run
   * (`p95{all}`). Undefined for the other statistics.
   */
  latencyOf?: 'succeeded' | 'all';
  /**
   * Set when the threshold is not to be evaluated in this run, saying why (it names a workflow
   * of the project that is not part of the run): it is reported as skipped, neither passed nor failed.
   */
  skip?: string;
}

/** The latency statistics, in milliseconds. */
export const LATENCY_STATS: ReadonlySet<string> = new Set(['min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']);
const RUN_STATS: ReadonlySet<string> = new Set(['dropped', 'interrupted', 'requests', 'failed', 'runs', 'error-rate', 'checks']);
const TAIL = /^(.*?)\s*\b(min|max|avg|p\d{2,3}|error-rate|checks|runs\/s|runs|failed|dropped|interrupted|requests)(\{[^}]*\})?\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*(ms|s|%)?\s*$/;

/** Reads one threshold expression; throws {@link ThresholdSyntaxError} saying what was expected. */
export function parseThreshold(expr: string, abortOnFail = false): Threshold {
  const text = String(expr).trim();
  const metric = parseMetricThreshold(text, abortOnFail);
  if (metric !== undefined) return metric;
  const m = TAIL.exec(text);
  if (!m) {
    throw new ThresholdSyntaxError(text, `expected "<workflow> [> <step> [> <METHOD> <endpoint>]] <stat> <op> <value>", e.g. "shop/checkout p95 < 300ms"; stats: ${THRESHOLD_STATS.join(', ')}`);
  }
  const [, targetText, stat, filter, op, number, unit] = m as unknown as [string, string, ThresholdStat, string | undefined, ThresholdOp, string, string | undefined];
  if (!(THRESHOLD_STATS as readonly string[]).includes(stat)) {
    throw new ThresholdSyntaxError(text, `unknown stat "${stat}": expected one of ${THRESHOLD_STATS.join(', ')}`);
  }
  const latency = LATENCY_STATS.has(stat);
  if (filter !== undefined && (!latency || filter.replace(/\s/g, '') !== '{all}')) {
    throw new ThresholdSyntaxError(text, `unknown filter "${filter}": expected {all} after a latency stat (${stat}{all}: every run, failed ones included)`);
  }
  let value = Number(number);
  if (latency) {
    if (unit === '%') throw new ThresholdSyntaxError(text, `${stat} is a latency: expected a value in ms or s, like 300ms`);
    if (unit === 's') value *= 1000;
  } else if (stat === 'error-rate') {
    if (unit === 'ms' || unit === 's') throw new ThresholdSyntaxError(text, 'error-rate is a percentage: expected a value like 1%');
  } else if (stat === 'checks') {
    // Required: "checks > 0.99" read as 0.99 % would pass with nearly every check failing.
    if (unit !== '%') throw new ThresholdSyntaxError(text, 'checks is the percentage of checks passed: expected a value like 99%');
  } else if (unit !== undefined) {
    throw new ThresholdSyntaxError(text, `${stat} is a number: expected a value without a unit`);
  }
  const target = parseTarget(text, targetText.trim());
  if (target.level === 'tag') checkTagFilterStat(text, stat);
  if (target.level === 'run' && !RUN_STATS.has(stat)) {
    throw new ThresholdSyntaxError(text, `${stat} needs a workflow, step or request: the whole run (*) has ${[...RUN_STATS].join(', ')}`);
  }
  if (target.level === 'request' && stat === 'checks') {
    throw new ThresholdSyntaxError(text, 'checks are counted per step, workflow and run, not per request: name the step');
  }
  const threshold: StatThreshold = { expr: text, target, stat, op, value, abortOnFail };
  if (latency) threshold.latencyOf = filter === undefined ? 'succeeded' : 'all';
  return threshold;
}

function parseTarget(expr: string, text: string): ThresholdTarget {
  if (text === '' || text === '*') return { level: 'run' };
  const tagFilter = parseTagFilter(expr, text);
  if (tagFilter !== undefined) return tagFilter;
  const parts = text.split(/\s+>\s+/).map((p) => p.trim());
  const [workflow, step, request, ...rest] = parts;
  if (!workflow || !workflow.includes('/') || rest.length > 0 || parts.some((p) => p === '')) {
    throw new ThresholdSyntaxError(expr, `expected the target as "<service>/<workflow>", "<service>/<workflow> > <step>" or "<service>/<workflow> > <step> > <METHOD> <endpoint>", got "${text}"`);
  }
  if (step === undefined) return { level: 'workflow', workflow };
  if (request === undefined) return { level: 'step', workflow, step };
  const space = request.indexOf(' ');
  if (space <= 0) throw new ThresholdSyntaxError(expr, `expected the request as "<METHOD> <endpoint>", like "GET /products", got "${request}"`);
  return { level: 'request', workflow, step, method: request.slice(0, space).toUpperCase(), ...endpointAndTags(expr, request.slice(space + 1).trim()) };
}
