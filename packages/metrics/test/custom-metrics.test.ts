import fc from 'fast-check';
import type { CustomMetricResult, TrendMetricResult } from '@go-heavy/core';
import { decodeHistogram, mergeHistograms } from '../src/histogram.js';
import { createRecorder } from '../src/index.js';
import { meta } from './helpers.js';

const byName = (metrics: CustomMetricResult[] | undefined, name: string) => metrics?.find((m) => m.name === name);

describe('custom metrics', () => {
  it('reports each kind at the step it was recorded in, rolled up to the workflow and the run', () => {
    const rec = createRecorder();
    const shop = rec.workflow('shop/browse');
    const search = shop.step('search');
    const cart = shop.step('cart');
    for (const v of [1, 2, 3, 4]) search.metric('trend', 'results').add(v);
    cart.metric('trend', 'results').add(10);
    search.metric('counter', 'orders').add(2);
    cart.metric('counter', 'orders').add(0.5);
    for (const ok of [1, 1, 0]) cart.metric('rate', 'cache hit').add(ok);
    rec.workflow('shop/other').step('(no step)').metric('counter', 'orders').add(7);

    const result = rec.snapshot(meta({ durationMs: 2_000 }));
    const [browse, other] = result.workflows;
    const stepTrend = byName(browse!.steps.find((s) => s.name === 'search')!.metrics, 'results') as TrendMetricResult;
    expect(stepTrend).toMatchObject({ kind: 'trend', count: 4, stats: { min: 1, max: 4, mean: 2.5, p50: 2, p100: 4 } });
    expect(byName(browse!.steps.find((s) => s.name === 'cart')!.metrics, 'cache hit')).toEqual({ name: 'cache hit', kind: 'rate', count: 3, passes: 2, rate: 2 / 3 });

    expect(byName(browse!.metrics, 'orders')).toEqual({ name: 'orders', kind: 'counter', count: 2.5, ratePerSec: 1.25 });
    const wfTrend = byName(browse!.metrics, 'results') as TrendMetricResult;
    expect(wfTrend).toMatchObject({ count: 5, stats: { min: 1, max: 10, mean: 4, p100: 10 } });
    expect(decodeHistogram(wfTrend.histogram).totalCount).toBe(5);
    // The special step "(no step)" is kept when it holds metrics only.
    expect(other!.steps.map((s) => s.name)).toEqual(['(no step)']);

    expect(byName(result.metrics, 'orders')).toEqual({ name: 'orders', kind: 'counter', count: 9.5, ratePerSec: 4.75 });
    expect(result.metrics!.map((m) => m.name)).toEqual(['results', 'orders', 'cache hit']);
  });

  it('leaves the metrics fields out when nothing was recorded, and the live view has the same numbers without histograms', () => {
    const rec = createRecorder();
    const step = rec.workflow('svc/wf').step('s');
    step.request('GET', '/x').recordResponse(5, 200);
    const plain = rec.snapshot(meta());
    expect('metrics' in plain).toBe(false);
    expect('metrics' in plain.workflows[0]!).toBe(false);
    expect('metrics' in plain.workflows[0]!.steps[0]!).toBe(false);

    step.metric('trend', 'size').add(3);
    const view = rec.view(meta());
    const full = rec.snapshot(meta());
    const { histogram, ...withoutHistogram } = full.metrics![0] as TrendMetricResult;
    expect(histogram.startsWith('HIST')).toBe(true);
    expect(view.metrics).toEqual([withoutHistogram]);
    expect(view.workflows[0]!.steps[0]!.metrics).toEqual([withoutHistogram]);
  });

  it('refuses a name used with two kinds anywhere in the recorder, naming both', () => {
    const rec = createRecorder();
    rec.workflow('a/one').step('s').metric('counter', 'orders');
    expect(() => rec.workflow('b/two').step('t').metric('rate', 'orders')).toThrow('ctx.metrics: "orders" is a counter, so it cannot be used as a rate: one name, one kind');
  });

  it('hands out one sink per step and name', () => {
    const step = createRecorder().workflow('svc/wf').step('s');
    expect(step.metric('trend', 'x')).toBe(step.metric('trend', 'x'));
    expect(step.metric('trend', 'x')).not.toBe(step.metric('trend', 'y'));
  });

  it('keeps tagged requests as series of their own, named with their sorted tags', () => {
    const rec = createRecorder();
    const step = rec.workflow('shop/browse').step('search');
    step.request('GET', '/search').recordResponse(10, 200);
    step.request('GET', '/search', { kind: 'search' }).recordResponse(20, 200);
    step.request('GET', '/search', { page: '2', kind: 'search' }).recordResponse(30, 500);
    step.request('GET', '/search', { kind: 'search', page: '2' }).recordResponse(40, 200);
    step.request('GET', '/search', {}).recordResponse(50, 200);
    const requests = rec.snapshot(meta()).workflows[0]!.steps[0]!.requests;
    expect(requests.map((r) => [r.name, r.endpoint, r.tags, r.runs])).toEqual([
      ['GET /search', '/search', undefined, 2],
      ['GET /search {kind=search}', '/search', { kind: 'search' }, 1],
      ['GET /search {kind=search,page=2}', '/search', { kind: 'search', page: '2' }, 2],
    ]);
    expect('tags' in requests[0]!).toBe(false);
    expect(rec.requestCount).toBe(5);
  });
});

