import type { LatencyStats, LiveMetric, LiveView } from '@go-heavy/core';
import { Counter, Gauge, type Registry } from 'prom-client';

/** The trend percentiles exported, as on `go_heavy_latency_ms`: `quantile` label value and stats field. */
const QUANTILES: ReadonlyArray<readonly [quantile: string, field: keyof LatencyStats]> = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
  ['1', 'max'],
];

/**
 * Adds the custom metrics of `result` (`ctx.metrics`) to `registry`, with the `workflow` and
 * `step` they were recorded in and their name as the `metric` label:
 *
 * - counters: `go_heavy_custom_counter_total`, per step (sum them for the workflow);
 * - rates: `go_heavy_custom_rate_total` by `result` = `true` | `false`, per step, and the share of
 *   true as `go_heavy_custom_rate_ratio` (0..1), per `level` = `workflow` | `step`;
 * - trends: `go_heavy_custom_trend` by `quantile` (as `go_heavy_latency_ms`) and
 *   `go_heavy_custom_trend_count`, per `level`, since percentiles cannot be added up.
 */
export function addCustomMetrics(registry: Registry, result: LiveView): void {
  if (!result.workflows.some((wf) => (wf.metrics ?? []).length > 0)) return;
  const registers = [registry];
  const counters = new Counter({
    name: 'go_heavy_custom_counter_total',
    help: 'Custom counters (ctx.metrics.counter): the sum of the amounts added, per step.',
    labelNames: ['workflow', 'step', 'metric'],
    registers,
  });
  const rates = new Counter({
    name: 'go_heavy_custom_rate_total',
    help: 'Values added to custom rates (ctx.metrics.rate), per step, by result (true or false).',
    labelNames: ['workflow', 'step', 'metric', 'result'],
    registers,
  });
  const ratios = new Gauge({
    name: 'go_heavy_custom_rate_ratio',
    help: 'The share of true values of custom rates (0..1), per level: workflow or step.',
    labelNames: ['level', 'workflow', 'step', 'metric'],
    registers,
  });
  const trends = new Gauge({
    name: 'go_heavy_custom_trend',
    help: 'Percentiles of custom trends (ctx.metrics.trend), in the metric\'s own unit, per level: workflow or step. quantile="1" is the maximum.',
    labelNames: ['level', 'workflow', 'step', 'metric', 'quantile'],
    registers,
  });
  const trendCounts = new Gauge({
    name: 'go_heavy_custom_trend_count',
    help: 'Values added to custom trends, per level: workflow or step.',
    labelNames: ['level', 'workflow', 'step', 'metric'],
    registers,
  });

  const levelValues = (labels: Record<string, string>, m: LiveMetric): void => {
    if (m.kind === 'rate' && m.count > 0) ratios.set(labels, m.rate);
    if (m.kind === 'trend') {
      trendCounts.set(labels, m.count);
      if (m.count > 0) for (const [quantile, field] of QUANTILES) trends.set({ ...labels, quantile }, m.stats[field]);
    }
  };
  for (const wf of result.workflows) {
    const workflow = wf.name;
    for (const m of wf.metrics ?? []) levelValues({ level: 'workflow', workflow, metric: m.name }, m);
    for (const st of wf.steps) {
      const step = st.name;
      for (const m of st.metrics ?? []) {
        const labels = { workflow, step, metric: m.name };
        if (m.kind === 'counter') counters.inc(labels, m.count);
        if (m.kind === 'rate') {
          rates.inc({ ...labels, result: 'true' }, m.passes);
          rates.inc({ ...labels, result: 'false' }, m.count - m.passes);
        }
        levelValues({ level: 'step', ...labels }, m);
      }
    }
  }
}

/** Labels of go-heavy's own request metrics: a tag with one of these keys is exported as `tag_<key>`. */
const RESERVED = new Set(['level', 'workflow', 'step', 'request', 'status_class', 'quantile', 'result', 'check', 'metric', 'test_id', 'job', 'instance', 'namespace', 'id', 'le']);

/** The label a request tag is exported as: the key itself (tag keys are label names), `tag_<key>` where go-heavy uses the name. */
function tagLabel(key: string): string {
  return RESERVED.has(key) || key.startsWith('__') ? `tag_${key}` : key;
}

/** Every request tag key of `result` as its label, sorted: the extra label names of the request metrics. */
export function tagLabelNames(result: LiveView): string[] {
  const names = new Set<string>();
  for (const wf of result.workflows) for (const st of wf.steps) for (const rq of st.requests) for (const key of Object.keys(rq.tags ?? {})) names.add(tagLabel(key));
  return [...names].sort();
}

/** A request's tags as labels. */
export function tagLabels(tags: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key in tags) out[tagLabel(key)] = tags[key]!;
  return out;
}
