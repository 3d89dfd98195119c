// A RunResult written by hand (this package may not import @go-heavy/metrics): two workflows,
// steps with several requests, every status class, errors without a status, checks, dropped
// and interrupted iterations, the special (init) step, and fractional latencies.
import type { LatencyStats, RequestResult, RunResult, StatusClasses, StepResult, WorkflowResult } from '@go-heavy/core';

function latency(base: number): LatencyStats {
  const at = (f: number) => Math.round(base * f * 1000) / 1000;
  return { min: at(0.4), max: at(6.5), mean: at(1.1), p10: at(0.5), p25: at(0.7), p50: at(1), p75: at(1.4), p90: at(2.1), p95: at(2.7), p99: at(4.3), p100: at(6.5) };
}

const ZERO_LATENCY: LatencyStats = { min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 };

function classes(partial: Partial<StatusClasses>): StatusClasses {
  return { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, ...partial };
}

function request(method: string, endpoint: string, cls: Partial<StatusClasses>, errors: Record<string, number>, latencyBase: number): RequestResult {
  const statusClasses = classes(cls);
  const answered = Object.values(statusClasses).reduce((a, b) => a + b, 0);
  const failedNoAnswer = Object.values(errors).reduce((a, b) => a + b, 0);
  const runs = answered + failedNoAnswer;
  const failed = statusClasses['4xx'] + statusClasses['5xx'] + failedNoAnswer;
  return {
    name: `${method} ${endpoint}`,
    method,
    endpoint,
    runs,
    succeeded: runs - failed,
    failed,
    ratePerSec: runs / 60,
    latencyMs: runs > 0 ? latency(latencyBase) : ZERO_LATENCY,
    statusClasses,
    statusCodes: {},
    errors,
    buckets: [],
    histogram: 'HISTFAAAACB4nJNpmSzMwMDAxAABzFAaAAY3AJk=',
  };
}

function step(name: string, runs: number, failed: number, latencyBase: number, requests: RequestResult[]): StepResult {
  const statusClasses = classes({});
  const errors: Record<string, number> = {};
  for (const r of requests) {
    for (const k of Object.keys(statusClasses) as Array<keyof StatusClasses>) statusClasses[k] += r.statusClasses[k];
    for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  }
  return {
    name,
    runs,
    succeeded: runs - failed,
    failed,
    ratePerSec: runs / 60,
    latencyMs: runs > 0 ? latency(latencyBase) : ZERO_LATENCY,
    statusClasses,
    statusCodes: {},
    errors,
    buckets: [],
    histogram: 'HISTFAAAACB4nJNpmSzMwMDAxAABzFAaAAY3AJk=',
    requests,
  };
}

function workflow(
  name: string,
  o: { succeeded: number; failed: number; interrupted: number; dropped: number; latencyBase: number; steps: StepResult[]; checks: WorkflowResult['checks'] },
): WorkflowResult {
  const statusClasses = classes({});
  const errors: Record<string, number> = {};
  let requests = 0;
  for (const s of o.steps) {
    for (const k of Object.keys(statusClasses) as Array<keyof StatusClasses>) statusClasses[k] += s.statusClasses[k];
    for (const [k, v] of Object.entries(s.errors)) errors[k] = (errors[k] ?? 0) + v;
    for (const r of s.requests) requests += r.runs;
  }
  const runs = o.succeeded + o.failed;
  return {
    name,
    runs,
    succeeded: o.succeeded,
    failed: o.failed,
    ratePerSec: runs / 60,
    latencyMs: latency(o.latencyBase),
    statusClasses,
    statusCodes: {},
    errors,
    buckets: [],
    histogram: 'HISTFAAAACB4nJNpmSzMwMDAxAABzFAaAAY3AJk=',
    interrupted: o.interrupted,
    dropped: o.dropped,
    requests,
    steps: o.steps,
    checks: o.checks,
    failureReasons: o.failed > 0 ? { 'check: status is 200': o.failed } : {},
  };
}

/**
 * The results of a run of the `shop` service; `scale` (0..1] gives the same run part of the way
 * through (the counts scaled down, the latencies a little lower), as a progress snapshot would.
 */
