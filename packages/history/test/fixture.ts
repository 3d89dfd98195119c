import type { LatencyStats, RunResult, Stats } from '@go-heavy/core';

const latency = (p50: number): LatencyStats => ({
  min: p50 / 2,
  max: p50 * 4,
  mean: p50 * 1.1,
  p10: p50 * 0.6,
  p25: p50 * 0.8,
  p50,
  p75: p50 * 1.3,
  p90: p50 * 1.8,
  p95: p50 * 2,
  p99: p50 * 3,
  p100: p50 * 4,
});
const stats = (name: string, runs: number, failed: number, p50: number): Stats => ({
  name,
  runs,
  succeeded: runs - failed,
  failed,
  ratePerSec: runs / 10,
  latencyMs: latency(p50),
  statusClasses: { '1xx': 0, '2xx': runs - failed, '3xx': 0, '4xx': 0, '5xx': failed },
  statusCodes: {},
  errors: {},
  buckets: [],
  histogram: 'HISTFAAAA',
});

/** A small run of `checkout/buy` whose latencies scale with `p50`. */
export function runResult(testId: string, startedAt: string, p50: number, failed = 0): RunResult {
  return {
    schemaVersion: 1,
    testId,
    startedAt,
    durationMs: 10_000,
    load: {
      model: 'closed',
      users: 5,
      rate: null,
      maxUsers: null,
      durationMs: 10_000,
      iterations: null,
      warmupMs: 0,
      profile: { start: 5, stages: [] },
      uniqueUsers: null,
      distribution: null,
      jitter: null,
      gracefulStopMs: 30_000,
    },
    summary: { workflowsSucceeded: 100 - failed, workflowsFailed: failed, workflowsInterrupted: 0, requests: 200, droppedIterations: 0, interrupted: false, abortedBy: null },
    warmup: null,
    scheduler: null,
    workflows: [
      {
        ...stats('checkout/buy', 100, failed, p50),
        interrupted: 0,
        dropped: 0,
        requests: 200,
        checks: [],
        failureReasons: {},
        steps: [{ ...stats('pay', 100, failed, p50 / 2), requests: [{ ...stats('POST /pay', 100, failed, p50 / 4), method: 'POST', endpoint: '/pay' }] }],
      },
    ],
    timeline: [],
    thresholds: [{ expr: 'checkout/buy p95 < 100ms', ok: p50 * 2 < 100, actual: p50 * 2 }],
  };
}
