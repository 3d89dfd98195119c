import { latencyBuckets, niceBoundsUs } from '../src/buckets.js';
import { createLatencyHistogram } from '../src/histogram.js';

/** A small deterministic PRNG (mulberry32), so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The significant digits of an integer: 2500 -> 25. */
function mantissa(v: number): number {
  let m = v;
  while (m % 10 === 0) m /= 10;
  return m;
}

/** Either every bound is 1-2-5 × 10^k, or all are multiples of one nice step (1, 2, 2.5, 5 × 10^k). */
function isNice(bounds: number[]): boolean {
  if (bounds.every((b) => Number.isInteger(b) && [1, 2, 5].includes(mantissa(b)))) return true;
  if (bounds.length < 2) return false;
  const step = bounds[1] - bounds[0];
  if (![1, 2, 25, 5].includes(mantissa(step))) return false;
  return bounds.every((b, i) => b % step === 0 && (i === 0 || b - bounds[i - 1] === step));
}

function expectWellFormed(bounds: number[], minUs: number, maxUs: number): void {
  expect(bounds.length).toBeGreaterThan(0);
  for (let i = 1; i < bounds.length; i++) expect(bounds[i]).toBeGreaterThan(bounds[i - 1]);
  expect(bounds[0]).toBeGreaterThanOrEqual(Math.max(1, minUs));
  expect(bounds[bounds.length - 1]).toBeGreaterThanOrEqual(maxUs);
  expect(isNice(bounds)).toBe(true);
}

describe('niceBoundsUs', () => {
  it('uses 1-2-5 bounds over a wide range', () => {
    expect(niceBoundsUs(1_000, 1_000_000)).toEqual([1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000]);
  });

  it('thins the 1-2-5 series to every 3rd value (decades) over a very wide range', () => {
    const bounds = niceBoundsUs(1, 3_600_000_000);
    expectWellFormed(bounds, 1, 3_600_000_000);
    expect(bounds).toEqual([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000]);
  });

  it('uses a linear nice step over a narrow range', () => {
    const bounds = niceBoundsUs(20_000, 300_000);
    expectWellFormed(bounds, 20_000, 300_000);
    expect(bounds).toEqual([25_000, 50_000, 75_000, 100_000, 125_000, 150_000, 175_000, 200_000, 225_000, 250_000, 275_000, 300_000]);
  });

  it('gives one bucket just above a single value, never finer than 1 % of it', () => {
    expect(niceBoundsUs(1_000, 1_000)).toEqual([1_000]);
    const bounds = niceBoundsUs(5_003, 5_003);
    expect(bounds).toHaveLength(1);
    expect(bounds[0]).toBeGreaterThanOrEqual(5_003);
    expect(bounds[0]).toBeLessThanOrEqual(5_003 * 1.05);
    expect(niceBoundsUs(1, 1)).toEqual([1]);
  });

  it('keeps between 7 and 13 buckets for any range from 0.1 ms that is not a single value', () => {
    const random = rng(42);
    for (let n = 0; n < 2_000; n++) {
      const minUs = 100 + Math.floor(random() ** 3 * 10_000_000);
      const maxUs = Math.ceil(minUs * (1.5 + random() * 10 ** (random() * 5)));
      const bounds = niceBoundsUs(minUs, maxUs);
      expectWellFormed(bounds, minUs, maxUs);
      expect(bounds.length).toBeGreaterThanOrEqual(7);
      expect(bounds.length).toBeLessThanOrEqual(13);
    }
  });
});

describe('latencyBuckets', () => {
  it('is empty for an empty histogram', () => {
    expect(latencyBuckets(createLatencyHistogram())).toEqual([]);
  });

  it('counts 1..1000 ms into 1-2-5 buckets exactly', () => {
    const h = createLatencyHistogram();
    for (let ms = 1; ms <= 1000; ms++) h.recordValue(ms * 1000);
    expect(latencyBuckets(h)).toEqual([
      { leMs: 1, count: 1 },
      { leMs: 2, count: 1 },
      { leMs: 5, count: 3 },
      { leMs: 10, count: 5 },
      { leMs: 20, count: 10 },
      { leMs: 50, count: 30 },
      { leMs: 100, count: 50 },
      { leMs: 200, count: 100 },
      { leMs: 500, count: 300 },
      { leMs: 1000, count: 500 },
    ]);
  });

  it('places every value in exactly one bucket (exact below 2048 µs, where the histogram has unit resolution)', () => {
    const random = rng(7);
    for (let round = 0; round < 50; round++) {
      const h = createLatencyHistogram();
      const values: number[] = [];
      const base = 1 + Math.floor(random() * 1_000);
      const spread = Math.floor(random() * (2_047 - base));
      for (let i = 0; i < 500; i++) {
        const v = base + Math.floor(random() * (spread + 1));
        values.push(v);
        h.recordValue(v);
      }
      const buckets = latencyBuckets(h);
      const expected = buckets.map((b, i) => values.filter((v) => v / 1000 <= b.leMs && (i === 0 || v / 1000 > buckets[i - 1].leMs)).length);
      expect(buckets.map((b) => b.count)).toEqual(expected);
      expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(values.length);
      expect(buckets[buckets.length - 1].leMs).toBeGreaterThanOrEqual(Math.max(...values) / 1000);
    }
  });

  it('sums to the total count and covers the max for heavy-tailed latencies', () => {
    const random = rng(99);
    const h = createLatencyHistogram();
    let max = 0;
    for (let i = 0; i < 20_000; i++) {
      const us = Math.round(500 * Math.exp(random() * 9));
      max = Math.max(max, us);
      h.recordValue(us);
    }
    const buckets = latencyBuckets(h);
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(20_000);
    expect(buckets[buckets.length - 1].leMs).toBeGreaterThanOrEqual(max / 1000);
    expect(buckets.length).toBeGreaterThanOrEqual(7);
    expect(buckets.length).toBeLessThanOrEqual(13);
    expect(isNice(buckets.map((b) => Math.round(b.leMs * 1000)))).toBe(true);
  });
});
