import { RESULTS_SCHEMA_VERSION } from '@go-heavy/core';
import type { LatencyBucket, LatencyStats, RequestResult, RunResult, Stats, StepResult, TimelinePoint, WorkflowResult } from '@go-heavy/core';

/** Latency stats from the percentiles, min = p0, max = p100. */
function latency(p: Omit<LatencyStats, 'p100' | 'max'> & { max: number }): LatencyStats {
  return { ...p, p100: p.max };
}

function stats(name: string, s: Omit<Stats, 'name' | 'histogram'>): Stats {
  return { name, histogram: 'HISTFAAAACB4nJNpmSzMwMDAxAABzFAaAAY3AJk=', ...s };
}

function request(method: string, endpoint: string, s: Omit<Stats, 'name' | 'histogram'>): RequestResult {
  return { ...stats(`${method} ${endpoint}`, s), method, endpoint };
}

function step(name: string, s: Omit<Stats, 'name' | 'histogram'>, requests: RequestResult[]): StepResult {
  return { ...stats(name, s), requests };
}

const noStatus = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };

/** Buckets of the checkout workflow; 2730 is the largest on purpose (the 2nd bucket). */
export const CHECKOUT_BUCKETS: LatencyBucket[] = [
  { leMs: 2, count: 410 },
  { leMs: 5, count: 2730 },
  { leMs: 10, count: 1504 },
  { leMs: 20, count: 296 },
  { leMs: 50, count: 48 },
  { leMs: 100, count: 12 },
];

/**
 * Ten seconds of a closed-model run at about 620 iterations/s; the `failed` column adds up to
 * the 10 failed iterations, and the seconds with a 1234.5 ms and a 412.5 ms max hold the slow
 * tail of search/query.
 */
export const TIMELINE: TimelinePoint[] = [
  { t: 1, started: 612, dropped: 0, iterations: 610, failed: 1, requests: 1598, errors: 2, p50: 3.1, p99: 19.8, max: 60.2, users: 12 },
  { t: 2, started: 620, dropped: 0, iterations: 622, failed: 0, requests: 1620, errors: 1, p50: 3.0, p99: 20.4, max: 88.1, users: 12 },
  { t: 3, started: 618, dropped: 0, iterations: 617, failed: 2, requests: 1611, errors: 3, p50: 3.2, p99: 22.7, max: 412.5, users: 12 },
  { t: 4, started: 625, dropped: 0, iterations: 624, failed: 1, requests: 1630, errors: 2, p50: 3.4, p99: 25.1, max: 1234.5, users: 12 },
  { t: 5, started: 621, dropped: 0, iterations: 622, failed: 0, requests: 1625, errors: 1, p50: 3.3, p99: 21.9, max: 97.3, users: 12 },
  { t: 6, started: 619, dropped: 0, iterations: 618, failed: 3, requests: 1617, errors: 4, p50: 3.6, p99: 28.4, max: 301.2, users: 12 },
  { t: 7, started: 623, dropped: 0, iterations: 622, failed: 1, requests: 1624, errors: 2, p50: 3.2, p99: 20.8, max: 76.4, users: 12 },
  { t: 8, started: 620, dropped: 0, iterations: 621, failed: 0, requests: 1622, errors: 1, p50: 3.1, p99: 19.5, max: 64.9, users: 12 },
  { t: 9, started: 622, dropped: 0, iterations: 621, failed: 2, requests: 1619, errors: 3, p50: 3.5, p99: 24.2, max: 88.0, users: 12 },
  { t: 10, started: 607, dropped: 0, iterations: 610, failed: 0, requests: 1596, errors: 0, p50: 3.0, p99: 18.9, max: 55.1, users: 11 },
];

/**
 * A realistic result: two workflows, the first with three steps and four requests, a failure
 * reason, two checks, errors without status; the second fast (µs) with a slow tail (seconds).
 * Every count is distinct so a test can find it in the output.
 */
