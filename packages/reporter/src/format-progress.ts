import type { ProgressUpdate } from '@go-heavy/core';
import { formatDurationCompact } from './format-duration.js';
import { formatCount } from './format-number.js';
import { createPalette, type Palette } from './color.js';

/**
 * One plain line of live progress, no colour, no trailing newline:
 * `[ 12s] ✔ 1204 ✘ 3 (100/s) p50: 4.1ms p99: 21ms max: 88ms users: 12 dropped: 0`.
 * Totals so far, then the second that just ended: its iterations (the current rate),
 * p50, p99 and max latency and busy users. Cheap enough to run on the load's thread.
 */
export function formatProgressLine(update: ProgressUpdate): string {
  return `[${String(Math.round(update.elapsedSec)).padStart(3)}s] ${formatProgressFigures(update)}`;
}

/**
 * The figures of {@link formatProgressLine} without its elapsed time:
 * `✔ 1204 ✘ 3 (100/s) p50: 4.1ms p99: 21ms max: 88ms users: 12 dropped: 0`.
 * With `palette`, the failed count is red when not zero (same text either way).
 */
export function formatProgressFigures(update: ProgressUpdate, palette: Palette = createPalette(false)): string {
  const { point } = update;
  const failed = formatCount(update.failed);
  return (
    `✔ ${formatCount(update.succeeded)} ✘ ${update.failed > 0 ? palette.red(failed) : failed} ` +
    `(${formatCount(point.iterations)}/s) ` +
    `p50: ${formatDurationCompact(point.p50)} p99: ${formatDurationCompact(point.p99)} ` +
    `max: ${formatDurationCompact(point.max)} ` +
    `users: ${formatCount(point.users)} dropped: ${formatCount(update.dropped)}`
  );
}
