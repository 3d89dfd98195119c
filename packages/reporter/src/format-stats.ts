import type { CheckResult, LatencyStats, StatusClasses } from '@go-heavy/core';
import type { Palette } from './color.js';
import { formatDuration } from './format-duration.js';
import { formatCount } from './format-number.js';

/** The percentiles every report shows, in order, with their column titles. */
export const PERCENTILES: ReadonlyArray<readonly [title: string, key: keyof LatencyStats]> = [
  ['P10', 'p10'],
  ['P25', 'p25'],
  ['P50', 'p50'],
  ['P75', 'p75'],
  ['P90', 'p90'],
  ['P95', 'p95'],
  ['P99', 'p99'],
  ['P100', 'p100'],
];

/** The status classes in order. */
export const STATUS_CLASSES: ReadonlyArray<keyof StatusClasses> = ['1xx', '2xx', '3xx', '4xx', '5xx'];

/** P10..P100 of `latency`, formatted, in {@link PERCENTILES} order. */
export function percentileCells(latency: LatencyStats): string[] {
  return PERCENTILES.map(([, key]) => formatDuration(latency[key]));
}

/** A status-class count, coloured by what it means when it is not zero. */
export function paintStatus(palette: Palette, cls: keyof StatusClasses, count: number): string {
  const text = formatCount(count);
  if (count === 0) return palette.dim(text);
  if (cls === '2xx') return palette.green(text);
  if (cls === '4xx') return palette.yellow(text);
  if (cls === '5xx') return palette.red(text);
  return text;
}

/** "1xx 0", "2xx 14950", … one item per class. */
export function statusItems(classes: StatusClasses, palette: Palette): string[] {
  return STATUS_CLASSES.map((cls) => `${cls} ${paintStatus(palette, cls, classes[cls] ?? 0)}`);
}

/** Non-zero entries of a count record, largest first (ties by name, for stable output). */
export function nonZeroEntries(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** "timeout 3", "ECONNREFUSED 1": errors by category, non-zero only, largest first. */
export function errorItems(errors: Record<string, number>, palette: Palette): string[] {
  return nonZeroEntries(errors).map(([name, n]) => `${name} ${palette.red(formatCount(n))}`);
}

/** Table rows (name, passed, failed) for checks, failed counts coloured. */
export function checkRows(checks: CheckResult[], palette: Palette): string[][] {
  return checks.map((c) => [c.name, palette.green(formatCount(c.passed)), c.failed > 0 ? palette.red(formatCount(c.failed)) : formatCount(c.failed)]);
}