export function makeRunResult(overrides: Partial<RunResult> = {}): RunResult {
  const checkout: WorkflowResult = {
    ...stats('checkout/browse-and-buy', {
      runs: 5000,
      succeeded: 4990,
      failed: 10,
      ratePerSec: 499.4,
      latencyMs: latency({ min: 1.2, mean: 4.7, p10: 2.1, p25: 2.9, p50: 3.8, p75: 5.0, p90: 7.7, p95: 9.9, p99: 21.0, max: 88.1 }),
      statusClasses: { '1xx': 0, '2xx': 14953, '3xx': 0, '4xx': 11, '5xx': 6 },
      statusCodes: { '200': 14953, '404': 11, '503': 6 },
      errors: { ECONNREFUSED: 0, timeout: 3 },
      buckets: CHECKOUT_BUCKETS,
    }),
    interrupted: 2,
    dropped: 0,
    requests: 14973,
    checks: [
      { name: 'status is 200', passed: 4993, failed: 7 },
      { name: 'cart has item', passed: 5000, failed: 0 },
    ],
    failureReasons: { 'check: status is 200': 7, timeout: 3 },
    steps: [
      step(
        'open home',
        {
          runs: 5000,
          succeeded: 5000,
          failed: 0,
          ratePerSec: 499.4,
          latencyMs: latency({ min: 0.41, mean: 1.02, p10: 0.52, p25: 0.66, p50: 0.91, p75: 1.13, p90: 1.41, p95: 1.62, p99: 3.33, max: 12.7 }),
          statusClasses: { ...noStatus, '2xx': 5000 },
          statusCodes: { '200': 5000 },
          errors: {},
          buckets: [
            { leMs: 1, count: 2710 },
            { leMs: 2, count: 2201 },
            { leMs: 5, count: 84 },
            { leMs: 20, count: 5 },
          ],
        },
        [
          request('GET', '/', {
            runs: 5000,
            succeeded: 5000,
            failed: 0,
            ratePerSec: 499.4,
            latencyMs: latency({ min: 0.4, mean: 1.01, p10: 0.51, p25: 0.65, p50: 0.9, p75: 1.12, p90: 1.4, p95: 1.61, p99: 3.31, max: 12.6 }),
            statusClasses: { ...noStatus, '2xx': 5000 },
            statusCodes: { '200': 5000 },
            errors: {},
            buckets: [
              { leMs: 1, count: 2712 },
              { leMs: 2, count: 2199 },
              { leMs: 5, count: 84 },
              { leMs: 20, count: 5 },
            ],
          }),
        ],
      ),
      step(
        'add to cart',
        {
          runs: 4998,
          succeeded: 4987,
          failed: 11,
          ratePerSec: 499.2,
          latencyMs: latency({ min: 0.8, mean: 2.6, p10: 1.1, p25: 1.6, p50: 2.2, p75: 2.9, p90: 4.4, p95: 5.6, p99: 14.2, max: 61.3 }),
          statusClasses: { ...noStatus, '2xx': 9985, '4xx': 11 },
          statusCodes: { '200': 4987, '201': 4998, '404': 11 },
          errors: {},
          buckets: [
            { leMs: 2, count: 2250 },
            { leMs: 5, count: 2420 },
            { leMs: 20, count: 300 },
            { leMs: 100, count: 28 },
          ],
        },
        [
          request('POST', '/cart/{id}', {
            runs: 4998,
            succeeded: 4998,
            failed: 0,
            ratePerSec: 499.2,
            latencyMs: latency({ min: 0.5, mean: 1.5, p10: 0.7, p25: 0.95, p50: 1.27, p75: 1.7, p90: 2.6, p95: 3.4, p99: 8.87, max: 40.2 }),
            statusClasses: { ...noStatus, '2xx': 4998 },
            statusCodes: { '201': 4998 },
            errors: {},
            buckets: [
              { leMs: 1, count: 1500 },
              { leMs: 2, count: 2900 },
              { leMs: 10, count: 580 },
              { leMs: 50, count: 18 },
            ],
          }),
          request('GET', '/cart', {
            runs: 4998,
            succeeded: 4987,
            failed: 11,
            ratePerSec: 499.2,
            latencyMs: latency({ min: 0.3, mean: 1.1, p10: 0.4, p25: 0.6, p50: 0.83, p75: 1.2, p90: 1.8, p95: 2.2, p99: 5.41, max: 20.9 }),
            statusClasses: { ...noStatus, '2xx': 4987, '4xx': 11 },
            statusCodes: { '200': 4987, '404': 11 },
            errors: {},
            buckets: [
              { leMs: 1, count: 3600 },
              { leMs: 5, count: 1380 },
              { leMs: 50, count: 18 },
            ],
          }),
        ],
      ),
      step(
        'pay',
        {
          runs: 4987,
          succeeded: 4971,
          failed: 16,
          ratePerSec: 498.1,
          latencyMs: latency({ min: 0.2, mean: 1.0, p10: 0.3, p25: 0.45, p50: 0.7, p75: 1.05, p90: 1.9, p95: 2.7, p99: 6.6, max: 30.4 }),
          statusClasses: { ...noStatus, '2xx': 4968, '5xx': 6 },
          statusCodes: { '200': 4968, '503': 6 },
          errors: { timeout: 3, ECONNRESET: 0 },
          buckets: [
            { leMs: 1, count: 3100 },
            { leMs: 5, count: 1800 },
            { leMs: 50, count: 87 },
          ],
        },
        [
          request('POST', '/pay', {
            runs: 4977,
            succeeded: 4968,
            failed: 9,
            ratePerSec: 498.1,
            latencyMs: latency({ min: 0.19, mean: 0.98, p10: 0.29, p25: 0.44, p50: 0.69, p75: 1.04, p90: 1.88, p95: 2.66, p99: 6.55, max: 30.3 }),
            statusClasses: { ...noStatus, '2xx': 4968, '5xx': 6 },
            statusCodes: { '200': 4968, '503': 6 },
            errors: { timeout: 3 },
            buckets: [
              { leMs: 1, count: 3095 },
              { leMs: 5, count: 1797 },
              { leMs: 50, count: 85 },
            ],
          }),
        ],
      ),
    ],
  };

  const search: WorkflowResult = {
    ...stats('search/query', {
      runs: 1207,
      succeeded: 1207,
      failed: 0,
      ratePerSec: 120.6,
      latencyMs: latency({ min: 0.21, mean: 14.3, p10: 0.34, p25: 0.48, p50: 0.85, p75: 1.9, p90: 6.4, p95: 31.7, p99: 412.5, max: 1234.5 }),
      statusClasses: { ...noStatus, '2xx': 1180, '3xx': 27 },
      statusCodes: { '200': 1180, '304': 27 },
      errors: {},
      buckets: [
        { leMs: 0.5, count: 311 },
        { leMs: 1, count: 401 },
        { leMs: 5, count: 377 },
        { leMs: 50, count: 106 },
        { leMs: 500, count: 9 },
        { leMs: 2000, count: 3 },
      ],
    }),
    interrupted: 0,
    dropped: 0,
    requests: 1207,
    checks: [],
    failureReasons: {},
    steps: [
      step(
        'query',
        {
          runs: 1207,
          succeeded: 1207,
          failed: 0,
          ratePerSec: 120.6,
          latencyMs: latency({ min: 0.2, mean: 14.2, p10: 0.33, p25: 0.47, p50: 0.84, p75: 1.8, p90: 6.3, p95: 31.5, p99: 411.9, max: 1234.1 }),
          statusClasses: { ...noStatus, '2xx': 1180, '3xx': 27 },
          statusCodes: { '200': 1180, '304': 27 },
          errors: {},
          buckets: [
            { leMs: 1, count: 712 },
            { leMs: 50, count: 483 },
            { leMs: 2000, count: 12 },
          ],
        },
        [
          request('GET', '/search?q={term}', {
            runs: 1207,
            succeeded: 1207,
            failed: 0,
            ratePerSec: 120.6,
            latencyMs: latency({ min: 0.19, mean: 14.1, p10: 0.32, p25: 0.46, p50: 0.83, p75: 1.7, p90: 6.2, p95: 31.4, p99: 411.2, max: 1233.9 }),
            statusClasses: { ...noStatus, '2xx': 1180, '3xx': 27 },
            statusCodes: { '200': 1180, '304': 27 },
            errors: {},
            buckets: [
              { leMs: 1, count: 713 },
              { leMs: 50, count: 482 },
              { leMs: 2000, count: 12 },
            ],
          }),
        ],
      ),
    ],
  };

  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    testId: 'gh-20261125-100000-7f3a',
    startedAt: '2026-11-25T10:00:00.000Z',
    durationMs: 10016.4,
    load: {
      model: 'closed',
      users: 12,
      rate: null,
      maxUsers: null,
      durationMs: 10000,
      iterations: null,
      warmupMs: 2000,
      profile: { start: 12, stages: [{ durationMs: 10000, target: 12 }] },
      uniqueUsers: null,
      distribution: null,
      jitter: null,
      gracefulStopMs: 30000,
    },
    summary: {
      workflowsSucceeded: 6197,
      workflowsFailed: 10,
      workflowsInterrupted: 2,
      requests: 16180,
      droppedIterations: 0,
      interrupted: false,
      abortedBy: null,
    },
    warmup: { durationMs: 2000, iterations: 1234, requests: 3702 },
    scheduler: null,
    workflows: [checkout, search],
    timeline: TIMELINE.map((p) => ({ ...p })),
    thresholds: [{ expr: 'checkout/browse-and-buy p95 < 300ms', ok: true, actual: 9.9 }],
    ...overrides,
  };
}

