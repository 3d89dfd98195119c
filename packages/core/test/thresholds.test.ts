import { evaluateThresholds, parseThreshold, ThresholdSyntaxError, type RunResult } from '@go-heavy/core';

const latency = (p: number) => ({ min: p / 2, max: p * 3, mean: p, p10: p / 2, p25: p * 0.8, p50: p, p75: p * 1.2, p90: p * 1.5, p95: p * 2, p99: p * 2.5, p100: p * 3 });
// The successful runs are slower than all runs together here (failures come fast), by a factor 1.5.
const stats = (name: string, runs: number, failed: number, p50: number) => ({
  name,
  runs,
  succeeded: runs - failed,
  failed,
  ratePerSec: runs / 10,
  latencyMs: latency(p50),
  succeededLatencyMs: latency(p50 * 1.5),
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
      checks: [
        { name: 'has items', passed: 99, failed: 1 },
        { name: 'paid', passed: 95, failed: 5 },
      ],
      failureReasons: {},
      steps: [
        {
          ...stats('add to cart', 100, 1, 20),
          checks: [{ name: 'has items', passed: 99, failed: 1 }],
          requests: [{ ...stats('POST /cart/{id}', 100, 0, 10), method: 'POST', endpoint: '/cart/{id}' }],
        },
        { ...stats('pay', 100, 4, 30), requests: [] },
      ],
    },
    // A target that refused every connection: fast failures and no successful run.
    { ...stats('shop/down', 50, 50, 0.2), interrupted: 0, dropped: 0, requests: 50, checks: [], failureReasons: {}, steps: [] },
  ],
} as unknown as RunResult;

