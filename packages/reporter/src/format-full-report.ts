import type { RunResult, Stats, WorkflowResult } from '@go-heavy/core';
import { drawDistribution } from './draw-distribution.js';
import { formatMetricsReport, formatTaggedReport, requestLabel } from './format-custom-metrics.js';
import { formatDuration } from './format-duration.js';
import { labelledLine } from './format-flow.js';
import { formatCount, formatRate } from './format-number.js';
import { resolveFormat, type FormatOptions, type ResolvedFormat } from './format-options.js';
import { formatRunHeader, lostText, retriesText } from './format-run-header.js';
import { formatThresholds } from './format-thresholds.js';
import { checkRows, nonZeroEntries, paintStatus, PERCENTILES, percentileCells, STATUS_CLASSES } from './format-stats.js';
import { formatTable, type TableOptions } from './format-table.js';
import { clipLine } from './text-width.js';

/** One row of the report's tables: a workflow, one of its steps or one of a step's requests. */
interface Entity {
  /** Indented by level, for the tables: "workflow", "  step add to cart", "    POST /cart". */
  label: string;
  /** Unambiguous on its own, for lists: "step add to cart", "POST /cart (add to cart)". */
  title: string;
  stats: Stats;
}

/**
 * The complete report: the run's header, then per workflow aligned tables in which the
 * workflow is followed by each step and each step by its requests (method + endpoint), with
 * min/avg/max, runs, runs per second, status classes, P10..P100 (of every run, and of the
 * successful runs alone when some failed), errors, retries (when any),
 * failure reasons, checks and custom metrics (a table per kind, per level), then the latency distribution of every workflow, step and
 * request. Same width and colour rules as {@link formatSummary}. Returns the text without a
 * trailing newline.
 */
export function formatFullReport(result: RunResult, options: FormatOptions = {}): string {
  const format = resolveFormat(options);
  const lines = formatRunHeader(result, 'go-heavy complete report', format);
  for (const wf of result.workflows) lines.push('', ...formatWorkflowReport(wf, format));
  const thresholds = formatThresholds(result, format);
  if (thresholds.length > 0) lines.push('', ...thresholds);
  return lines.map((l) => clipLine(l, format.width)).join('\n');
}