/**
 * The same workflows under the open model: 500/s per workflow, up to 20 users each, ramped in
 * over 2 s. 42 iterations were dropped (37 of checkout, 5 of search, in seconds 4 and 6), the
 * scheduler lagged, there was no warm-up, and of three thresholds one passed and two failed.
 */
export function makeOpenRunResult(overrides: Partial<RunResult> = {}): RunResult {
  const base = makeRunResult();
  const [checkout, search] = base.workflows;
  const droppedAt: Record<number, number> = { 4: 30, 6: 12 };
  return {
    ...base,
    testId: 'gh-20261125-110000-open',
    load: {
      model: 'open',
      users: null,
      rate: 500,
      maxUsers: 20,
      durationMs: 10000,
      iterations: null,
      warmupMs: 0,
      profile: {
        start: 0,
        stages: [
          { durationMs: 2000, target: 500 },
          { durationMs: 8000, target: 500 },
        ],
      },
      uniqueUsers: null,
      distribution: 'regular',
      jitter: 0,
      gracefulStopMs: 30000,
    },
    summary: { ...base.summary, droppedIterations: 42 },
    warmup: null,
    scheduler: {
      starts: 6209,
      lagMs: latency({ min: 0.01, mean: 0.21, p10: 0.03, p25: 0.05, p50: 0.12, p75: 0.25, p90: 0.48, p95: 0.77, p99: 2.35, max: 14.2 }),
    },
    workflows: [
      { ...checkout, dropped: 37 },
      { ...search, dropped: 5 },
    ],
    timeline: TIMELINE.map((p) => ({ ...p, dropped: droppedAt[p.t] ?? 0, users: p.t === 4 || p.t === 6 ? 40 : 14 })),
    thresholds: [
      { expr: 'checkout/browse-and-buy p95 < 300ms', ok: true, actual: 9.9 },
      { expr: '* dropped == 0', ok: false, actual: 42 },
      { expr: 'search/query > query p99 < 100ms', ok: false, actual: 411.9 },
    ],
    ...overrides,
  };
}

