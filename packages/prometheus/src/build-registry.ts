import type { LatencyStats, LiveView, StatusClasses } from '@go-heavy/core';
import { Counter, Gauge, Registry } from 'prom-client';
import { addCustomMetrics, tagLabelNames, tagLabels } from './custom-metrics.js';

/** The latency percentiles exported, as `quantile` label values and the `LatencyStats` field each reads. */
const QUANTILES: ReadonlyArray<readonly [quantile: string, field: keyof LatencyStats]> = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
  ['1', 'max'],
];

const CLASS_FIELDS: ReadonlyArray<keyof StatusClasses> = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/**
 * Builds a fresh prom-client registry (never the global one) holding the metrics of `result`:
 * its counts and latency percentiles as they are, nothing re-observed. Run once per push, so
 * its cost is proportional to the number of workflows, steps and requests, not to the load.
 * `result` may be `null` for the push at the start of a run: only `go_heavy_run_info` then.
 */
export function buildRegistry(testId: string, result: LiveView | null): Registry {
  const registry = new Registry();
  const registers = [registry];
  new Gauge({ name: 'go_heavy_run_info', help: 'Always 1; test_id names the run whose results the other go_heavy_* metrics hold.', labelNames: ['test_id'], registers }).set({ test_id: testId }, 1);
  if (result === null) return registry;
  // Request tags become labels of the request metrics (absent on untagged series).
  const tags = tagLabelNames(result);

  const iterations = new Counter({
    name: 'go_heavy_iterations_total',
    help: 'Iterations of the measured phase by how they ended: succeeded, failed, or interrupted by the end of the graceful stop.',
    labelNames: ['workflow', 'result'],
    registers,
  });
  const dropped = new Counter({
    name: 'go_heavy_dropped_iterations_total',
    help: 'Iterations that could not start because every allowed user was busy (open model; always 0 in the closed model).',
    labelNames: ['workflow'],
    registers,
  });
  const steps = new Counter({
    name: 'go_heavy_steps_total',
    help: 'Executions of each step by result.',
    labelNames: ['workflow', 'step', 'result'],
    registers,
  });
  const requests = new Counter({
    name: 'go_heavy_requests_total',
    help: 'Requests sent, by the class of their status code; status_class="error" counts requests that got no response.',
    labelNames: ['workflow', 'step', 'request', 'status_class', ...tags],
    registers,
  });
  const checks = new Counter({
    name: 'go_heavy_checks_total',
    help: 'Evaluations of each named ctx.check by outcome.',
    labelNames: ['workflow', 'check', 'result'],
    registers,
  });
  const latency = new Gauge({
    name: 'go_heavy_latency_ms',
    help: 'Latency percentiles in milliseconds over the measured phase so far, per level: workflow (whole iteration, from its intended start), step, request. quantile="1" is the maximum.',
    labelNames: ['level', 'workflow', 'step', 'request', 'quantile', ...tags],
    registers,
  });

  const setLatency = (labels: Record<string, string>, stats: LatencyStats): void => {
    for (const [quantile, field] of QUANTILES) latency.set({ ...labels, quantile }, stats[field]);
  };

  for (const wf of result.workflows) {
    const workflow = wf.name;
    iterations.inc({ workflow, result: 'succeeded' }, wf.succeeded);
    iterations.inc({ workflow, result: 'failed' }, wf.failed);
    iterations.inc({ workflow, result: 'interrupted' }, wf.interrupted);
    dropped.inc({ workflow }, wf.dropped);
    if (wf.runs > 0) setLatency({ level: 'workflow', workflow }, wf.latencyMs);
    for (const c of wf.checks) {
      checks.inc({ workflow, check: c.name, result: 'passed' }, c.passed);
      checks.inc({ workflow, check: c.name, result: 'failed' }, c.failed);
    }
    for (const st of wf.steps) {
      const step = st.name;
      // The special steps `(init)`, `(cleanup)` and `(no step)` only carry requests.
      if (st.runs > 0) {
        steps.inc({ workflow, step, result: 'succeeded' }, st.succeeded);
        steps.inc({ workflow, step, result: 'failed' }, st.failed);
        setLatency({ level: 'step', workflow, step }, st.latencyMs);
      }
      for (const rq of st.requests) {
        const request = `${rq.method} ${rq.endpoint}`;
        const tagged = tagLabels(rq.tags);
        for (const cls of CLASS_FIELDS) requests.inc({ workflow, step, request, ...tagged, status_class: cls }, rq.statusClasses[cls]);
        requests.inc({ workflow, step, request, ...tagged, status_class: 'error' }, sum(rq.errors));
        if (rq.runs > 0) setLatency({ level: 'request', workflow, step, request, ...tagged }, rq.latencyMs);
      }
    }
  }
  addCustomMetrics(registry, result);
  return registry;
}

function sum(counts: Record<string, number>): number {
  let total = 0;
  for (const key in counts) total += counts[key];
  return total;
}