describe('thresholds', () => {
  it.each([
    // Latencies are of the successful runs (1.5 × the all-runs figures of the fixture)…
    ['shop/buy p95 < 300ms', true, 120],
    ['shop/buy p95 < 0.1s', false, 120],
    ['shop/buy avg <= 60ms', true, 60],
    ['shop/buy > add to cart p99 < 60ms', false, 75],
    ['shop/buy > add to cart > POST /cart/{id} p50 < 15ms', false, 15],
    ['shop/buy > add to cart > post /cart/{id} max <= 45ms', true, 45],
    // …unless {all} asks for every run.
    ['shop/buy p95{all} < 0.1s', true, 80],
    ['shop/buy avg{ all } <= 40ms', true, 40],
    ['shop/buy > add to cart p99{all} < 60ms', true, 50],
    ['shop/down p95{all} < 500ms', true, 0.4],
    ['shop/buy error-rate < 1%', false, 5],
    ['shop/buy error-rate < 10%', true, 5],
    ['shop/buy > pay error-rate <= 4%', true, 4],
    ['shop/buy > add to cart > POST /cart/{id} error-rate == 0%', true, 0],
    ['shop/buy runs/s >= 10', true, 10],
    ['* dropped == 0', false, 2],
    ['dropped <= 2', true, 2],
    ['* error-rate < 6%', true, 5],
    ['shop/buy checks > 99%', false, 97],
    ['shop/buy checks >= 97%', true, 97],
    ['shop/buy > add to cart checks >= 99%', true, 99],
    ['* checks > 96.9%', true, 97],
  ])('%s → ok %p, actual %p', (expr, ok, actual) => {
    const [r] = evaluateThresholds([parseThreshold(expr)], result);
    expect(r).toMatchObject({ expr, ok, actual });
    expect(r.note).toBeUndefined();
    expect(r.skipped).toBeUndefined();
  });

  it.each([
    // The case: every iteration failed fast, so there is no successful latency to pass on.
    ['shop/down p95 < 500ms', 'no successful runs (50 failed)'],
    ['shop/nope p95 < 1s', 'shop/nope did not run'],
    ['shop/buy > nope p95 < 1s', 'matched nothing: shop/buy ran no step "nope" (steps: "add to cart", "pay")'],
    ['shop/buy > pay > GET /x p95 < 1s', 'matched nothing: step "pay" of shop/buy sent no GET /x (requests: none)'],
    ['shop/buy > pay checks > 99%', 'no checks were made'],
    ['shop/down checks > 99%', 'no checks were made'],
  ])('%s fails with a note: %s', (expr, note) => {
    const [r] = evaluateThresholds([parseThreshold(expr)], result);
    expect(r).toMatchObject({ expr, ok: false, actual: null, note });
  });

  it('says which runs a latency threshold used, and gives every result its stat', () => {
    const [ok, all, rate] = evaluateThresholds(
      ['shop/buy p95 < 1s', 'shop/buy p95{all} < 1s', 'shop/buy error-rate < 9%'].map((e) => parseThreshold(e)),
      result,
    );
    expect(ok).toMatchObject({ stat: 'p95', latencyOf: 'succeeded' });
    expect(all).toMatchObject({ stat: 'p95', latencyOf: 'all' });
    expect(rate.stat).toBe('error-rate');
    expect(rate).not.toHaveProperty('latencyOf');
  });

  it('reports a threshold the plan skips as skipped: not evaluated, not failed', () => {
    const [r] = evaluateThresholds([{ ...parseThreshold('blog/write p95 < 1ms'), skip: 'blog/write is not part of this run' }], result);
    expect(r).toEqual({ expr: 'blog/write p95 < 1ms', ok: true, actual: null, stat: 'p95', latencyOf: 'succeeded', skipped: true, note: 'blog/write is not part of this run' });
  });

  it('falls back to all runs only where no run failed, for results without successful-only latency', () => {
    const old = structuredClone(result) as unknown as {
      workflows: Array<{ succeededLatencyMs?: unknown; steps: Array<{ succeededLatencyMs?: unknown; requests: Array<{ succeededLatencyMs?: unknown }> }> }>;
    };
    for (const wf of old.workflows) {
      delete wf.succeededLatencyMs;
      for (const step of wf.steps) {
        delete step.succeededLatencyMs;
        for (const req of step.requests) delete req.succeededLatencyMs;
      }
    }
    const [noFailures, failures] = evaluateThresholds(
      ['shop/buy > add to cart > POST /cart/{id} p50 < 15ms', 'shop/buy p95 < 1s'].map((e) => parseThreshold(e)),
      old as unknown as RunResult,
    );
    expect(noFailures).toMatchObject({ ok: true, actual: 10 });
    expect(failures).toMatchObject({ ok: false, actual: null, note: 'these results have no latency of the successful runs alone' });
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
    ['shop/buy checks > 0.99', /checks is the percentage of checks passed: expected a value like 99%/],
    ['shop/buy checks > 99ms', /checks is the percentage of checks passed/],
    ['shop/buy > s > GET /x checks > 99%', /checks are counted per step, workflow and run, not per request/],
    ['shop/buy p95{ok} < 3ms', /unknown filter "\{ok\}": expected \{all\} after a latency stat/],
    ['shop/buy error-rate{all} < 3%', /unknown filter "\{all\}"/],
    ['p95{all} < 300ms', /p95 needs a workflow, step or request/],
  ])('rejects %p', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(ThresholdSyntaxError);
    expect(() => parseThreshold(expr)).toThrow(message);
  });

  it('keeps abortOnFail and converts seconds to milliseconds', () => {
    expect(parseThreshold('shop/buy p99 < 1.5s', true)).toMatchObject({ value: 1500, abortOnFail: true, target: { level: 'workflow', workflow: 'shop/buy' }, latencyOf: 'succeeded' });
    expect(parseThreshold('shop/buy p99{all} < 1.5s')).toMatchObject({ value: 1500, latencyOf: 'all' });
    expect(parseThreshold('* checks >= 99.5%')).toMatchObject({ stat: 'checks', value: 99.5, target: { level: 'run' } });
  });
});
