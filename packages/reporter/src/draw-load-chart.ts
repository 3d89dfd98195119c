import { integrate, targetAt, type Load, type LoadProfile } from '@go-heavy/core';
import { createPalette } from './color.js';
import { clipLine, padStart } from './text-width.js';

/** Options of {@link drawLoadChart}. */
export interface LoadChartOptions {
  /** Maximum visible width of a line. Default 80. */
  width?: number;
  /** Rows of the plot, axes and title not counted. Default 8, at least 2. */
  height?: number;
  /** ANSI colours. Default false. */
  color?: boolean;
}

// Eighths of a cell, bottom up, so a column's height is drawn finely.
const BLOCKS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const MIN_PLOT_WIDTH = 10;

/**
 * The planned load over the run as a terminal area chart: users for the closed model, the rate
 * (iterations per second) for the open model. A title line ("open model: peak 200/s, 1000
 * iterations planned over 5s", "closed model: peak 50 users over 50s"), `height` rows of
 * block characters labelled on the left with the peak and the level half-way up, the time axis
 * labelled 0 below, then the time at 0, the middle and the end (`30s`, `1m30s`).
 *
 * Each column shows the average level over its slice of time, so for the open model its area
 * is the iterations planned in that slice; the top row reaches the highest level within
 * `durationMs`. No line is wider than `width`; no ANSI escapes unless `color`. When
 * `durationMs` is not above zero (a run bounded only by iterations) only the title is drawn.
 */
export function drawLoadChart(load: Load, durationMs: number, options: LoadChartOptions = {}): string {
  const width = options.width ?? 80;
  const height = Math.max(2, Math.floor(options.height ?? 8));
  const palette = createPalette(options.color ?? false);
  const profile = load.model === 'open' ? load.rate : load.users;
  const unit = load.model === 'open' ? '/s' : '';
  const level = (n: number) => (n === 0 ? '0' : `${formatLevel(n)}${unit}`);

  if (!(durationMs > 0) || !Number.isFinite(durationMs)) {
    const peak = peakWithin(profile, Number.POSITIVE_INFINITY);
    const title = load.model === 'open' ? `open model: peak ${level(peak)}` : `closed model: peak ${plural(peak, 'user')}`;
    return clipLine(palette.bold(title), width);
  }

  const peak = peakWithin(profile, durationMs);
  const over = formatSpan(durationMs);
  const title =
    load.model === 'open'
      ? `open model: peak ${level(peak)}, ${plural(Math.round(integrate(profile, 0, durationMs)), 'iteration')} planned over ${over}`
      : `closed model: peak ${plural(peak, 'user')} over ${over}`;

  // Labels: the peak on the top row, the level at the top of the row half-way up, 0 on the axis.
  const midRow = Math.round(height / 2);
  const labels = new Map<number, string>([
    [0, level(peak)],
    [midRow, level((peak * (height - midRow)) / height)],
  ]);
  const labelWidth = Math.max(1, ...[...labels.values()].map((l) => l.length));
  const plotWidth = Math.max(MIN_PLOT_WIDTH, width - labelWidth - 2);

  const eighths = columnLevels(profile, durationMs, plotWidth).map((v) => (peak > 0 ? Math.round((v / peak) * height * 8) : 0));
  const lines = [palette.bold(title)];
  for (let row = 0; row < height; row++) {
    const base = (height - 1 - row) * 8;
    const cells = eighths.map((e) => BLOCKS[Math.min(8, Math.max(0, e - base))]).join('');
    const label = labels.get(row);
    const axis = label === undefined ? `${' '.repeat(labelWidth)} │` : `${padStart(label, labelWidth)} ┤`;
    lines.push(`${palette.dim(axis)}${palette.cyan(cells.trimEnd())}`);
  }
  lines.push(palette.dim(`${padStart('0', labelWidth)} └${'─'.repeat(plotWidth)}`));
  lines.push(`${' '.repeat(labelWidth + 2)}${palette.dim(timeAxis(durationMs, plotWidth))}`);
  return lines.map((line) => clipLine(line, width)).join('\n');
}

/** The average level over each of `columns` equal slices of [0, durationMs]. */
function columnLevels(profile: LoadProfile, durationMs: number, columns: number): number[] {
  const levels: number[] = [];
  for (let c = 0; c < columns; c++) {
    const from = (c * durationMs) / columns;
    const to = ((c + 1) * durationMs) / columns;
    levels.push((integrate(profile, from, to) * 1000) / (to - from));
  }
  return levels;
}

/** The highest level reached in [0, untilMs]: at the start, at each breakpoint, at the end. */
function peakWithin(profile: LoadProfile, untilMs: number): number {
  let peak = profile.start;
  let at = 0;
  for (const stage of profile.stages) {
    at += stage.durationMs;
    if (at > untilMs) break;
    peak = Math.max(peak, stage.target);
  }
  if (Number.isFinite(untilMs)) peak = Math.max(peak, targetAt(profile, untilMs));
  return peak;
}

/** `0` at the left, the middle time centred, the end time flush right; the middle is left out when they would touch. */
function timeAxis(durationMs: number, columns: number): string {
  const end = formatSpan(durationMs);
  const middle = formatSpan(durationMs / 2);
  const chars = Array.from({ length: columns }, () => ' ');
  const put = (text: string, at: number) => [...text].forEach((ch, i) => (chars[at + i] = ch));
  const endAt = Math.max(2, columns - end.length);
  const middleAt = Math.round(columns / 2 - middle.length / 2);
  put('0', 0);
  if (middleAt > 2 && middleAt + middle.length < endAt - 1) put(middle, middleAt);
  put(end, endAt);
  return chars.join('').trimEnd();
}

/** A duration as `500ms`, `2.5s`, `30s`, `1m30s`, `1h`; seconds to a tenth. */
function formatSpan(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100);
  const h = Math.floor(tenths / 36_000);
  const m = Math.floor((tenths % 36_000) / 600);
  const s = (tenths % 600) / 10;
  const parts = [h > 0 ? `${h}h` : '', m > 0 ? `${m}m` : '', s > 0 || (h === 0 && m === 0) ? `${s}s` : ''];
  return parts.join('');
}

/** A level with up to three significant digits, whole numbers as they are: `200`, `2.5`, `0.333`. */
function formatLevel(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(3)));
}

function plural(n: number, noun: string): string {
  return `${formatLevel(n)} ${noun}${n === 1 ? '' : 's'}`;
}
