// Merging is how results of several workers, segments or machines become one: a merged histogram
// must be indistinguishable from one that recorded every stream itself.
import fc from 'fast-check';
import { latencyBuckets } from '../src/buckets.js';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, mergeHistograms, toMicros } from '../src/histogram.js';
import { createRecorder } from '../src/index.js';
import { meta } from './helpers.js';

const RUNS = { numRuns: 100 };
const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100];

/** Latencies in milliseconds as a client measures them: mostly small, some long, a few absurd. */
const latency = fc.oneof(
  { weight: 8, arbitrary: fc.double({ min: 0, max: 2_000, noNaN: true }) },
  { weight: 2, arbitrary: fc.double({ min: 2_000, max: 2 * 3_600_000, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY, 0.0004, 3_600_000.5) },
);
const stream = fc.array(latency, { maxLength: 300 });

/** The latency histogram of `stream` as the recorder's snapshot encodes it. */
function recorded(...streams: number[][]): string {
  const recorder = createRecorder();
  const request = recorder.workflow('svc/wf').step('s').request('GET', '/x');
  for (const ms of streams.flat()) request.recordResponse(ms, 200);
  const step = recorder.snapshot(meta()).workflows[0]?.steps[0];
  return step?.requests[0]?.histogram ?? encodeHistogram(createLatencyHistogram());
}

function expectSameHistogram(actual: string, expected: string): void {
  const a = decodeHistogram(actual);
  const b = decodeHistogram(expected);
  expect(a.totalCount).toBe(b.totalCount);
  expect(a.minNonZeroValue).toBe(b.minNonZeroValue);
  expect(a.maxValue).toBe(b.maxValue);
  for (const p of PERCENTILES) expect([p, a.getValueAtPercentile(p)]).toEqual([p, b.getValueAtPercentile(p)]);
  expect(latencyBuckets(a)).toEqual(latencyBuckets(b));
}

describe('mergeHistograms (property-based)', () => {
  it('merging two recordings equals recording both streams: count, min, max, percentiles, buckets', () => {
    fc.assert(
      fc.property(stream, stream, (a, b) => {
        expectSameHistogram(mergeHistograms([recorded(a), recorded(b)]), recorded(a, b));
      }),
      RUNS,
    );
  });

  it('is associative and commutative over any number of parts', () => {
    fc.assert(
      fc.property(fc.array(stream, { minLength: 1, maxLength: 5 }), (streams) => {
        const parts = streams.map((s) => recorded(s));
        const whole = recorded(...streams);
        expectSameHistogram(mergeHistograms(parts), whole);
        expectSameHistogram(mergeHistograms([...parts].reverse()), whole);
        expectSameHistogram(mergeHistograms([mergeHistograms(parts.slice(0, 1)), mergeHistograms(parts.slice(1))]), whole);
      }),
      { numRuns: 40 },
    );
  });

  it('every value is counted exactly once, in the bucket of its own microseconds', () => {
    fc.assert(
      fc.property(stream, stream, (a, b) => {
        const merged = decodeHistogram(mergeHistograms([recorded(a), recorded(b)]));
        expect(merged.totalCount).toBe(a.length + b.length);
        const all = [...a, ...b].map(toMicros);
        if (all.length === 0) return;
        expect(merged.lowestEquivalentValue(merged.minNonZeroValue)).toBe(merged.lowestEquivalentValue(Math.min(...all)));
        expect(merged.highestEquivalentValue(merged.maxValue)).toBe(merged.highestEquivalentValue(Math.max(...all)));
      }),
      RUNS,
    );
  });

  it('refuses a part that is not an encoded histogram', () => {
    expect(() => mergeHistograms([recorded([1, 2]), 'not a histogram'])).toThrow();
  });
});
