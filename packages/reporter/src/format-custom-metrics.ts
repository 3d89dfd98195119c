import { formatTags, type CustomMetricResult, type RequestResult, type WorkflowResult } from '@go-heavy/core';
import { formatDuration } from './format-duration.js';
import type { ResolvedFormat } from './format-options.js';
import { formatCount, formatRate } from './format-number.js';
import { formatTable } from './format-table.js';

/** A custom metric's value in its own unit: up to 3 decimals, no trailing zeros ("12", "0.25", "1204.5"). */
function formatMetricValue(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1000) / 1000) : '-';
}

/** A rate as a percentage with one decimal: "95.0%". */
function formatShare(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

/** One line's worth of a metric, by kind: "120 (12.0/s)", "95.0% (38 of 40)", "avg 4.5  p95 9  max 18 (30 values)". */
function metricSummary(m: CustomMetricResult): string {
  switch (m.kind) {
    case 'counter':
      return `${formatMetricValue(m.count)} (${formatRate(m.ratePerSec)}/s)`;
    case 'rate':
      return `${formatShare(m.rate)} (${formatCount(m.passes)} of ${formatCount(m.count)})`;
    case 'trend': {
      const s = m.stats;
      return `avg ${formatMetricValue(s.mean)}  p50 ${formatMetricValue(s.p50)}  p95 ${formatMetricValue(s.p95)}  max ${formatMetricValue(s.max)}  (${formatCount(m.count)} values)`;
    }
  }
}

/** The summary's compact list of a workflow's custom metrics, one per line; nothing when it has none. */
export function formatMetricsSummary(wf: WorkflowResult, format: ResolvedFormat): string[] {
  const metrics = wf.metrics ?? [];
  if (metrics.length === 0) return [];
  const { palette: p, width } = format;
  const rows = metrics.map((m) => [m.name, p.dim(m.kind), metricSummary(m)]);
  return [`  ${p.dim('custom metrics')}`, ...formatTable(rows, { indent: 4, width, align: ['left', 'left', 'left'], maxWidths: [Math.floor(width * 0.4)], overflow: 'clip' })];
}

/** One level's custom metrics, for the complete report: the workflow's roll-up or one step's. */
interface MetricsAt {
  label: string;
  metrics: CustomMetricResult[];
}

/**
 * The complete report's custom metrics of a workflow: one table per kind (counters, rates,
 * trends), a row per level (the workflow's roll-up, then each step that recorded it) and
 * metric, with that kind's stats. Nothing when the workflow has none.
 */
export function formatMetricsReport(wf: WorkflowResult, format: ResolvedFormat): string[] {
  if ((wf.metrics ?? []).length === 0) return [];
  const { palette: p, width } = format;
  const levels: MetricsAt[] = [{ label: 'workflow', metrics: wf.metrics ?? [] }];
  for (const step of wf.steps) if ((step.metrics ?? []).length > 0) levels.push({ label: `  step ${step.name}`, metrics: step.metrics! });
  const rowsOf = <K extends CustomMetricResult['kind']>(kind: K, cells: (m: Extract<CustomMetricResult, { kind: K }>) => string[]) =>
    levels.flatMap(({ label, metrics }) => metrics.filter((m): m is Extract<CustomMetricResult, { kind: K }> => m.kind === kind).map((m) => [label, m.name, ...cells(m)]));
  const table = (title: string, header: string[], rows: string[][]): string[] =>
    rows.length === 0
      ? []
      : [
          '',
          `  ${p.bold(title)}`,
          ...formatTable(rows, {
            header: ['', 'metric', ...header].map((h) => p.dim(h)),
            indent: 4,
            width,
            stickyColumns: 2,
            align: ['left', 'left'],
            maxWidths: [Math.floor(width * 0.3), Math.floor(width * 0.3)],
          }),
        ];
  return [
    ...table(
      'custom counters',
      ['count', 'per second'],
      rowsOf('counter', (m) => [formatMetricValue(m.count), formatRate(m.ratePerSec)]),
    ),
    ...table(
      'custom rates',
      ['rate', 'true', 'values'],
      rowsOf('rate', (m) => [formatShare(m.rate), formatCount(m.passes), formatCount(m.count)]),
    ),
    ...table(
      'custom trends (in their own unit)',
      ['values', 'min', 'avg', 'P50', 'P90', 'P95', 'P99', 'max'],
      rowsOf('trend', (m) => [formatCount(m.count), ...[m.stats.min, m.stats.mean, m.stats.p50, m.stats.p90, m.stats.p95, m.stats.p99, m.stats.max].map(formatMetricValue)]),
    ),
  ];
}

/**
 * The complete report's requests added up per tag (`{kind=search}`): runs, failed, runs/s and
 * latency, one row per tag. Nothing when the workflow had no tagged request.
 */
export function formatTaggedReport(wf: WorkflowResult, format: ResolvedFormat): string[] {
  const tagged = wf.tagged ?? [];
  if (tagged.length === 0) return [];
  const { palette: p, width } = format;
  const rows = tagged.map((t) => [
    t.name,
    formatCount(t.runs),
    t.failed > 0 ? p.red(formatCount(t.failed)) : formatCount(t.failed),
    formatRate(t.ratePerSec),
    ...[t.latencyMs.min, t.latencyMs.mean, t.latencyMs.p50, t.latencyMs.p95, t.latencyMs.p99, t.latencyMs.max].map((ms) => formatDuration(ms)),
  ]);
  return [
    '',
    `  ${p.bold('requests by tag (every request carrying the tag)')}`,
    ...formatTable(rows, { header: ['', 'runs', 'failed', 'runs/s', 'min', 'avg', 'P50', 'P95', 'P99', 'max'].map((h) => p.dim(h)), indent: 4, width, stickyColumns: 1, align: ['left'] }),
  ];
}

/** A request as the reports name it: "GET /search", with its tags "GET /search {kind=search}". */
export function requestLabel(req: Pick<RequestResult, 'method' | 'endpoint' | 'tags'>): string {
  const tags = formatTags(req.tags);
  return tags === '' ? `${req.method} ${req.endpoint}` : `${req.method} ${req.endpoint} ${tags}`;
}
