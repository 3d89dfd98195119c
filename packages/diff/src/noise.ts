import type { DiffStat } from '@go-heavy/core';
import type { JsHistogram } from 'hdr-histogram-js';
// The pure-JS histogram decoding, straight from its module: the package's index also loads a
// WebAssembly build (about 8 MB of memory) the diff never uses.
import { decompress, doDecode } from 'hdr-histogram-js/dist/JsHistogram.encoding.js';

/** z for a two-sided 95 % interval. */
const Z = 1.96;

/** What the noise of one entity's statistics is judged from, in one run. */
export interface NoiseInput {
  values: Partial<Record<DiffStat, number>>;
  /** Its histogram, decoded; absent for history entries. */
  histogram?: JsHistogram;
  durationMs: number;
}

const PERCENTILE_OF: Partial<Record<DiffStat, number>> = { p10: 10, p25: 25, p50: 50, p75: 75, p90: 90, p95: 95, p99: 99 };

/** Decodes a results `histogram` field (microseconds); undefined when it is not one. */
export function decodeHistogram(base64: string | undefined): JsHistogram | undefined {
  if (base64 === undefined) return undefined;
  try {
    return doDecode(decompress(Buffer.from(base64.trim(), 'base64')), 32);
  } catch {
    return undefined;
  }
}

/**
 * Whether the change of `stat` from a to b is within run-to-run noise: true when the two values'
 * 95 % confidence intervals overlap, undefined when that cannot be told (min, max, p100, or
 * percentiles and avg without histograms). Percentiles: the ranks n·q ± z·√(n·q·(1−q)) read
 * back from the histogram (distribution-free order-statistic bounds, widened by the
 * histogram's 0.1 % resolution); avg: the standard error; error-rate: a two-proportion z-test;
 * runs and runs/s: Poisson counts.
 */
export function withinNoise(stat: DiffStat, a: NoiseInput, b: NoiseInput): boolean | undefined {
  const va = a.values[stat];
  const vb = b.values[stat];
  if (va === undefined || vb === undefined) return undefined;
  if (va === vb) return true;
  const q = PERCENTILE_OF[stat];
  if (q !== undefined) {
    if (!a.histogram || !b.histogram) return undefined;
    const [loA, hiA] = percentileInterval(a.histogram, q / 100);
    const [loB, hiB] = percentileInterval(b.histogram, q / 100);
    return loA <= hiB && loB <= hiA;
  }
  const na = a.values.runs ?? 0;
  const nb = b.values.runs ?? 0;
  switch (stat) {
    case 'avg': {
      if (!a.histogram || !b.histogram || na < 2 || nb < 2) return undefined;
      const se = Math.sqrt(a.histogram.stdDeviation ** 2 / na + b.histogram.stdDeviation ** 2 / nb) / 1000;
      return Math.abs(vb - va) <= Z * se;
    }
    case 'error-rate': {
      if (na === 0 || nb === 0) return undefined;
      const pooled = ((va / 100) * na + (vb / 100) * nb) / (na + nb);
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / na + 1 / nb));
      return Math.abs(vb - va) / 100 <= Z * se;
    }
    case 'runs':
      return Math.abs(vb - va) <= Z * Math.sqrt(va + vb);
    case 'runs/s': {
      const ta = a.durationMs / 1000;
      const tb = b.durationMs / 1000;
      if (!(ta > 0 && tb > 0)) return undefined;
      const se = Math.sqrt((a.values.runs ?? 0) / ta ** 2 + (b.values.runs ?? 0) / tb ** 2);
      return Math.abs(vb - va) <= Z * se;
    }
    default:
      return undefined;
  }
}

/** The 95 % interval of the q-quantile, in milliseconds, from a histogram of microseconds. */
function percentileInterval(histogram: JsHistogram, q: number): [number, number] {
  const n = histogram.totalCount;
  if (n === 0) return [0, 0];
  const half = Z * Math.sqrt(n * q * (1 - q)) + 1;
  const lo = Math.max(0, (n * q - half) / n);
  const hi = Math.min(1, (n * q + half) / n);
  // 0.1 % either way: the histogram's resolution (3 significant digits).
  return [(histogram.getValueAtPercentile(lo * 100) * 0.999) / 1000, (histogram.getValueAtPercentile(hi * 100) * 1.001) / 1000];
}
