import { RESULTS_SCHEMA_VERSION } from '@go-heavy/core';
import type { RunResult, StepResult, WorkflowResult } from '@go-heavy/core';
import { createRecorder, decodeHistogram } from '../src/index.js';
import { expectConsistent, meta, sumRecords, sumValues } from './helpers.js';
import { resultsSchemaProblems } from '../../../tools/testing/results-schema.js';

function stepOf(wf: WorkflowResult, name: string): StepResult {
  const step = wf.steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step ${name}`);
  return step;
}

/** One workflow with two steps, an implicit step, an init step and an unused step. */
function scenario(): RunResult {
  const rec = createRecorder();
  const wf = rec.workflow('shop/buy');
  rec.workflow('shop/buy').step('(init)').request('POST', '/login').recordResponse(30, 200);
  wf.step('(no step)'); // resolved by the engine for every iteration; its place is kept from here
  wf.step('never used'); // resolved but nothing recorded: left out
  const a = wf.step('browse');
  const getA = a.request('GET', '/items');
  for (let i = 0; i < 3; i++) getA.recordResponse(10 + i, 200);
  getA.recordResponse(5, 404);
  getA.recordError(1_000, 'ECONNREFUSED');
  getA.recordRetry();
  getA.recordRetry();
  const postB = a.request('POST', '/cart');
  postB.recordResponse(20, 500);
  postB.recordResponse(21, 500);
  postB.recordError(5_000, 'timeout');
  a.record(50, true);
  a.record(60, true);
  a.record(5_100, false);
  const b = wf.step('pay');
  for (let i = 0; i < 4; i++) b.request('GET', '/items').recordResponse(8, 200);
  b.request('GET', '/items').recordRetry();
  b.record(40, true);
  b.record(41, true);
  wf.step('(no step)').request('GET', '/health').recordResponse(1, 301);
  for (let i = 0; i < 4; i++) wf.recordIteration(100 + i, true);
  wf.recordIteration(5_200, false, 'check: cart has item');
  wf.recordInterrupted();
  wf.recordDropped();
  wf.recordDropped();
  wf.recordCheck('cart has item', true);
  wf.recordCheck('cart has item', false);
  wf.recordCheck('status 200', true);
  return rec.snapshot(meta());
}

describe('handles', () => {
  it('are the same object on every call, distinct per name, method and endpoint', () => {
    const rec = createRecorder();
    const wf = rec.workflow('a');
    expect(rec.workflow('a')).toBe(wf);
    expect(rec.workflow('b')).not.toBe(wf);
    const step = wf.step('s');
    expect(wf.step('s')).toBe(step);
    expect(wf.step('t')).not.toBe(step);
    const get = step.request('GET', '/x');
    expect(step.request('GET', '/x')).toBe(get);
    expect(step.request('GET', '/y')).not.toBe(get);
    expect(step.request('POST', '/x')).not.toBe(get);
    expect(wf.step('t').request('GET', '/x')).not.toBe(get);
    expect(step.name).toBe('s');
    expect(wf.name).toBe('a');
  });
});

describe('snapshot counts', () => {
  const result = scenario();
  const wf = result.workflows[0];

  it('counts each request exactly, failing on no response or status >= 400', () => {
    const [getA, postB] = stepOf(wf, 'browse').requests;
    expect(getA).toMatchObject({ method: 'GET', endpoint: '/items', name: 'GET /items', runs: 5, succeeded: 3, failed: 2 });
    expect(getA.statusCodes).toEqual({ '200': 3, '404': 1 });
    expect(getA.statusClasses).toEqual({ '1xx': 0, '2xx': 3, '3xx': 0, '4xx': 1, '5xx': 0 });
    expect(getA.errors).toEqual({ ECONNREFUSED: 1 });
    expect(postB).toMatchObject({ method: 'POST', endpoint: '/cart', runs: 3, succeeded: 0, failed: 3 });
    expect(postB.statusCodes).toEqual({ '500': 2 });
    expect(postB.errors).toEqual({ timeout: 1 });
  });

  it('records the latency of requests that got no response', () => {
    const postB = stepOf(wf, 'browse').requests[1];
    expect(postB.latencyMs.max).toBe(5_000);
    expect(postB.latencyMs.min).toBe(20);
  });

  it('counts step runs separately from the requests inside them', () => {
    expect(stepOf(wf, 'browse')).toMatchObject({ runs: 3, succeeded: 2, failed: 1 });
    expect(stepOf(wf, 'pay')).toMatchObject({ runs: 2, succeeded: 2, failed: 0 });
  });

  it('rolls status codes, classes and errors up from requests to steps to the workflow', () => {
    for (const step of wf.steps) {
      expect(step.statusCodes).toEqual(sumRecords(step.requests.map((r) => r.statusCodes)));
      expect(step.statusClasses).toEqual(sumRecords(step.requests.map((r) => r.statusClasses)));
      expect(step.errors).toEqual(sumRecords(step.requests.map((r) => r.errors)));
    }
    expect(wf.statusCodes).toEqual(sumRecords(wf.steps.map((s) => s.statusCodes)));
    expect(wf.statusClasses).toEqual(sumRecords(wf.steps.map((s) => s.statusClasses)));
    expect(wf.errors).toEqual(sumRecords(wf.steps.map((s) => s.errors)));
    expect(wf.statusCodes).toEqual({ '200': 8, '301': 1, '404': 1, '500': 2 });
    expect(wf.errors).toEqual({ ECONNREFUSED: 1, timeout: 1 });
  });

  it('counts every request once per workflow and in the summary', () => {
    const perRequest = wf.steps.flatMap((s) => s.requests).reduce((n, r) => n + r.runs, 0);
    expect(perRequest).toBe(14);
    expect(wf.requests).toBe(14);
    expect(result.summary.requests).toBe(14);
    // Every request is either a response with a code or an error with a category.
    expect(sumValues(wf.statusCodes) + sumValues(wf.errors)).toBe(14);
  });

  it('counts retries per request, summed per workflow and for the run, apart from runs and failures', () => {
    const retries = wf.steps.flatMap((s) => s.requests.map((r) => `${s.name} ${r.name} ${r.retries}`));
    expect(retries).toEqual(['(init) POST /login 0', '(no step) GET /health 0', 'browse GET /items 2', 'browse POST /cart 0', 'pay GET /items 1']);
    expect(wf.retries).toBe(3);
    expect(result.summary.retries).toBe(3);
    // A retry is neither a run nor a failure of its own.
    expect(stepOf(wf, 'browse').requests[0]).toMatchObject({ runs: 5, failed: 2 });
  });

  it('keeps steps that only made requests with runs 0, and leaves out steps with nothing', () => {
    expect(wf.steps.map((s) => s.name)).toEqual(['(init)', '(no step)', 'browse', 'pay']);
    const noStep = stepOf(wf, '(no step)');
    expect(noStep.runs).toBe(0);
    expect(noStep.latencyMs.max).toBe(0);
    expect(noStep.buckets).toEqual([]);
    expect(noStep.requests).toHaveLength(1);
    expect(stepOf(wf, '(init)').requests[0].runs).toBe(1);
  });

  it('counts iterations, interrupted and dropped apart', () => {
    expect(wf).toMatchObject({ runs: 5, succeeded: 4, failed: 1, interrupted: 1, dropped: 2 });
    expect(result.summary).toEqual({
      workflowsSucceeded: 4,
      workflowsFailed: 1,
      workflowsInterrupted: 1,
      requests: 14,
      retries: 3,
      droppedIterations: 2,
      abortedBy: null,
      interrupted: false,
    });
  });

  it('counts checks and failure reasons', () => {
    expect(wf.checks).toEqual([
      { name: 'cart has item', passed: 1, failed: 1 },
      { name: 'status 200', passed: 1, failed: 0 },
    ]);
    expect(wf.failureReasons).toEqual({ 'check: cart has item': 1 });
  });

  it('holds the stats invariants at every level', () => {
    expectConsistent(wf);
    for (const step of wf.steps) {
      expectConsistent(step);
      for (const req of step.requests) expectConsistent(req);
    }
  });

  it('computes rates over the measured duration', () => {
    expect(wf.ratePerSec).toBeCloseTo(0.5, 10);
    expect(stepOf(wf, 'browse').requests[0].ratePerSec).toBeCloseTo(0.5, 10);
    const zero = createRecorder();
    zero.workflow('w').recordIteration(1, true);
    expect(zero.snapshot(meta({ durationMs: 0 })).workflows[0].ratePerSec).toBe(0);
  });

  it('encodes histograms that decode to the recorded counts', () => {
    const h = decodeHistogram(wf.histogram);
    expect(h.totalCount).toBe(wf.runs);
    expect(h.maxValue).toBeGreaterThanOrEqual(5_200_000);
    const req = decodeHistogram(stepOf(wf, 'browse').requests[0].histogram);
    expect(req.totalCount).toBe(5);
  });
});

describe('snapshot envelope', () => {
  it('carries the run facts, schema version and an empty thresholds list', () => {
    const rec = createRecorder();
    rec.workflow('w').recordIteration(3, true);
    const warmup = { durationMs: 5_000, iterations: 7, requests: 21 };
    const result = rec.snapshot(meta({ interrupted: true, warmup, durationMs: 1234.5 }));
    expect(result.schemaVersion).toBe(RESULTS_SCHEMA_VERSION);
    expect(result.testId).toBe('test-1');
    expect(result.startedAt).toBe('2026-01-02T03:04:05.678Z');
    expect(result.durationMs).toBe(1234.5);
    expect(result.load).toEqual(meta().load);
    expect(result.warmup).toEqual(warmup);
    expect(result.summary.interrupted).toBe(true);
    expect(result.thresholds).toEqual([]);
  });

  it('is plain JSON data and does not change when taken twice', () => {
    const rec = createRecorder();
    rec.workflow('w').step('s').request('GET', '/').recordResponse(2, 200);
    rec.workflow('w').recordIteration(3, true);
    rec.sample(1);
    const first = rec.snapshot(meta());
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
    expect(rec.snapshot(meta())).toEqual(first);
  });

  it('reports all-zero latency for a workflow that never ran', () => {
    const rec = createRecorder();
    rec.workflow('idle').recordInterrupted();
    const wf = rec.snapshot(meta()).workflows[0];
    expect(wf).toMatchObject({ runs: 0, succeeded: 0, failed: 0, interrupted: 1, requests: 0, steps: [], buckets: [] });
    expect(Object.values(wf.latencyMs).every((v) => v === 0)).toBe(true);
    expectConsistent(wf);
  });

  it('keeps the order in which workflows, steps and requests were first used', () => {
    const rec = createRecorder();
    for (const name of ['zeta', 'alpha', 'mid']) rec.workflow(name).recordIteration(1, true);
    const s = rec.workflow('alpha');
    for (const name of ['z', 'a', 'm']) s.step(name).record(1, true);
    const step = s.step('a');
    step.request('GET', '/z').recordResponse(1, 200);
    step.request('POST', '/a').recordResponse(1, 200);
    step.request('GET', '/b').recordResponse(1, 200);
    const result = rec.snapshot(meta());
    expect(result.workflows.map((w) => w.name)).toEqual(['zeta', 'alpha', 'mid']);
    const alpha = result.workflows[1];
    expect(alpha.steps.map((x) => x.name)).toEqual(['z', 'a', 'm']);
    expect(alpha.steps[1].requests.map((r) => `${r.method} ${r.endpoint}`)).toEqual(['GET /z', 'POST /a', 'GET /b']);
  });
});

describe('latency statistics', () => {
  it('reports percentiles within 1 % of known inputs (1..1000 ms)', () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    const step = wf.step('s');
    const req = step.request('GET', '/');
    // Shuffled order: the result must not depend on the order values arrive in.
    const values = Array.from({ length: 1000 }, (_, i) => i + 1).sort((a, b) => ((a * 7919) % 1000) - ((b * 7919) % 1000));
    for (const ms of values) {
      wf.recordIteration(ms, true);
      step.record(ms, true);
      req.recordResponse(ms, 200);
    }
    const result = rec.snapshot(meta());
    const levels = [result.workflows[0], result.workflows[0].steps[0], result.workflows[0].steps[0].requests[0]];
    for (const level of levels) {
      const l = level.latencyMs;
      expect(l.min).toBe(1);
      expect(l.max).toBe(1000);
      expect(l.p100).toBe(1000);
      expect(l.mean).toBeCloseTo(500.5, 10);
      const expected = { p10: 100, p25: 250, p50: 500, p75: 750, p90: 900, p95: 950, p99: 990 };
      for (const [key, value] of Object.entries(expected)) {
        expect(Math.abs(l[key as keyof typeof l] - value) / value).toBeLessThan(0.01);
      }
      expectConsistent(level);
      expect(level.buckets.map((b) => b.leMs)).toEqual([1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]);
    }
  });

  it('keeps sub-millisecond latencies to the microsecond', () => {
    const rec = createRecorder();
    const req = rec.workflow('w').step('s').request('GET', '/');
    req.recordResponse(0.25, 200);
    req.recordResponse(0.75, 200);
    const l = rec.snapshot(meta()).workflows[0].steps[0].requests[0].latencyMs;
    expect(l.min).toBe(0.25);
    expect(l.max).toBe(0.75);
    expect(l.mean).toBeCloseTo(0.5, 10);
  });
});

describe('failure reasons', () => {
  it('keeps at most 50 distinct reasons and counts the rest under "other"', () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    for (let i = 0; i < 60; i++) wf.recordIteration(1, false, `reason ${i}`);
    wf.recordIteration(1, false, 'reason 0'); // a reason already kept is still counted as itself
    wf.recordIteration(1, false, 'reason 59'); // one beyond the cap goes to "other" again
    const reasons = rec.snapshot(meta()).workflows[0].failureReasons;
    expect(Object.keys(reasons)).toHaveLength(50);
    expect(reasons['reason 0']).toBe(2);
    expect(reasons['reason 48']).toBe(1);
    expect(reasons['reason 49']).toBeUndefined();
    expect(reasons.other).toBe(12);
    expect(sumValues(reasons)).toBe(62);
  });

  it('counts a failure without a reason as "unknown" and ignores reasons of successes', () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    wf.recordIteration(1, false);
    wf.recordIteration(1, true, 'ignored');
    expect(rec.snapshot(meta()).workflows[0].failureReasons).toEqual({ unknown: 1 });
  });
});

describe('requestCount and iterationCount', () => {
  it('count every response and error at every level, and finished plus interrupted iterations', () => {
    const rec = createRecorder();
    expect(rec.requestCount).toBe(0);
    const a = rec.workflow('a');
    a.step('(init)').request('GET', '/').recordResponse(1, 200);
    a.step('s').request('GET', '/').recordError(1, 'ECONNRESET');
    rec.workflow('b').step('(no step)').request('PUT', '/x').recordResponse(1, 503);
    a.recordIteration(1, true);
    a.recordIteration(1, false, 'x');
    a.recordInterrupted();
    a.recordDropped();
    expect(rec.requestCount).toBe(3);
    expect(rec.iterationCount).toBe(3);
  });
});

describe('the snapshot and the results schema', () => {
  it('a snapshot with every level, retries, errors and checks matches the schema `report` validates with', () => {
    expect(resultsSchemaProblems(scenario())).toEqual([]);
  });

  it('a status code outside 100..599 that a server sent is kept, and the file still matches', () => {
    const rec = createRecorder();
    const get = rec.workflow('w').step('s').request('GET', '/odd');
    get.recordResponse(3, 999);
    get.recordResponse(3, 600);
    const result = rec.snapshot(meta());
    expect(result.workflows[0]!.statusCodes).toEqual({ '600': 1, '999': 1 });
    expect(resultsSchemaProblems(result)).toEqual([]);
  });
});
