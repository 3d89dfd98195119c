import type { ProgressUpdate } from '@go-heavy/core';
import { createPalette } from './color.js';
import { DEFAULT_WIDTH } from './format-options.js';
import { formatProgressFigures } from './format-progress.js';
import { clipLine, visibleWidth } from './text-width.js';

/** Options of {@link formatProgressBar}. */
export interface ProgressBarOptions {
  /** ANSI colour. Default false. The text is the same either way, escapes aside. */
  color?: boolean;
  /** The line is never wider than this many columns (it is clipped, ending in `…`). Default 100. */
  width?: number;
}

/** The bar's length in columns, when the width leaves room for it. */
const BAR_MIN = 10;
const BAR_MAX = 40;
const FILLED = '█';
const EMPTY = '░';

/**
 * One line of live progress for a terminal, no trailing newline:
 * `█████░░░░░░░░░░░░░░░  25% 15s / 1m00s  ✔ 1204 ✘ 3 (100/s) p50: 4.1ms …`. The bar is filled in
 * proportion to `elapsedSec / totalSec` (clamped to 0..1); without a planned length (a run of
 * iterations) there is no bar, only `elapsed 15s` and the figures. The bar takes what the width
 * leaves after the figures, between 10 and 40 columns, and the whole line is clipped to `width`.
 */
export function formatProgressBar(update: ProgressUpdate, options: ProgressBarOptions = {}): string {
  const width = Number.isFinite(options.width) ? Math.max(0, Math.floor(options.width as number)) : DEFAULT_WIDTH;
  const p = createPalette(options.color === true);
  const figures = formatProgressFigures(update, p);
  const total = update.totalSec;
  if (total === null || !(total > 0)) {
    return clipLine(`${p.bold(`elapsed ${formatClock(update.elapsedSec)}`)}  ${figures}`, width);
  }
  const ratio = Math.min(1, Math.max(0, update.elapsedSec / total));
  const elapsed = Math.min(update.elapsedSec, total);
  const time = `${String(Math.round(ratio * 100)).padStart(3)}% ${formatClock(elapsed)} / ${formatClock(total)}`;
  // Room for the bar: the width less the time, the figures and the three separating spaces.
  const room = width - visibleWidth(time) - visibleWidth(figures) - 3;
  const barWidth = Math.min(BAR_MAX, Math.max(BAR_MIN, room));
  const filled = Math.round(ratio * barWidth);
  const bar = p.cyan(FILLED.repeat(filled)) + p.dim(EMPTY.repeat(barWidth - filled));
  return clipLine(`${bar} ${p.bold(time)}  ${figures}`, width);
}

/** Seconds as a compact clock: `9s`, `59s`, `1m05s`, `1h02m03s` (rounded to the second). */
export function formatClock(sec: number): string {
  const total = Number.isFinite(sec) && sec > 0 ? Math.round(sec) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  if (h > 0) return `${h}h${two(m)}m${two(s)}s`;
  if (m > 0) return `${m}m${two(s)}s`;
  return `${s}s`;
}
