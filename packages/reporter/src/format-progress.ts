import type { ProgressUpdate } from '@go-heavy/core';
import { formatDurationCompact } from './format-duration.js';
import { formatCount } from './format-number.js';

/**
 * One plain line of live progress, no colour, no trailing newline:
 * `[ 12s] ✔ 1204 ✘ 3 (100/s) p50: 4.1ms p99: 21ms max: 88ms users: 12 dropped: 0`.
 * Totals so far, then the second that just ended: its iterations (the current rate),
 * p50, p99 and max latency and busy users. Cheap enough to run on the load's thread.
 */
export function formatProgressLine(update: ProgressUpdate): string {
  const { point } = update;
  return (
    `[${String(Math.round(update.elapsedSec)).padStart(3)}s] ` +
    `✔ ${formatCount(update.succeeded)} ✘ ${formatCount(update.failed)} ` +
    `(${formatCount(point.iterations)}/s) ` +
    `p50: ${formatDurationCompact(point.p50)} p99: ${formatDurationCompact(point.p99)} ` +
    `max: ${formatDurationCompact(point.max)} ` +
    `users: ${formatCount(point.users)} dropped: ${formatCount(update.dropped)}`
  );
}
