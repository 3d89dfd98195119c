import type { JsHistogram } from 'hdr-histogram-js';
import type { LatencyBucket } from '@go-heavy/core';
import { US_PER_MS } from './histogram.js';

/** How many buckets a distribution aims for; nice steps land it between 7 and 13. */
const TARGET_BUCKETS = 10;
/** More 1-2-5 bounds than this and the series is thinned (every 2nd, 3rd… value). */
const MAX_LOG_BUCKETS = 13;
/** A range that spans at least this many 1-2-5 values (about two decades) is bucketed logarithmically. */
const MIN_LOG_BUCKETS = 7;
/** Linear steps finer than this share of the top value say nothing the 0.1 % histogram can back. */
const MIN_STEP_SHARE = 0.01;

const LOG_MANTISSAS = [1, 2, 5] as const;
/** Linear steps per decade, in tenths so that 2.5 × 10^k stays an integer number of microseconds. */
const LINEAR_TENTHS = [10, 20, 25, 50] as const;

/**
 * Upper bounds, in integer microseconds and ascending, of a latency distribution covering
 * `minUs..maxUs`: the first bound is >= minUs, the last >= maxUs. Wide ranges (two decades or
 * more) get 1-2-5 × 10^k bounds, thinned to every 2nd or 3rd value past 13; narrow ones get
 * multiples of a nice linear step (1, 2, 2.5 or 5 × 10^k) whose count is closest to 10. Either way
 * 7 to 13 bounds, fewer only for a single value or a range of a few microseconds (steps stay
 * >= 1 µs and >= 1 % of maxUs, the histogram's resolution being 0.1 %).
 */
export function niceBoundsUs(minUs: number, maxUs: number): number[] {
  const lo = Math.max(1, Math.floor(minUs));
  const hi = Math.max(lo, Math.ceil(maxUs));
  const series = logSeries(lo, hi);
  if (series.length >= MIN_LOG_BUCKETS) return thinned(lo, series.length);
  return linearBounds(lo, hi);
}

/**
 * The latency distribution of a histogram of microseconds: {@link niceBoundsUs} over its recorded
 * range, each recorded value counted in the first bucket whose bound is >= the value's histogram
 * floor (so placement is exact to the histogram's 0.1 % resolution). Counts sum to the histogram's
 * total count; empty histograms give no buckets. Bounds are reported in milliseconds.
 */
export function latencyBuckets(histogram: JsHistogram, minUs = histogram.minNonZeroValue, maxUs = histogram.maxValue): LatencyBucket[] {
  if (histogram.totalCount === 0) return [];
  // A decoded histogram knows its extremes to its resolution only: merges pass the exact ones.
  const bounds = niceBoundsUs(minUs, maxUs);
  const counts = new Array<number>(bounds.length).fill(0);
  const last = bounds.length - 1;
  // A walk of the counts up to the maximum, what the library's recorded-values iterator does at
  // many times the cost (it was most of a snapshot's time).
  const top = Math.min(histogram.countsArrayIndex(histogram.maxValue), histogram.countsArrayLength - 1);
  let i = 0;
  for (let index = 0; index <= top; index++) {
    const count = histogram.getCountAtIndex(index);
    if (count === 0) continue;
    const floor = histogram.lowestEquivalentValue(histogram.valueFromIndex(index));
    // Values come in ascending order, so the bucket index only moves forward. The last bound is
    // >= maxValue, so the `last` guard never truncates a value's placement.
    while (i < last && bounds[i]! < floor) i++;
    counts[i] += count;
  }
  return bounds.map((leUs, j) => ({ leMs: leUs / US_PER_MS, count: counts[j] }));
}

/** The 1-2-5 values from the first >= lo through the first >= hi. */
function logSeries(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const v = logValue(lo, i);
    out.push(v);
    if (v >= hi) return out;
  }
}

/** Every k-th 1-2-5 value from the first >= lo, with the smallest k that keeps at most 13 bounds. */
function thinned(lo: number, seriesLength: number): number[] {
  let k = 1;
  while (Math.ceil((seriesLength - 1) / k) + 1 > MAX_LOG_BUCKETS) k++;
  const count = Math.ceil((seriesLength - 1) / k) + 1;
  const out: number[] = [];
  for (let j = 0; j < count; j++) out.push(logValue(lo, j * k));
  return out;
}

/** The i-th 1-2-5 × 10^k value counting from the first one >= lo (i = 0). */
function logValue(lo: number, i: number): number {
  let decade = 1;
  while (decade * 10 <= lo) decade *= 10;
  let m = 0;
  while (m < LOG_MANTISSAS.length && LOG_MANTISSAS[m] * decade < lo) m++;
  const index = m + i;
  return LOG_MANTISSAS[index % 3] * decade * 10 ** Math.floor(index / 3);
}

/**
 * Multiples of the nice step whose bucket count is closest to the target (ties: the coarser step).
 * Steps are tried finest first, up to the first one that spans the whole range in a single step.
 */
function linearBounds(lo: number, hi: number): number[] {
  const minStep = Math.max(1, hi * MIN_STEP_SHARE);
  let best = 0;
  let bestCount = 0;
  for (let decade = 1; ; decade *= 10) {
    for (const tenths of LINEAR_TENTHS) {
      const step = (tenths * decade) / 10;
      if (!Number.isInteger(step) || step < minStep) continue;
      const count = Math.ceil(hi / step) - Math.ceil(lo / step) + 1;
      if (best === 0 || Math.abs(count - TARGET_BUCKETS) <= Math.abs(bestCount - TARGET_BUCKETS)) {
        best = step;
        bestCount = count;
      }
      if (step >= hi - lo) return multiples(lo, best, bestCount);
    }
  }
}

/** `count` multiples of `step`, starting at the first one >= lo. */
function multiples(lo: number, step: number, count: number): number[] {
  const first = Math.ceil(lo / step) * step;
  const out: number[] = [];
  for (let j = 0; j < count; j++) out.push(first + j * step);
  return out;
}
