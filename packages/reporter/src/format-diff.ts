import type { DiffRow, DiffStat, ResponseDiff, RunDiff, StatChange } from '@go-heavy/core';
import type { Palette } from './color.js';
import { formatDuration } from './format-duration.js';
import { labelledLine } from './format-flow.js';
import { formatCount, formatRate } from './format-number.js';
import { resolveFormat, type FormatOptions } from './format-options.js';
import { formatTable } from './format-table.js';
import { clipLine } from './text-width.js';

/** The tables of the diff, as the complete report groups its columns. */
const TABLES: ReadonlyArray<readonly [title: string, stats: readonly DiffStat[]]> = [
  ['times and runs', ['runs', 'runs/s', 'error-rate', 'min', 'avg', 'max']],
  ['percentiles', ['p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']],
];

/** Column titles, as the complete report writes them. */
const TITLE: Record<DiffStat, string> = {
  runs: 'runs',
  'runs/s': 'runs/s',
  'error-rate': 'error rate',
  min: 'min',
  avg: 'avg',
  max: 'max',
  p10: 'P10',
  p25: 'P25',
  p50: 'P50',
  p75: 'P75',
  p90: 'P90',
  p95: 'P95',
  p99: 'P99',
  p100: 'P100',
};

const LATENCY = new Set<DiffStat>(['min', 'avg', 'max', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']);

/** The statistics the list of what got worse names (the tables show them all). */
const HEADLINE = new Set<DiffStat>(['runs/s', 'error-rate', 'avg', 'p50', 'p95', 'p99']);

/** A value of a statistic in its unit: "12.3 ms", "499.4", "1.25%", "1200". */
export function formatDiffValue(stat: DiffStat, value: number): string {
  if (LATENCY.has(stat)) return formatDuration(value);
  if (stat === 'runs/s') return formatRate(value);
  if (stat === 'error-rate') return `${value.toFixed(2)}%`;
  return formatCount(value);
}

/** The absolute change, signed, in the statistic's unit: "+33.5 ms", "-12.0", "+1.50 pp", "+120". */
export function formatDiffDelta(stat: DiffStat, delta: number): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '-' : '±';
  const size = Math.abs(delta);
  if (LATENCY.has(stat)) return sign + formatDuration(size);
  if (stat === 'runs/s') return sign + formatRate(size);
  if (stat === 'error-rate') return `${sign}${size.toFixed(2)} pp`;
  return sign + formatCount(size);
}

/** The relative change: "+277.0%", "-4.1%", "0.0%"; "new" when the baseline is 0. */
export function formatDiffPct(pct: number | null): string {
  if (pct === null) return 'new';
  return `${pct > 0 ? '+' : ''}${pct.toFixed(1)}%`;
}

/** A row's name, indented by level like the complete report's tables. */
function rowLabel(row: DiffRow): string {
  if (row.level === 'workflow') return 'workflow';
  if (row.level === 'step') return `  step ${row.step}`;
  return `    ${row.request}`;
}

/** A row named on its own: `shop/buy › pay › POST /pay`. */
export function diffRowName(row: Pick<DiffRow, 'workflow' | 'step' | 'request'>): string {
  return [row.workflow, row.step, row.request].filter((part) => part !== undefined).join(' › ');
}

/** One cell: the change, absolute and relative, red when worse, green when better, dim within the noise. */
function changeCell(change: StatChange | undefined, p: Palette): string {
  if (change === undefined) return p.dim('-');
  if (change.delta === 0) return p.dim('=');
  const text = `${formatDiffDelta(change.stat, change.delta)} ${formatDiffPct(change.pct)}`;
  if (change.noise === true) return p.dim(`≈${text}`);
  return change.verdict === 'worse' ? p.red(text) : p.green(text);
}

/**
 * `go-heavy diff`: the two runs, then per workflow the change of every statistic from run a to
 * run b for the workflow, each step and each request, in the complete report's tables (times
 * and runs, then percentiles; columns wrap to the width), each cell the absolute and relative
 * change, red when worse, green when better, dim and marked ≈ when within run-to-run noise; then
 * the changes past the noise that made things worse (runs/s, error rate, avg, P50, P95, P99), largest first, with both values; the rows in
 * one run only; the `--fail-on` bounds; and with `--requests`, the responses that differ.
 * Returns the text without a trailing newline.
 */
export function formatDiff(diff: RunDiff, options: FormatOptions & { maxChanges?: number } = {}): string {
  const format = resolveFormat(options);
  const { palette: p, width } = format;
  const lines = [p.bold('go-heavy diff')];
  for (const [name, side] of [
    ['a', diff.a],
    ['b', diff.b],
  ] as const) {
    const facts = [
      side.source,
      side.testId,
      side.startedAt.replace('T', ' ').slice(0, 19),
      formatDuration(side.durationMs),
      `${formatCount(side.requests)} requests`,
      ...(side.load ? [side.load] : []),
    ];
    lines.push(...labelledLine(p.dim(name === 'a' ? 'a (baseline)' : 'b (candidate)'), facts.join(', '), { labelWidth: 13, width }));
  }
  const workflows = [...new Set(diff.rows.map((r) => r.workflow))];
  for (const wf of workflows) {
    const rows = diff.rows.filter((r) => r.workflow === wf);
    lines.push('', p.bold(`workflow ${wf}`));
    for (const [title, stats] of TABLES) {
      lines.push('', `  ${p.bold(title)}`);
      const body = rows.map((row) => [
        rowLabel(row),
        ...stats.map((stat, i) => {
          if (row.presence !== 'both') return i === 0 ? p.yellow(row.presence === 'a-only' ? 'only in a' : 'only in b') : '';
          return changeCell(
            row.changes.find((c) => c.stat === stat),
            p,
          );
        }),
      ]);
      lines.push(
        ...formatTable(body, {
          header: ['', ...stats.map((s) => TITLE[s])].map((h) => p.dim(h)),
          align: ['left', ...stats.map(() => 'right' as const)],
          indent: 4,
          width,
          stickyColumns: 1,
          maxWidths: [Math.floor(width * 0.4)],
        }),
      );
    }
  }

  const worse = diff.rows.flatMap((row) => row.changes.filter((c) => c.verdict === 'worse' && c.noise !== true && HEADLINE.has(c.stat)).map((change) => ({ row, change })));
  const count = (keep: (c: StatChange) => boolean) => diff.rows.reduce((n, row) => n + row.changes.filter(keep).length, 0);
  const worseAll = count((c) => c.verdict === 'worse' && c.noise !== true);
  const better = count((c) => c.verdict === 'better' && c.noise !== true);
  const noise = count((c) => c.noise === true && c.delta !== 0);
  lines.push('', p.bold('worse beyond the noise'));
  if (worse.length === 0) lines.push(p.dim('  none'));
  else {
    worse.sort((x, y) => (y.change.pct ?? Infinity) - (x.change.pct ?? Infinity));
    const shown = worse.slice(0, options.maxChanges ?? 30);
    lines.push(
      ...formatTable(
        shown.map(({ row, change }) => [
          diffRowName(row),
          TITLE[change.stat],
          formatDiffValue(change.stat, change.a),
          '→',
          formatDiffValue(change.stat, change.b),
          p.red(formatDiffDelta(change.stat, change.delta)),
          p.red(formatDiffPct(change.pct)),
        ]),
        { indent: 2, width, align: ['left', 'left', 'right', 'left', 'right', 'right', 'right'], maxWidths: [Math.floor(width * 0.45)] },
      ),
    );
    if (worse.length > shown.length) lines.push(p.dim(`  … and ${worse.length - shown.length} more`));
  }
  lines.push(p.dim(`  ${worseAll} changes worse, ${better} better beyond the noise, ${noise} within it (≈: 95% intervals overlap)`));

  const oneSided = diff.rows.filter((r) => r.presence !== 'both');
  if (oneSided.length > 0) {
    lines.push('', p.bold('in one run only'));
    for (const row of oneSided) lines.push(`  ${p.yellow(row.presence === 'a-only' ? 'only in a' : 'only in b')}  ${row.level} ${diffRowName(row)}`);
  }

  if (diff.gates.length > 0) {
    lines.push('', p.bold('fail-on'));
    for (const gate of diff.gates) {
      lines.push(`  ${gate.ok ? p.green('ok    ') : p.red('FAILED')}  ${gate.expr}${gate.ok ? '' : p.dim(`  (${gate.failures.length} past the bound)`)}`);
      for (const { row, change } of gate.failures.slice(0, 10)) {
        lines.push(
          `          ${row}: ${formatDiffValue(change.stat, change.a)} → ${formatDiffValue(change.stat, change.b)} (${formatDiffDelta(change.stat, change.delta)}, ${formatDiffPct(change.pct)})`,
        );
      }
      if (gate.failures.length > 10) lines.push(p.dim(`          … and ${gate.failures.length - 10} more`));
    }
  }

  if (diff.responses) lines.push('', ...formatResponseDiff(diff.responses, p, width));
  return lines.map((l) => clipLine(l, width)).join('\n');
}

const statusText = (s: number | null) => (s === null ? 'no response' : String(s));

function formatResponseDiff(r: ResponseDiff, p: Palette, width: number): string[] {
  const lines = [p.bold('responses')];
  lines.push(
    `  ${formatCount(r.matched)} matched, ${r.differing > 0 ? p.red(formatCount(r.differing)) : '0'} differ (status ${formatCount(r.statusChanged)}, body ${formatCount(r.bodyChanged)}), ` +
      `${formatCount(r.onlyA)} only in a, ${formatCount(r.onlyB)} only in b`,
  );
  if (r.groups.length === 0) return lines;
  lines.push(
    ...formatTable(
      r.groups.map((g) => [
        [g.workflow ?? '-', g.step, `${g.method} ${g.endpoint}`].join(' › '),
        formatCount(g.differing),
        g.statuses.map((s) => `${statusText(s.a)}→${statusText(s.b)} ×${s.count}`).join(', ') || '-',
        g.paths
          .slice(0, 5)
          .map((x) => `${x.path || '(body)'} ×${x.count}`)
          .join(', ') || '-',
      ]),
      { header: ['request', 'differ', 'status', 'body'].map((h) => p.dim(h)), indent: 2, width, align: ['left', 'right', 'left', 'left'], maxWidths: [Math.floor(width * 0.4)] },
    ),
  );
  lines.push('', `  ${p.bold('first differences')}`);
  for (const d of r.listed) {
    lines.push(`  ${[d.workflow ?? '-', d.step, `${d.method} ${d.endpoint}`].join(' › ')} #${d.occurrence}  ${p.dim(`(${d.idA} → ${d.idB})`)}`);
    if (d.status) lines.push(`      status ${statusText(d.status.a)} → ${p.red(statusText(d.status.b))}`);
    if (d.body?.text) lines.push('      body (not JSON) differs');
    for (const c of d.body?.changes ?? []) {
      const path = c.path || '(body)';
      if (c.kind === 'changed') lines.push(`      ${path}: ${c.a ?? ''} → ${c.b ?? ''}`);
      else if (c.kind === 'added') lines.push(`      ${path}: added ${c.b}`);
      else if (c.kind === 'removed') lines.push(`      ${path}: removed ${c.a}`);
      else lines.push(`      ${path}: moved ${c.b ?? ''}`);
    }
    if (d.body?.truncated) lines.push(p.dim('      … (body changes cut: more of them, or a body cut by the log)'));
  }
  if (r.unlisted > 0) lines.push(p.dim(`  … and ${formatCount(r.unlisted)} more differences, counted above (raise --requests-limit to list them)`));
  return lines.map((l) => clipLine(l, width));
}