describe('requests added up per tag', () => {
  it('adds every request carrying a tag, across steps, endpoints and other tags, per workflow and for the run', () => {
    const rec = createRecorder();
    const search = rec.workflow('shop/browse').step('search');
    search.request('GET', '/search', { kind: 'search' }).recordResponse(10, 200);
    search.request('GET', '/search', { kind: 'search', page: '2' }).recordResponse(30, 500);
    search.request('GET', '/search').recordResponse(1000, 200);
    rec.workflow('shop/browse').step('other').request('POST', '/find', { kind: 'search' }).recordError(20, 'timeout');
    rec.workflow('shop/buy').step('s').request('GET', '/x', { kind: 'search' }).recordResponse(40, 200);

    const result = rec.snapshot(meta());
    const browse = result.workflows[0]!.tagged!;
    expect(browse.map((t) => [t.name, t.tags, t.runs, t.failed, t.latencyMs.min, t.latencyMs.max])).toEqual([
      ['{kind=search}', { kind: 'search' }, 3, 2, 10, 30],
      ['{page=2}', { page: '2' }, 1, 1, 30, 30],
    ]);
    expect(browse[0]!.statusCodes).toEqual({ '200': 1, '500': 1 });
    expect(browse[0]!.errors).toEqual({ timeout: 1 });
    expect(decodeHistogram(browse[0]!.histogram).totalCount).toBe(3);
    expect(result.tagged!.map((t) => [t.name, t.runs])).toEqual([
      ['{kind=search}', 4],
      ['{page=2}', 1],
    ]);
    expect(rec.view(meta()).tagged!.map((t) => [t.name, t.runs, 'histogram' in t])).toEqual([
      ['{kind=search}', 4, false],
      ['{page=2}', 1, false],
    ]);
  });

  it('leaves tagged out when no request had tags', () => {
    const rec = createRecorder();
    rec.workflow('svc/wf').step('s').request('GET', '/x').recordResponse(1, 200);
    const result = rec.snapshot(meta());
    expect('tagged' in result).toBe(false);
    expect('tagged' in result.workflows[0]!).toBe(false);
  });
});

