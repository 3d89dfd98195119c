import type { JsHistogram } from 'hdr-histogram-js';
// The pure-JS histogram and its encoding, straight from their modules: the package's index also
// loads its WebAssembly build (about 8 MB of memory) that go-heavy never uses.
import { constructorFromBucketSize } from 'hdr-histogram-js/dist/JsHistogramFactory.js';
import type Int32HistogramModule from 'hdr-histogram-js/dist/Int32Histogram.js';
import { decompress, doDecode } from 'hdr-histogram-js/dist/JsHistogram.encoding.js';

/** Histograms of 32-bit counters: 4 billion per bucket is plenty for a run. */
// Typed as the concrete class it is, so that it can be extended.
const Int32Histogram = constructorFromBucketSize(32) as unknown as typeof Int32HistogramModule.default;

/** Below this many microseconds (about 36 minutes) a value's index is found with integer operations. */
const FAST_INDEX_LIMIT = 2 ** 31;

/**
 * An Int32 histogram whose bucket index, computed on every recording, takes `Math.clz32` and
 * shifts instead of the base class's `Math.log2`, `Math.pow` and divisions: the same index
 * (a property test compares both), at a fraction of the cost on the hot path, where each
 * request records three or four values.
 */
class LatencyHistogram extends Int32Histogram {
  override countsArrayIndex(value: number): number {
    if (!(value >= 0 && value < FAST_INDEX_LIMIT)) return super.countsArrayIndex(value);
    const bucketIndex = Math.max(31 - Math.clz32(value) - this.subBucketHalfCountMagnitude - this.unitMagnitude, 0);
    const subBucketIndex = value >>> (bucketIndex + this.unitMagnitude);
    return ((bucketIndex + 1) << this.subBucketHalfCountMagnitude) + subBucketIndex - this.subBucketHalfCount;
  }
}

/** Microseconds per millisecond: histograms count microseconds, results speak milliseconds. */
export const US_PER_MS = 1000;

/** Highest latency the histogram is sized for up front: one hour, in microseconds. It grows beyond on demand. */
const HIGHEST_TRACKABLE_US = 3_600_000_000;

/**
 * A latency histogram in microseconds, 3 significant digits (0.1 % resolution), 1 µs to one hour,
 * resizing itself for longer values. Always the pure-JS implementation: it exposes the
 * `recordedValuesIterator` the bucketing walks, and needs no asynchronous WebAssembly start-up.
 */
export function createLatencyHistogram(): JsHistogram {
  const histogram = new LatencyHistogram(1, HIGHEST_TRACKABLE_US, 3);
  histogram.autoResize = true;
  return histogram;
}

/** Largest value recorded, in microseconds (about 12.7 days): longer readings are clamped to it. */
export const MAX_RECORDED_US = 2 ** 40;

/**
 * Converts a latency in milliseconds to the integer microseconds a histogram records: rounded, at
 * least 1 µs. NaN, negative and sub-microsecond readings become 1 µs and absurdly long ones
 * (infinity included) {@link MAX_RECORDED_US}, so a broken clock can never throw on the hot path.
 */
export function toMicros(latencyMs: number): number {
  const us = Math.round(latencyMs * US_PER_MS);
  if (!(us >= 1)) return 1;
  return us < MAX_RECORDED_US ? us : MAX_RECORDED_US;
}

/** Encodes a histogram as compressed base64 (`HISTF…`): the `histogram` field of the results. */
export function encodeHistogram(histogram: JsHistogram): string {
  // Added to JsHistogram's prototype by the encoding module imported above.
  return histogram.encodeIntoCompressedBase64();
}

/**
 * Decodes a `histogram` field of the results back into a histogram of microseconds, for merging
 * results or recomputing percentiles. Throws on a string that is not an encoded histogram.
 */
export function decodeHistogram(base64: string): JsHistogram {
  return doDecode(decompress(Buffer.from(base64.trim(), 'base64')), 32);
}

/**
 * Merges encoded histograms (the `histogram` fields of results from several workers, segments or
 * runs) into one, encoded the same way: its counts, extremes and percentiles are those of one
 * histogram that had recorded every value of them all. Throws on a string that is not an encoded
 * histogram.
 */
export function mergeHistograms(encoded: readonly string[]): string {
  // A fresh, resizable histogram: a part holding readings beyond an hour must not overflow it.
  const merged = createLatencyHistogram();
  for (const part of encoded) merged.add(decodeHistogram(part));
  return encodeHistogram(merged);
}