/** One workflow's part of the complete report, as lines. */
function formatWorkflowReport(wf: WorkflowResult, format: ResolvedFormat): string[] {
  const { palette: p, width } = format;
  const entities = entitiesOf(wf);
  const table = (header: string[], rows: string[][], extra: Partial<TableOptions> = {}) =>
    formatTable(rows, {
      header: header.map((h) => p.dim(h)),
      indent: 4,
      width,
      stickyColumns: 1,
      align: ['left'], // a step named "1" is still a label
      maxWidths: [Math.floor(width * 0.4)],
      ...extra,
    });
  const section = (title: string) => ['', `  ${p.bold(title)}`];

  const failed = wf.failed > 0 ? p.red(formatCount(wf.failed)) : formatCount(wf.failed);
  const lines = [p.bold(`workflow ${wf.name}`)];
  const labelWidth = 'requests'.length;
  lines.push(
    ...labelledLine(
      p.dim('runs'),
      `${formatCount(wf.runs)}: ${p.green(formatCount(wf.succeeded))} succeeded, ${failed} failed, ` +
        `${formatCount(wf.interrupted)} interrupted, ${formatCount(wf.dropped)} dropped${lostText(wf, p)}`,
      { labelWidth, width },
    ),
    ...labelledLine(p.dim('requests'), formatCount(wf.requests), { labelWidth, width }),
  );
  if ((wf.retries ?? 0) > 0) lines.push(...labelledLine(p.dim('retries'), retriesText(wf.retries!), { labelWidth, width }));

  lines.push(...section('times and runs'));
  lines.push(
    ...table(
      ['', 'runs', 'succeeded', 'failed', 'runs/s', 'min', 'avg', 'max'],
      entities.map(({ label, stats: s }) => [
        label,
        formatCount(s.runs),
        formatCount(s.succeeded),
        s.failed > 0 ? p.red(formatCount(s.failed)) : formatCount(s.failed),
        formatRate(s.ratePerSec),
        formatDuration(s.latencyMs.min),
        formatDuration(s.latencyMs.mean),
        formatDuration(s.latencyMs.max),
      ]),
    ),
  );

  lines.push(...section('status classes'));
  lines.push(
    ...table(
      ['', ...STATUS_CLASSES],
      entities.map(({ label, stats }) => [label, ...STATUS_CLASSES.map((cls) => paintStatus(p, cls, stats.statusClasses[cls] ?? 0))]),
    ),
  );

  lines.push(...section('percentiles'));
  lines.push(
    ...table(
      ['', ...PERCENTILES.map(([title]) => title)],
      entities.map(({ label, stats }) => [label, ...percentileCells(stats.latencyMs)]),
    ),
  );

  // With failures, the successful runs' own percentiles: what latency thresholds test by default.
  if (entities.some(({ stats }) => stats.failed > 0 && stats.succeededLatencyMs !== undefined)) {
    lines.push(...section('percentiles of successful runs'));
    lines.push(
      ...table(
        ['', ...PERCENTILES.map(([title]) => title)],
        entities.map(({ label, stats }) => [label, ...(stats.succeeded > 0 && stats.succeededLatencyMs ? percentileCells(stats.succeededLatencyMs) : PERCENTILES.map(() => '-'))]),
      ),
    );
  }

  const errorRows = entities.flatMap(({ title, stats }) => nonZeroEntries(stats.errors).map(([category, n]) => [title, category, p.red(formatCount(n))]));
  if (errorRows.length > 0) {
    lines.push(...section('errors without a status code'));
    lines.push(...table(['', 'category', 'count'], errorRows));
  }

  const retryRows = wf.steps.flatMap((step) => step.requests.filter((req) => (req.retries ?? 0) > 0).map((req) => [`${requestLabel(req)} (${step.name})`, formatCount(req.retries!)]));
  if (retryRows.length > 0) {
    lines.push(...section('retries (sent again on a fresh connection)'));
    lines.push(...table(['', 'count'], retryRows, { align: ['left', 'right'] }));
  }

  const reasons = nonZeroEntries(wf.failureReasons);
  if (reasons.length > 0) {
    lines.push(...section('failure reasons'));
    lines.push(
      ...formatTable(
        reasons.map(([reason, n]) => [p.red(formatCount(n)), reason]),
        { header: [p.dim('count'), p.dim('reason')], align: ['right', 'left'], indent: 4, width, overflow: 'clip' },
      ),
    );
  }

  if (wf.checks.length > 0) {
    lines.push(...section('checks'));
    lines.push(...table(['', 'passed', 'failed'], checkRows(wf.checks, p), { align: ['left', 'right', 'right'] }));
  }

  lines.push(...formatTaggedReport(wf, format));
  lines.push(...formatMetricsReport(wf, format));

  lines.push(...section('latency distribution'));
  for (const { title, stats } of entities) {
    lines.push(`    ${p.dim(title)}`, ...drawDistribution(stats.buckets, { width, indent: 6, palette: p }));
  }
  return lines;
}

/** The workflow, then each step followed by its requests, in the order the results list them. */
function entitiesOf(wf: WorkflowResult): Entity[] {
  const out: Entity[] = [{ label: 'workflow', title: 'workflow', stats: wf }];
  for (const step of wf.steps) {
    out.push({ label: `  step ${step.name}`, title: `step ${step.name}`, stats: step });
    for (const req of step.requests) {
      const name = requestLabel(req);
      out.push({ label: `    ${name}`, title: `${name} (${step.name})`, stats: req });
    }
  }
  return out;
}
