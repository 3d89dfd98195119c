import type { RunResult } from '@go-heavy/core';
import type { ResolvedFormat } from './format-options.js';
import { formatTable } from './format-table.js';

/**
 * The thresholds of a run, one per line with ✔ or ✘ and the actual value, and which one
 * stopped the run early; nothing when the run had none.
 */
export function formatThresholds(result: RunResult, format: ResolvedFormat): string[] {
  if (result.thresholds.length === 0) return [];
  const { palette: p, width } = format;
  const failed = result.thresholds.filter((t) => !t.ok).length;
  const title = failed > 0 ? p.red(`Thresholds: ${failed} of ${result.thresholds.length} failed`) : p.green(`Thresholds: all ${result.thresholds.length} passed`);
  const rows = result.thresholds.map((t) => [t.ok ? p.green('✔') : p.red('✘'), t.expr, t.actual === null ? 'not measured' : `actual ${formatActual(t.actual)}`]);
  const lines = [p.bold(title), ...formatTable(rows, { indent: 2, width, align: ['left', 'left', 'left'], overflow: 'clip' })];
  if (result.summary.abortedBy) lines.push(p.yellow(`  the run was stopped early: "${result.summary.abortedBy}" failed (abortOnFail)`));
  return lines;
}

/** Actual values keep up to 3 decimals, in the threshold's own unit. */
function formatActual(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
