import type { JsHistogram } from 'hdr-histogram-js';
import type { LatencyStats, LiveStats, Stats } from '@go-heavy/core';
import { latencyBuckets } from './buckets.js';
import { encodeHistogram, US_PER_MS } from './histogram.js';
import type { LevelCounter } from './level-counter.js';
import type { StatusCounter } from './status-counter.js';

const ZERO_LATENCY: LatencyStats = { min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 };

/** The percentiles of {@link LatencyStats} besides p100 (= max), ascending. */
const PERCENTILES = [10, 25, 50, 75, 90, 95, 99] as const;

/**
 * Latency statistics in milliseconds of `runs` values recorded in `h` (microseconds) summing to
 * `sumUs`, all 0 without runs. Min, max and mean are exact to the microsecond; percentiles come
 * from the histogram (within 0.1 %) and are clamped to min..max, so they are always ordered and
 * p100 equals max.
 */
export function latencyStats(h: JsHistogram, runs: number, sumUs: number): LatencyStats {
  if (runs === 0 || h.totalCount === 0) return { ...ZERO_LATENCY };
  const min = h.minNonZeroValue;
  const max = h.maxValue;
  const us = percentilesUs(h);
  const at = (i: number): number => Math.min(Math.max(us[i]!, min), max) / US_PER_MS;
  return {
    min: min / US_PER_MS,
    max: max / US_PER_MS,
    mean: sumUs / runs / US_PER_MS,
    p10: at(0),
    p25: at(1),
    p50: at(2),
    p75: at(3),
    p90: at(4),
    p95: at(5),
    p99: at(6),
    p100: max / US_PER_MS,
  };
}

/**
 * The values at {@link PERCENTILES}, exactly as `getValueAtPercentile` gives each, in one walk of
 * the counts up to the maximum instead of seven walks of the whole array (tens of thousands of
 * slots for a histogram that tracks up to an hour): a snapshot or view computes them for every
 * workflow, step and request.
 */
export function percentilesUs(h: JsHistogram): number[] {
  const total = h.totalCount;
  const out = new Array<number>(PERCENTILES.length);
  let k = 0;
  let target = countAtPercentile(PERCENTILES[0], total);
  let seen = 0;
  const last = Math.min(h.countsArrayIndex(h.maxValue), h.countsArrayLength - 1);
  for (let i = 0; i <= last && k < PERCENTILES.length; i++) {
    const count = h.getCountAtIndex(i);
    if (count === 0) continue;
    seen += count;
    while (k < PERCENTILES.length && seen >= target) {
      out[k++] = h.highestEquivalentValue(h.valueFromIndex(i));
      if (k < PERCENTILES.length) target = countAtPercentile(PERCENTILES[k]!, total);
    }
  }
  // Unreachable while the counts add up to totalCount; the library's answer otherwise.
  for (; k < PERCENTILES.length; k++) out[k] = h.getValueAtPercentile(PERCENTILES[k]!);
  return out;
}

/** The rank a percentile names, rounded as HdrHistogram rounds it (up, within one ulp), at least 1. */
function countAtPercentile(percentile: number, total: number): number {
  const fp = (percentile / 100) * total;
  return Math.max(Math.ceil(fp - ulp(fp)), 1);
}

/** The unit in the last place of a double, as HdrHistogram computes it. */
function ulp(x: number): number {
  return 2 ** (Math.floor(Math.log2(x)) - 52);
}

/** Latency statistics of every run of a level, successful or not. */
export function allLatencyStats(level: LevelCounter): LatencyStats {
  return latencyStats(level.allHistogram(), level.runs, level.sumUs);
}

/** Latency statistics of the successful runs of a level. */
function succeededLatencyStats(level: LevelCounter): LatencyStats {
  return latencyStats(level.okHistogram, level.succeeded, level.okSumUs);
}

/** The {@link LiveStats} of one level: counts and latency, without buckets or histograms. */
export function toLiveStats(name: string, level: LevelCounter, status: StatusCounter, durationMs: number): LiveStats {
  return {
    name,
    runs: level.runs,
    succeeded: level.succeeded,
    failed: level.failed,
    ratePerSec: durationMs > 0 ? level.runs / (durationMs / 1000) : 0,
    latencyMs: allLatencyStats(level),
    succeededLatencyMs: succeededLatencyStats(level),
    statusClasses: status.statusClasses(),
    statusCodes: status.statusCodes(),
    errors: status.errorCounts(),
  };
}

/** The {@link Stats} of one level; `durationMs` is the measured duration the rate is over. */
export function toStats(name: string, level: LevelCounter, status: StatusCounter, durationMs: number): Stats {
  const all = level.allHistogram();
  return {
    ...toLiveStats(name, level, status, durationMs),
    buckets: latencyBuckets(all),
    histogram: encodeHistogram(all),
    succeededHistogram: encodeHistogram(level.okHistogram),
  };
}
