import type { LatencyBucket } from '@go-heavy/core';
import { createPalette, type Palette } from './color.js';
import { formatDuration } from './format-duration.js';
import { formatCount, formatPercent } from './format-number.js';
import { clipLine, padEnd, padStart } from './text-width.js';

/** Options of {@link drawDistribution}. */
export interface DistributionOptions {
  /** Maximum visible width of a line, indent included. Default 100. */
  width?: number;
  /** Spaces before every line. Default 2. */
  indent?: number;
  palette?: Palette;
}

const FULL = '█';
// Eighths of a block, so a bucket with a few samples still shows and bars differ finely.
const PARTIAL = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const MIN_BAR = 10;

/**
 * The latency distribution as one line per bucket:
 * `  <= 5 ms  |██████████        | 1204  (41.2%)`.
 * Bars are scaled so the largest bucket fills the room left on the line by the labels and
 * counts; a bucket with any samples gets at least a sliver. Lines wider than `width` (only when
 * the labels alone leave no room for a bar) are clipped. Returns the lines.
 */
export function drawDistribution(buckets: LatencyBucket[], options: DistributionOptions = {}): string[] {
  const { width = 100, indent = 2, palette = createPalette(false) } = options;
  const pad = ' '.repeat(indent);
  if (buckets.length === 0) return [`${pad}${palette.dim('(no samples)')}`];

  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const largest = Math.max(...buckets.map((b) => b.count));
  const labels = bucketLabels(buckets);
  const counts = buckets.map((b) => formatCount(b.count));
  const percents = buckets.map((b) => `(${formatPercent(b.count, total)})`);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const countWidth = Math.max(...counts.map((c) => c.length));
  const percentWidth = Math.max(...percents.map((p) => p.length));
  // indent + label + "  |" + bar + "| " + count + "  " + "(percent)"
  const fixed = indent + labelWidth + 3 + 2 + countWidth + 2 + percentWidth;
  const barWidth = Math.max(MIN_BAR, width - fixed);

  return buckets.map((b, i) => {
    const bar = padEnd(drawBar(b.count, largest, barWidth), barWidth);
    return clipLine(`${pad}${padEnd(labels[i], labelWidth)}  |${palette.cyan(bar)}| ` + `${padStart(counts[i], countWidth)}  ${palette.dim(padStart(percents[i], percentWidth))}`, width);
  });
}

/**
 * A bar of `count / largest * width` columns in whole and eighth blocks; at least one eighth
 * for a non-zero count, empty for zero.
 */
export function drawBar(count: number, largest: number, width: number): string {
  if (count <= 0 || largest <= 0) return '';
  const eighths = Math.max(1, Math.round((count / largest) * width * 8));
  return FULL.repeat(Math.floor(eighths / 8)) + PARTIAL[eighths % 8];
}

/** "<= 5 ms" per bucket; a bound that is not finite (JSON turns Infinity into null) reads "> previous". */
function bucketLabels(buckets: LatencyBucket[]): string[] {
  return buckets.map((b, i) => {
    if (typeof b.leMs === 'number' && Number.isFinite(b.leMs)) return `<= ${formatDuration(b.leMs, { trim: true })}`;
    const previous = buckets[i - 1]?.leMs;
    return typeof previous === 'number' && Number.isFinite(previous) ? `> ${formatDuration(previous, { trim: true })}` : 'all';
  });
}
