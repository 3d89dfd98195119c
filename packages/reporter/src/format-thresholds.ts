import type { RunResult, ThresholdResult } from '@go-heavy/core';
import { formatDuration } from './format-duration.js';
import { formatCount, formatRate } from './format-number.js';
import type { ResolvedFormat } from './format-options.js';
import { formatTable } from './format-table.js';
import { clipLine, visibleWidth } from './text-width.js';

const LATENCY_STATS: ReadonlySet<string> = new Set(['min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']);

/**
 * The thresholds of a run, one per line with ✔, ✘ or – (skipped), the actual value in its unit
 * (ms for latencies, saying whether of the successful runs or of all, % for rates, /s for runs/s)
 * or why there is none, and which one stopped the run early; nothing when the run had none.
 */
export function formatThresholds(result: RunResult, format: ResolvedFormat): string[] {
  if (result.thresholds.length === 0) return [];
  const { palette: p, width } = format;
  const total = result.thresholds.length;
  const failed = result.thresholds.filter((t) => !t.ok).length;
  const skipped = result.thresholds.filter((t) => t.skipped === true).length;
  const skippedText = skipped > 0 ? `, ${skipped} skipped` : '';
  let title: string;
  if (failed > 0) title = p.red(`Thresholds: ${failed} of ${total} failed${skippedText}`);
  else if (skipped < total) title = p.green(`Thresholds: all ${total - skipped} passed${skippedText}`);
  else title = p.dim(`Thresholds: ${skipped} skipped`);
  const rows = result.thresholds.map((t) => {
    if (t.skipped === true) return [p.dim('–'), p.dim(t.expr), p.dim(`skipped: ${t.note ?? 'not evaluated'}`)];
    const mark = t.ok ? p.green('✔') : p.red('✘');
    if (t.actual === null) return [mark, t.expr, t.note ?? 'not measured'];
    return [mark, t.expr, `actual ${formatThresholdValue(t.actual, statOf(t))}${basis(t)}`];
  });
  const lines = [p.bold(title)];
  // Laid out at full width; a row too wide for the terminal gets its value or note on a line of
  // its own below, so a note saying why a threshold failed is not cut short.
  const table = formatTable(rows, { indent: 2, align: ['left', 'left', 'left'], overflow: 'clip' });
  table.forEach((line, i) => {
    if (visibleWidth(line) <= width) return void lines.push(line);
    const [mark, expr, value] = rows[i]!;
    lines.push(clipLine(`  ${mark}  ${expr}`, width), clipLine(`     ${value}`, width));
  });
  if (result.summary.abortedBy) lines.push(p.yellow(`  the run was stopped early: "${result.summary.abortedBy}" failed (abortOnFail)`));
  return lines;
}

/**
 * A threshold's value in its statistic's unit: "45.3 ms" for latencies, "0.20%" for error-rate
 * and checks, "499.4/s" for runs/s, a plain count otherwise.
 */
export function formatThresholdValue(value: number, stat: string): string {
  if (LATENCY_STATS.has(stat)) return formatDuration(value);
  if (stat === 'error-rate' || stat === 'checks') return `${value.toFixed(2)}%`;
  if (stat === 'runs/s') return `${formatRate(value)}/s`;
  return Number.isInteger(value) ? formatCount(value) : String(Math.round(value * 1000) / 1000);
}

/** The statistic compared: the result's own, or (results of older versions) the word before the operator. */
export function statOf(t: ThresholdResult): string {
  if (t.stat !== undefined) return t.stat;
  const match = /(\S+?)(?:\{[^}]*\})?\s*(?:<=|>=|==|!=|<|>)\s*\S+\s*$/.exec(t.expr);
  return match ? match[1]! : '';
}

/** Which runs a latency was of; nothing for other statistics or results that do not say. */
export function basis(t: ThresholdResult): string {
  if (t.latencyOf === 'succeeded') return ' (successful runs)';
  if (t.latencyOf === 'all') return ' (all runs)';
  return '';
}