/** Markup that would run script if it were ever parsed as HTML. */
export const HOSTILE_SCRIPT = '<script>window.__pwned=1</script>';
export const HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">';

/**
 * The realistic result with hostile markup in every string the report shows: test id, workflow,
 * step, method, endpoint, check and failure reason names, status code and error keys, threshold
 * expressions and the aborting threshold. A safe report shows all of it as text, runs none of it.
 */
export function makeHostileRunResult(): RunResult {
  const base = makeRunResult();
  const [checkout, search] = base.workflows;
  const [open, add, pay] = checkout.steps;
  return {
    ...base,
    testId: `id ${HOSTILE_SCRIPT}`,
    summary: { ...base.summary, abortedBy: `abort ${HOSTILE_IMG}` },
    workflows: [
      {
        ...checkout,
        name: `shop/${HOSTILE_SCRIPT}`,
        errors: { ...checkout.errors, [HOSTILE_IMG]: 1 },
        checks: [{ name: `check ${HOSTILE_IMG}`, passed: 4993, failed: 7 }, ...checkout.checks.slice(1)],
        failureReasons: { [`check: ${HOSTILE_SCRIPT}`]: 7, [`Error: ${HOSTILE_IMG}`]: 3 },
        steps: [
          { ...open, name: `step ${HOSTILE_IMG}` },
          {
            ...add,
            name: `step ${HOSTILE_SCRIPT}`,
            requests: [{ ...add.requests[0], method: HOSTILE_IMG, endpoint: `/cart/${HOSTILE_SCRIPT}`, name: `${HOSTILE_IMG} /cart/${HOSTILE_SCRIPT}` }, add.requests[1]],
          },
          pay,
        ],
      },
      { ...search, name: HOSTILE_IMG, errors: { ...search.errors, [HOSTILE_SCRIPT]: 1 } },
    ],
    thresholds: [
      { expr: `${HOSTILE_SCRIPT} p95 < 300ms`, ok: true, actual: 9.9 },
      { expr: `${HOSTILE_IMG} p99 < 1ms`, ok: false, actual: 21 },
    ],
  };
}
