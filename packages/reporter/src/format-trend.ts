import { createPalette } from './color.js';
import { formatDuration } from './format-duration.js';
import type { FormatOptions } from './format-options.js';
import { labelledLine } from './format-flow.js';
import { formatTable } from './format-table.js';

/** One run in a trend: when, at which commit, the value, and whether it regressed. */
export interface TrendPoint {
  startedAt: string;
  commit: string | null;
  tags: Record<string, string>;
  value: number;
  /**
   * What the regression rule compared `value` with: the median of the up to `window` runs
   * before this one; null when there was none (the first run).
   */
  baseline: number | null;
  regression: boolean;
  /** The load the run was made with, in words ("closed model: 5 users, 30 s"); absent when unknown. */
  load?: string;
  /** Its load differs from the previous run's: it is compared only with runs of its own load. */
  loadChanged?: boolean;
}

/** A statistic of one workflow (or step, or request) over runs, oldest first. */
export interface Trend {
  name: string;
  /** The statistic's name, e.g. `p95`; latencies are in ms, `error-rate` in %. */
  stat: string;
  points: TrendPoint[];
  /** The regression rule behind `baseline` and `regression`, for the reader (the HTML page states it). */
  rule?: {
    /** How many runs before each one make its baseline (their median). */
    window: number;
    /** How much worse than the baseline, in percent, is a regression. */
    tolerancePct: number;
    /** True for latencies and error rates; false for throughput and counts. */
    higherIsWorse: boolean;
  };
}

const BARS = '▁▂▃▄▅▆▇█';

/** A one-line chart of `values`, lowest ▁ to highest █; a flat series is a flat line. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min;
  return values.map((v) => BARS[span === 0 ? 3 : Math.round(((v - min) / span) * (BARS.length - 1))]).join('');
}

/** A, B, … Z, then 27, 28, …: the name of the i-th distinct load of a trend. */
function loadLetter(i: number): string {
  return i < 26 ? String.fromCharCode(65 + i) : String(i + 1);
}

/** A value in the unit of its statistic. */
export function formatTrendValue(stat: string, value: number): string {
  if (!Number.isFinite(value)) return '-';
  if (stat === 'error-rate') return `${value.toFixed(2)}%`;
  if (stat === 'runs/s') return value.toFixed(1);
  if (stat === 'runs') return String(Math.round(value));
  return formatDuration(value);
}

/**
 * `go-heavy history`: per workflow, a sparkline of the statistic over the runs and a table of
 * the runs (date, commit, tags, value), regressions marked.
 */
export function formatTrends(trends: readonly Trend[], options: FormatOptions = {}): string {
  const p = createPalette(options.color ?? false);
  const width = options.width ?? 100;
  const out: string[] = [];
  for (const trend of trends) {
    const values = trend.points.map((pt) => pt.value);
    const regressions = trend.points.filter((pt) => pt.regression).length;
    out.push(p.bold(`${trend.name}  ${trend.stat}`));
    if (trend.points.length === 0) {
      out.push('  no runs recorded', '');
      continue;
    }
    out.push(`  ${sparkline(values).slice(-Math.max(10, width - 4))}`);
    // Each distinct load gets a letter in the table and is spelled out once below it: a load
    // is too long for a column, and the letters show at a glance which runs are comparable.
    const loads = [...new Set(trend.points.flatMap((pt) => (pt.load === undefined ? [] : [pt.load])))];
    const letter = (load: string | undefined) => (load === undefined ? '-' : loadLetter(loads.indexOf(load)));
    const rows = trend.points.map((pt) => [
      pt.startedAt.replace('T', ' ').slice(0, 19),
      pt.commit?.slice(0, 10) ?? '-',
      Object.entries(pt.tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ') || '-',
      ...(loads.length > 0 ? [letter(pt.load)] : []),
      formatTrendValue(trend.stat, pt.value),
      [pt.regression ? p.red('regression') : '', pt.loadChanged ? p.yellow('load changed') : ''].filter(Boolean).join(', '),
    ]);
    const header = ['started', 'commit', 'tags', ...(loads.length > 0 ? ['load'] : []), trend.stat, ''];
    const align = header.map((_, i) => (i === header.length - 2 ? 'right' : 'left') as 'left' | 'right');
    out.push(...formatTable(rows, { header, align, indent: 2, width }));
    const labels = loads.map((_, i) => `${i === 0 ? 'loads' : '     '} ${loadLetter(i)}`);
    const labelWidth = Math.max(0, ...labels.map((l) => l.length));
    for (const [i, load] of loads.entries()) out.push(...labelledLine(p.dim(labels[i]!), load, { labelWidth, width }));
    out.push(regressions > 0 ? p.yellow(`  ${regressions} regression${regressions === 1 ? '' : 's'}`) : p.dim('  no regression'));
    const changes = trend.points.filter((pt) => pt.loadChanged).length;
    if (changes > 0) out.push(p.yellow(`  the load changed ${changes === 1 ? 'once' : `${changes} times`}: each run is compared only with the runs before it made with the same load`));
    out.push('');
  }
  return out.join('\n').trimEnd();
}
