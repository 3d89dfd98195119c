import type { LatencyStats, Stats } from '@go-heavy/core';
import { latencyBuckets } from './buckets.js';
import { encodeHistogram, US_PER_MS } from './histogram.js';
import type { LevelCounter } from './level-counter.js';
import type { StatusCounter } from './status-counter.js';

const ZERO_LATENCY: LatencyStats = { min: 0, max: 0, mean: 0, p10: 0, p25: 0, p50: 0, p75: 0, p90: 0, p95: 0, p99: 0, p100: 0 };

/**
 * Latency statistics of a level in milliseconds, all 0 without runs. Min, max and mean are exact
 * to the microsecond; percentiles come from the histogram (within 0.1 %) and are clamped to
 * min..max, so they are always ordered and p100 equals max.
 */
export function latencyStats(level: LevelCounter): LatencyStats {
  const h = level.histogram;
  if (level.runs === 0 || h.totalCount === 0) return { ...ZERO_LATENCY };
  const min = h.minNonZeroValue;
  const max = h.maxValue;
  const at = (percentile: number): number => Math.min(Math.max(h.getValueAtPercentile(percentile), min), max) / US_PER_MS;
  return {
    min: min / US_PER_MS,
    max: max / US_PER_MS,
    mean: level.sumUs / level.runs / US_PER_MS,
    p10: at(10),
    p25: at(25),
    p50: at(50),
    p75: at(75),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    p100: max / US_PER_MS,
  };
}

/** The {@link Stats} of one level; `durationMs` is the measured duration the rate is over. */
export function toStats(name: string, level: LevelCounter, status: StatusCounter, durationMs: number): Stats {
  return {
    name,
    runs: level.runs,
    succeeded: level.succeeded,
    failed: level.failed,
    ratePerSec: durationMs > 0 ? level.runs / (durationMs / 1000) : 0,
    latencyMs: latencyStats(level),
    statusClasses: status.statusClasses(),
    statusCodes: status.statusCodes(),
    errors: status.errorCounts(),
    buckets: latencyBuckets(level.histogram),
    histogram: encodeHistogram(level.histogram),
  };
}