export function shopResult(testId: string, scale = 1): RunResult {
  const n = (count: number) => Math.round(count * scale);
  const slower = 0.8 + 0.2 * scale;
  const browse = workflow('shop/browse', {
    succeeded: n(1180),
    failed: n(20),
    interrupted: 2,
    dropped: n(37),
    latencyBase: 41.237 * slower,
    checks: [{ name: 'status is 200', passed: n(1180), failed: n(20) }],
    steps: [
      step('list', n(1200), 0, 12.5 * slower, [request('GET', '/products', { '2xx': n(1195), '3xx': n(5) }, {}, 9.873 * slower)]),
      step('detail', n(1200), n(20), 22.25 * slower, [
        request('GET', '/products/{id}', { '2xx': n(1170), '4xx': n(12), '5xx': n(8) }, {}, 15.5 * slower),
        request('GET', '/reviews', { '1xx': 0, '2xx': n(1190) }, { timeout: n(6), ECONNREFUSED: n(4) }, 4.125 * slower),
      ]),
    ],
  });
  const checkout = workflow('shop/checkout', {
    succeeded: n(290),
    failed: n(10),
    interrupted: 1,
    dropped: 0,
    latencyBase: 120.5 * slower,
    checks: [{ name: 'paid', passed: n(290), failed: n(10) }],
    steps: [
      step('(init)', 0, 0, 0, [request('POST', '/login', { '2xx': 1 }, {}, 30)]),
      step('cart', n(300), 0, 35.75 * slower, [request('POST', '/cart', { '2xx': n(300) }, {}, 33.333 * slower)]),
      step('pay', n(300), n(10), 80.125 * slower, [request('POST', '/pay', { '2xx': n(290), '5xx': n(7), '4xx': n(3) }, {}, 77.7 * slower)]),
    ],
  });
  const workflows = [browse, checkout];
  const sum = (f: (w: WorkflowResult) => number) => workflows.reduce((a, w) => a + f(w), 0);
  return {
    schemaVersion: 1,
    testId,
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 60_000 * scale,
    load: {
      model: 'open',
      users: null,
      rate: 25,
      maxUsers: 50,
      durationMs: 60_000,
      iterations: null,
      warmupMs: 0,
      profile: { start: 25, stages: [] },
      uniqueUsers: null,
      distribution: 'regular',
      jitter: 0,
      gracefulStopMs: 5000,
    },
    summary: {
      workflowsSucceeded: sum((w) => w.succeeded),
      workflowsFailed: sum((w) => w.failed),
      workflowsInterrupted: sum((w) => w.interrupted),
      requests: sum((w) => w.requests),
      droppedIterations: sum((w) => w.dropped),
      interrupted: false,
      abortedBy: null,
    },
    warmup: null,
    scheduler: null,
    workflows,
    timeline: [],
    thresholds: [],
  };
}

/**
 * {@link shopResult} with custom metrics (a counter in two steps, a rate and a trend in "detail",
 * a counter in "(init)", rolled up to the workflow and the run) and tagged requests: "GET /products"
 * also as `{kind=list}` and `{kind=list,level=2}` (`level` is a label go-heavy uses itself).
 */
export function shopResultWithCustomMetrics(testId: string): RunResult {
  const result = shopResult(testId);
  const [browse, checkout] = result.workflows as [WorkflowResult, WorkflowResult];
  const [list, detail] = browse.steps as [StepResult, StepResult];
  const tagged = (tags: Record<string, string>, name: string, n: number): RequestResult => ({ ...request('GET', '/products', { '2xx': n }, {}, 7.5), name: `GET /products ${name}`, tags });
  list.requests.push(tagged({ kind: 'list' }, '{kind=list}', 40), tagged({ kind: 'list', level: '2' }, '{kind=list,level=2}', 10));
  browse.requests += 50;
  result.summary.requests += 50;
  const trendStats: LatencyStats = { min: 0, max: 48, mean: 11.5, p10: 1, p25: 4, p50: 10, p75: 15, p90: 22, p95: 30, p99: 44, p100: 48 };
  list.metrics = [{ name: 'pages seen', kind: 'counter', count: 1200, ratePerSec: 20 }];
  detail.metrics = [
    { name: 'pages seen', kind: 'counter', count: 1150.5, ratePerSec: 19.175 },
    { name: 'in stock', kind: 'rate', count: 1200, passes: 900, rate: 0.75 },
    { name: 'reviews per product', kind: 'trend', count: 1200, stats: trendStats, histogram: 'HISTFAAAACB4nJNpmSzMwMDAxAABzFAaAAY3AJk=' },
  ];
  browse.metrics = [{ name: 'pages seen', kind: 'counter', count: 2350.5, ratePerSec: 39.175 }, detail.metrics[1]!, detail.metrics[2]!];
  checkout.steps[0]!.metrics = [{ name: 'logins', kind: 'counter', count: 1, ratePerSec: 1 / 60 }];
  checkout.metrics = checkout.steps[0]!.metrics;
  result.metrics = [...browse.metrics, ...checkout.metrics];
  return result;
}