describe('trend percentiles', () => {
  it('are rounded to the decimals the values had: exact for small whole numbers and prices, where the histogram alone is not', () => {
    const rec = createRecorder();
    const step = rec.workflow('svc/wf').step('s');
    for (let i = 0; i < 40; i++) step.metric('trend', 'depth').add(i % 10);
    for (const v of [1.25, 12.5, 12.5, 999]) step.metric('trend', 'price').add(v);
    const [depth, price] = rec.snapshot(meta()).metrics as TrendMetricResult[];
    expect(depth!.stats).toEqual({ min: 0, max: 9, mean: 4.5, p10: 0, p25: 2, p50: 4, p75: 7, p90: 8, p95: 9, p99: 9, p100: 9 });
    expect([price!.stats.p25, price!.stats.p50, price!.stats.p75, price!.stats.p99]).toEqual([1.25, 12.5, 12.5, 999]);
  });
});

describe('trend histograms (property-based)', () => {
  const value = fc.oneof(fc.double({ min: 0, max: 1_000, noNaN: true }), fc.integer({ min: 0, max: 1_000_000 }), fc.constantFrom(0, 0.0004, 0.001, 1e9));
  const values = fc.array(value, { minLength: 1, maxLength: 200 });

  it('rolls up losslessly: the workflow equals one step that saw every value, and merging encoded step histograms gives the same', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const split = createRecorder();
        const wf = split.workflow('svc/wf');
        for (const v of a) wf.step('one').metric('trend', 't').add(v);
        for (const v of b) wf.step('two').metric('trend', 't').add(v);
        const whole = createRecorder();
        for (const v of [...a, ...b]) whole.workflow('svc/wf').step('one').metric('trend', 't').add(v);

        const splitResult = split.snapshot(meta()).workflows[0]!;
        const rolled = splitResult.metrics![0] as TrendMetricResult;
        const single = whole.snapshot(meta()).workflows[0]!.metrics![0] as TrendMetricResult;
        expect(rolled.count).toBe(a.length + b.length);
        expect(rolled.stats.min).toBe(single.stats.min);
        expect(rolled.stats.max).toBe(single.stats.max);
        expect(rolled.stats.mean).toBeCloseTo(single.stats.mean, 6);
        for (const p of ['p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99'] as const) expect([p, rolled.stats[p]]).toEqual([p, single.stats[p]]);
        const merged = decodeHistogram(mergeHistograms(splitResult.steps.map((s) => (s.metrics![0] as TrendMetricResult).histogram)));
        const direct = decodeHistogram(single.histogram);
        expect(merged.totalCount).toBe(direct.totalCount);
        for (const p of [1, 50, 99, 100]) expect(merged.getValueAtPercentile(p)).toBe(direct.getValueAtPercentile(p));
      }),
      { numRuns: 60 },
    );
  });

  it("keeps percentiles within 0.1 % (plus half the values' last decimal) of the exact ones, in order, between min and max", () => {
    fc.assert(
      fc.property(values, (vs) => {
        const rec = createRecorder();
        for (const v of vs) rec.workflow('svc/wf').step('s').metric('trend', 't').add(v);
        const { stats } = rec.snapshot(meta()).metrics![0] as TrendMetricResult;
        const sorted = [...vs].sort((x, y) => x - y);
        const exact = (p: number) => sorted[Math.max(Math.ceil((p / 100) * sorted.length), 1) - 1]!;
        expect(stats.min).toBe(sorted[0]);
        expect(stats.max).toBe(sorted[sorted.length - 1]);
        const ordered = [stats.min, stats.p10, stats.p25, stats.p50, stats.p75, stats.p90, stats.p95, stats.p99, stats.p100];
        for (let i = 1; i < ordered.length; i++) expect(ordered[i]).toBeGreaterThanOrEqual(ordered[i - 1]!);
        const halfUnit = vs.every((v) => Number.isInteger(v)) ? 0.5 : 0.0005;
        for (const p of [10, 50, 90, 99] as const) {
          const want = exact(p);
          expect(Math.abs(stats[`p${p}`] - want)).toBeLessThanOrEqual(want * 0.001 + halfUnit + 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });
});
