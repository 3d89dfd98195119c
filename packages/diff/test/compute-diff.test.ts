import type { JsHistogram } from 'hdr-histogram-js';
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';
import 'hdr-histogram-js/dist/JsHistogram.encoding.js';
import { computeDiff } from '../src/compute-diff.js';
import type { DiffSource, MeasuredEntity } from '../src/measured.js';

const Histogram = constructorFromBucketSize(32) as unknown as new (lowest: number, highest: number, digits: number) => JsHistogram;

/** A histogram of `n` latencies spread evenly over [fromMs, toMs], encoded as results hold it. */
function histogram(n: number, fromMs: number, toMs: number): { encoded: string; p50: number; p95: number } {
  const h = new Histogram(1, 3_600_000_000, 3);
  for (let i = 0; i < n; i++) h.recordValue(Math.round((fromMs + ((toMs - fromMs) * i) / (n - 1)) * 1000));
  return { encoded: h.encodeIntoCompressedBase64(), p50: h.getValueAtPercentile(50) / 1000, p95: h.getValueAtPercentile(95) / 1000 };
}

function entity(where: Partial<MeasuredEntity>, runs: number, hist?: ReturnType<typeof histogram>): MeasuredEntity {
  return {
    level: 'workflow',
    workflow: 'w',
    ...where,
    values: { runs, 'runs/s': runs / 10, 'error-rate': 0, ...(hist && { p50: hist.p50, p95: hist.p95 }) },
    ...(hist && { histogram: hist.encoded }),
  };
}

const source = (entities: MeasuredEntity[]): DiffSource => ({ side: { source: 'x', testId: 't', startedAt: '2026-01-01T00:00:00Z', durationMs: 10_000, requests: 0 }, durationMs: 10_000, entities });

describe('computeDiff', () => {
  it('keeps a’s order and puts what only b has after its parent’s rows', () => {
    const a = source([entity({}, 10), entity({ level: 'step', step: 's1' }, 10), entity({ level: 'request', step: 's1', request: 'GET /old' }, 10)]);
    const b = source([entity({}, 10), entity({ level: 'step', step: 's1' }, 10), entity({ level: 'request', step: 's1', request: 'GET /new' }, 10), entity({ level: 'step', step: 's2' }, 10)]);
    const diff = computeDiff(a, b);
    expect(diff.rows.map((r) => [r.step ?? null, r.request ?? null, r.presence])).toEqual([
      [null, null, 'both'],
      ['s1', null, 'both'],
      ['s1', 'GET /old', 'a-only'],
      ['s1', 'GET /new', 'b-only'],
      ['s2', null, 'b-only'],
    ]);
    expect(diff.rows[2]!.changes).toEqual([]);
  });

  it('compares only the statistics both sides know', () => {
    const a = source([entity({}, 10, histogram(100, 1, 10))]);
    const b = source([entity({}, 12)]);
    expect(computeDiff(a, b).rows[0]!.changes.map((c) => c.stat)).toEqual(['runs', 'runs/s', 'error-rate']);
  });

  it('tells noise from change with the histograms: the same spread is noise, twice as slow is not', () => {
    const base = histogram(2000, 10, 20);
    const jitter = histogram(2000, 10.05, 20.1);
    const slow = histogram(2000, 20, 40);
    const p95 = (b: ReturnType<typeof histogram>) => computeDiff(source([entity({}, 2000, base)]), source([entity({}, 2000, b)])).rows[0]!.changes.find((c) => c.stat === 'p95')!;
    expect(p95(jitter)).toMatchObject({ verdict: 'worse', noise: true });
    expect(p95(slow)).toMatchObject({ verdict: 'worse', noise: false });
    expect(p95(slow).pct).toBeCloseTo(100, 0);
  });

  it('judges the error rate with a two-proportion test', () => {
    const rate = (failedA: number, failedB: number, n: number) => {
      const e = (failed: number): MeasuredEntity => ({ level: 'workflow', workflow: 'w', values: { runs: n, 'error-rate': (100 * failed) / n } });
      return computeDiff(source([e(failedA)]), source([e(failedB)])).rows[0]!.changes.find((c) => c.stat === 'error-rate')!;
    };
    expect(rate(10, 12, 1000)).toMatchObject({ delta: expect.closeTo(0.2, 9), noise: true });
    expect(rate(10, 60, 1000)).toMatchObject({ delta: expect.closeTo(5, 9), noise: false, verdict: 'worse' });
  });
});
