import fc from 'fast-check';
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, MAX_RECORDED_US, toMicros } from '../src/histogram.js';

describe('toMicros', () => {
  it('rounds milliseconds to whole microseconds', () => {
    expect(toMicros(1)).toBe(1_000);
    expect(toMicros(12.3456)).toBe(12_346);
    expect(toMicros(0.0024)).toBe(2);
  });

  it('never returns less than 1 µs, even for zero, negative or NaN readings', () => {
    expect(toMicros(0)).toBe(1);
    expect(toMicros(0.0001)).toBe(1);
    expect(toMicros(-5)).toBe(1);
    expect(toMicros(Number.NaN)).toBe(1);
  });

  it('clamps absurd readings instead of throwing', () => {
    expect(toMicros(Infinity)).toBe(MAX_RECORDED_US);
    const h = createLatencyHistogram();
    h.recordValue(toMicros(Infinity));
    expect(h.totalCount).toBe(1);
  });
});

describe('encodeHistogram / decodeHistogram', () => {
  it('round-trips counts, extremes and percentiles', () => {
    const h = createLatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.recordValue(ms * 1000);
    h.recordValue(90 * 60 * 1000 * 1000); // 90 minutes: beyond the initial range, auto-resized
    const encoded = encodeHistogram(h);
    expect(encoded.startsWith('HIST')).toBe(true);
    const back = decodeHistogram(encoded);
    expect(back.totalCount).toBe(1001);
    expect(back.minNonZeroValue).toBe(1_000);
    expect(back.highestEquivalentValue(back.maxValue)).toBe(h.highestEquivalentValue(h.maxValue));
    for (const p of [10, 50, 90, 99, 99.9]) expect(back.getValueAtPercentile(p)).toBe(h.getValueAtPercentile(p));
  });

  it('round-trips an empty histogram', () => {
    const back = decodeHistogram(encodeHistogram(createLatencyHistogram()));
    expect(back.totalCount).toBe(0);
  });

  it('rejects a string that is not a histogram', () => {
    expect(() => decodeHistogram('not a histogram')).toThrow();
  });
});

describe('createLatencyHistogram bucket index', () => {
  // The library's own histogram with the same settings: the index it computes is the reference.
  const Reference = constructorFromBucketSize(32);

  it('puts every value where the library would', () => {
    const fast = createLatencyHistogram();
    const reference = new Reference(1, 3_600_000_000, 3);
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 2 ** 31 + 10 }), fc.integer({ min: 0, max: MAX_RECORDED_US })), (us) => {
        expect(fast.countsArrayIndex(us)).toBe(reference.countsArrayIndex(us));
      }),
      { numRuns: 20_000 },
    );
    // Every power of two and its neighbours, where an off-by-one in the bucket would show.
    for (let bit = 0; bit <= 40; bit++) {
      for (const us of [2 ** bit - 1, 2 ** bit, 2 ** bit + 1]) expect(fast.countsArrayIndex(us)).toBe(reference.countsArrayIndex(us));
    }
  });

  it('records the same counts, extremes and percentiles as the library', () => {
    const fast = createLatencyHistogram();
    const reference = new Reference(1, 3_600_000_000, 3);
    reference.autoResize = true;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: MAX_RECORDED_US }), { maxLength: 50 }), (values) => {
        for (const us of values) {
          fast.recordValue(us);
          reference.recordValue(us);
        }
        expect(fast.totalCount).toBe(reference.totalCount);
        expect(fast.maxValue).toBe(reference.maxValue);
        expect(fast.minNonZeroValue).toBe(reference.minNonZeroValue);
        for (const p of [50, 99, 100]) expect(fast.getValueAtPercentile(p)).toBe(reference.getValueAtPercentile(p));
      }),
      { numRuns: 300 },
    );
  });
});
