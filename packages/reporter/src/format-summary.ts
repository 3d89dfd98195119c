import type { RunResult, WorkflowResult } from '@go-heavy/core';
import { drawDistribution } from './draw-distribution.js';
import { formatMetricsSummary } from './format-custom-metrics.js';
import { formatDuration } from './format-duration.js';
import { labelledLine } from './format-flow.js';
import { formatCount, formatRate } from './format-number.js';
import { resolveFormat, type FormatOptions, type ResolvedFormat } from './format-options.js';
import { formatRunHeader, lostText, retriesText } from './format-run-header.js';
import { formatThresholds } from './format-thresholds.js';
import { checkRows, errorItems, nonZeroEntries, PERCENTILES, percentileCells, statusItems } from './format-stats.js';
import { formatTable } from './format-table.js';
import { clipLine } from './text-width.js';

/** How many failure reasons the summary lists per workflow. */
const TOP_FAILURE_REASONS = 5;

/**
 * The summary printed after a run: the header (test id, run time, load, workflow runs,
 * requests, retries when any, dropped iterations, warm-up, interrupted banner), then per
 * workflow its slowest, fastest and average time, runs, runs per second, requests, retries
 * (when any), status classes, errors, top failure reasons, checks, custom metrics, percentiles (with
 * failures, those of all runs and those of the successful runs alone) and latency distribution.
 * No line is wider than `options.width` (default 100); colour only when
 * `options.color` is true, with the same text. Returns the text without a trailing newline.
 */
export function formatSummary(result: RunResult, options: FormatOptions = {}): string {
  const format = resolveFormat(options);
  const lines = formatRunHeader(result, 'go-heavy summary', format);
  for (const wf of result.workflows) lines.push('', ...formatWorkflowSummary(wf, format));
  const thresholds = formatThresholds(result, format);
  if (thresholds.length > 0) lines.push('', ...thresholds);
  return lines.map((l) => clipLine(l, format.width)).join('\n');
}

/** One workflow's part of the summary, as lines. */
function formatWorkflowSummary(wf: WorkflowResult, format: ResolvedFormat): string[] {
  const { palette: p, width } = format;
  const lat = wf.latencyMs;
  const failed = wf.failed > 0 ? p.red(formatCount(wf.failed)) : formatCount(wf.failed);
  const interrupted = wf.interrupted > 0 ? p.yellow(formatCount(wf.interrupted)) : formatCount(wf.interrupted);
  const rows: Array<[string, string | string[]]> = [
    ['slowest', formatDuration(lat.max)],
    ['fastest', formatDuration(lat.min)],
    ['average', formatDuration(lat.mean)],
    ['runs', `${formatCount(wf.runs)}: ${p.green(formatCount(wf.succeeded))} succeeded, ${failed} failed, ${interrupted} interrupted${lostText(wf, p)}`],
    ['runs/s', formatRate(wf.ratePerSec)],
    ['requests', formatCount(wf.requests)],
  ];
  if ((wf.retries ?? 0) > 0) rows.push(['retries', retriesText(wf.retries!)]);
  rows.push(['status', statusItems(wf.statusClasses, p)]);
  if (wf.dropped > 0) rows.push(['dropped', p.yellow(formatCount(wf.dropped))]);
  const errors = errorItems(wf.errors, p);
  if (errors.length > 0) rows.push(['errors', errors]);

  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const lines = [p.bold(wf.name)];
  for (const [label, value] of rows) lines.push(...labelledLine(p.dim(label), value, { labelWidth, width }));

  const reasons = nonZeroEntries(wf.failureReasons).slice(0, TOP_FAILURE_REASONS);
  if (reasons.length > 0) {
    lines.push(`  ${p.dim('top failure reasons')}`);
    const reasonRows = reasons.map(([reason, n]) => [p.red(formatCount(n)), reason]);
    lines.push(...formatTable(reasonRows, { indent: 4, width, align: ['right', 'left'], overflow: 'clip' }));
  }
  if (wf.checks.length > 0) {
    lines.push(`  ${p.dim('checks')}`);
    lines.push(
      ...formatTable(checkRows(wf.checks, p), {
        header: ['', p.dim('passed'), p.dim('failed')],
        align: ['left', 'right', 'right'],
        maxWidths: [Math.floor(width / 2)],
        indent: 4,
        width,
        stickyColumns: 1,
      }),
    );
  }
  lines.push(...formatMetricsSummary(wf, format));
  lines.push(`  ${p.dim('percentiles')}`);
  // With failures, the successful runs' own percentiles too: fast failures pull the others down.
  const succeeded = wf.failed > 0 ? wf.succeededLatencyMs : undefined;
  if (succeeded === undefined) {
    lines.push(
      ...formatTable([percentileCells(lat)], {
        header: PERCENTILES.map(([title]) => p.dim(title)),
        align: PERCENTILES.map(() => 'right'),
        indent: 4,
        width,
      }),
    );
  } else {
    lines.push(
      ...formatTable(
        [
          ['all runs', ...percentileCells(lat)],
          ['successful', ...(wf.succeeded > 0 ? percentileCells(succeeded) : PERCENTILES.map(() => '-'))],
        ],
        {
          header: ['', ...PERCENTILES.map(([title]) => p.dim(title))],
          align: ['left', ...PERCENTILES.map((): 'right' => 'right')],
          indent: 4,
          width,
          stickyColumns: 1,
        },
      ),
    );
  }
  lines.push(`  ${p.dim('distribution')}`);
  lines.push(...drawDistribution(wf.buckets, { width, indent: 4, palette: p }));
  return lines;
}
