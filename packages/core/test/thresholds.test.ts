import { evaluateThresholds, parseThreshold, ThresholdSyntaxError, type RunResult } from '@go-heavy/core';

const latency = (p: number) => ({ min: p / 2, max: p * 3, mean: p, p10: p / 2, p25: p * 0.8, p50: p, p75: p * 1.2, p90: p * 1.5, p95: p * 2, p99: p * 2.5, p100: p * 3 });
const stats = (name: string, runs: number, failed: number, p50: number) => ({
  name,
  runs,
  succeeded: runs - failed,
  failed,
  ratePerSec: runs / 10,
  latencyMs: latency(p50),
  statusClasses: { '1xx': 0, '2xx': runs, '3xx': 0, '4xx': 0, '5xx': 0 },
  statusCodes: {},
  errors: {},
  buckets: [],
  histogram: 'HISTF',
});
const result = {
  summary: { workflowsSucceeded: 95, workflowsFailed: 5, workflowsInterrupted: 1, requests: 300, droppedIterations: 2, interrupted: false },
  workflows: [
    {
      ...stats('shop/buy', 100, 5, 40),
      interrupted: 1,
      dropped: 2,
      requests: 300,
      checks: [],
      failureReasons: {},
      steps: [{ ...stats('add to cart', 100, 1, 20), requests: [{ ...stats('POST /cart/{id}', 100, 0, 10), method: 'POST', endpoint: '/cart/{id}' }] }],
    },
  ],
} as unknown as RunResult;

describe('thresholds', () => {
  it.each([
    ['shop/buy p95 < 300ms', true, 80],
    ['shop/buy p95 < 0.05s', false, 80],
    ['shop/buy avg <= 40ms', true, 40],
    ['shop/buy error-rate < 1%', false, 5],
    ['shop/buy error-rate < 10%', true, 5],
    ['shop/buy runs/s >= 10', true, 10],
    ['shop/buy > add to cart p99 < 60ms', true, 50],
    ['shop/buy > add to cart > POST /cart/{id} p50 < 10ms', false, 10],
    ['shop/buy > add to cart > post /cart/{id} max <= 30ms', true, 30],
    ['* dropped == 0', false, 2],
    ['dropped <= 2', true, 2],
    ['* error-rate < 6%', true, 5],
    ['shop/nope p95 < 1s', false, null],
    ['shop/buy > nope p95 < 1s', false, null],
  ])('%s → ok %p, actual %p', (expr, ok, actual) => {
    const [r] = evaluateThresholds([parseThreshold(expr)], result);
    expect(r).toEqual({ expr, ok, actual });
  });

  it.each([
    ['p95 < 300ms', /p95 needs a workflow, step or request/],
    ['shop/buy p95 300ms', /expected "<workflow> \[> <step>/],
    ['shop/buy p33 < 300ms', /unknown stat "p33"/],
    ['shop/buy p95 < 3%', /p95 is a latency: expected a value in ms or s/],
    ['shop/buy error-rate < 3ms', /error-rate is a percentage/],
    ['shop/buy runs < 3s', /runs is a number: expected a value without a unit/],
    ['buy p95 < 3ms', /expected the target as "<service>\/<workflow>"/],
    ['shop/buy > s > POST p95 < 3ms', /expected the request as "<METHOD> <endpoint>"/],
  ])('rejects %p', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(ThresholdSyntaxError);
    expect(() => parseThreshold(expr)).toThrow(message);
  });

  it('keeps abortOnFail and converts seconds to milliseconds', () => {
    expect(parseThreshold('shop/buy p99 < 1.5s', true)).toMatchObject({ value: 1500, abortOnFail: true, target: { level: 'workflow', workflow: 'shop/buy' } });
  });
});
