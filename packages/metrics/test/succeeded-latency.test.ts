// Latency of the successful runs kept apart from the failed ones at every level: a target that
// refuses connections fails in microseconds, and its failures must not make it look fast.
import type { LatencyStats, Stats } from '@go-heavy/core';
import { createRecorder, decodeHistogram } from '../src/index.js';
import { resultsSchemaProblems } from '../../../tools/testing/results-schema.js';
import { expectConsistent, meta } from './helpers.js';

/** 90 fast failures (0.1..0.99 ms) and 10 successes of 200..290 ms at every level. */
function mixedRecorder() {
  const rec = createRecorder();
  const wf = rec.workflow('blog/browse');
  const step = wf.step('home');
  const req = step.request('GET', '/');
  for (let i = 0; i < 90; i++) {
    const ms = 0.1 + i * 0.01;
    req.recordError(ms, 'ECONNREFUSED');
    step.record(ms, false);
    wf.recordIteration(ms, false, 'connect ECONNREFUSED');
  }
  for (let i = 0; i < 10; i++) {
    const ms = 200 + i * 10;
    req.recordResponse(ms, 200);
    step.record(ms, true);
    wf.recordIteration(ms, true);
  }
  return rec;
}

function levelsOf(rec: ReturnType<typeof createRecorder>): Stats[] {
  const wf = rec.snapshot(meta()).workflows[0]!;
  return [wf, wf.steps[0]!, wf.steps[0]!.requests[0]!];
}

describe('latency of the successful runs', () => {
  it('is kept apart at every level, while latencyMs still covers every run', () => {
    for (const level of levelsOf(mixedRecorder())) {
      const ok = level.succeededLatencyMs!;
      expect(ok.min).toBe(200);
      expect(ok.max).toBe(290);
      expect(ok.mean).toBeCloseTo(245, 10);
      expect(Math.abs(ok.p50 - 240) / 240).toBeLessThan(0.01);
      expect(Math.abs(ok.p95 - 290) / 290).toBeLessThan(0.01);
      // All runs: 90 % of them are sub-millisecond failures, so the p50 and p90 are too.
      const all = level.latencyMs;
      expect(all.min).toBe(0.1);
      expect(all.max).toBe(290);
      expect(all.p50).toBeLessThan(1);
      expect(all.p90).toBeLessThan(1);
      expect(all.p99).toBeGreaterThan(200);
      expectConsistent(level);
    }
  });

  it('encodes a histogram of the successful runs next to the one of every run', () => {
    for (const level of levelsOf(mixedRecorder())) {
      const all = decodeHistogram(level.histogram);
      const ok = decodeHistogram(level.succeededHistogram!);
      expect(all.totalCount).toBe(100);
      expect(ok.totalCount).toBe(10);
      expect(ok.minNonZeroValue).toBeGreaterThan(199_000); // the floor of its bucket, within 0.1 %
      expect(all.minNonZeroValue).toBeLessThanOrEqual(100);
      expect(level.buckets.reduce((n, b) => n + b.count, 0)).toBe(100);
    }
  });

  it('is all zero without a successful run, and equals latencyMs without a failed one', () => {
    const rec = createRecorder();
    const down = rec.workflow('blog/down');
    for (let i = 0; i < 5; i++) down.recordIteration(0.2, false, 'ECONNREFUSED');
    const up = rec.workflow('blog/up');
    for (let i = 1; i <= 5; i++) up.recordIteration(i * 10, true);
    const [d, u] = rec.snapshot(meta()).workflows;
    const zero: LatencyStats = { min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 };
    expect(d!.succeededLatencyMs).toEqual(zero);
    expect(d!.latencyMs.max).toBe(0.2);
    expect(u!.succeededLatencyMs).toEqual(u!.latencyMs);
    expect(decodeHistogram(d!.succeededHistogram!).totalCount).toBe(0);
  });

  it('gives the same all-runs figures when read again (the merged histogram is rebuilt, not added to)', () => {
    const rec = mixedRecorder();
    const first = rec.snapshot(meta()).workflows[0]!;
    rec.view(meta());
    const second = rec.snapshot(meta()).workflows[0]!;
    expect(second.latencyMs).toEqual(first.latencyMs);
    expect(decodeHistogram(second.histogram).totalCount).toBe(100);
  });

  it('still matches the results schema', () => {
    expect(resultsSchemaProblems(mixedRecorder().snapshot(meta()))).toEqual([]);
  });
});

describe('checks per step', () => {
  it('are counted on the step they were made in, as well as on the workflow', () => {
    const rec = createRecorder();
    const wf = rec.workflow('shop/buy');
    const cart = wf.step('cart');
    const pay = wf.step('pay');
    cart.record(1, true);
    pay.record(1, false);
    for (let i = 0; i < 4; i++) {
      wf.recordCheck('has items', i !== 0);
      cart.recordCheck!('has items', i !== 0);
    }
    wf.recordCheck('paid', false);
    pay.recordCheck!('paid', false);
    const result = rec.snapshot(meta()).workflows[0]!;
    expect(result.checks).toEqual([
      { name: 'has items', passed: 3, failed: 1 },
      { name: 'paid', passed: 0, failed: 1 },
    ]);
    expect(result.steps.map((s) => [s.name, s.checks])).toEqual([
      ['cart', [{ name: 'has items', passed: 3, failed: 1 }]],
      ['pay', [{ name: 'paid', passed: 0, failed: 1 }]],
    ]);
    expect(resultsSchemaProblems(rec.snapshot(meta()))).toEqual([]);
  });
});
