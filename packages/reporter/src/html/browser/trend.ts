// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- trend -----------------------------------------------------------------------------
import { arr, formatAxisCount, formatCount, formatDuration, formatStartedAt, formatValue, isNum, obj, plural } from './format.js';
import { h, numCell, safely, section, table } from './dom.js';
import { lineChart } from './charts.js';
// The terminal's own function: the page and `go-heavy history` write values alike.
import { formatTrendValue } from '../../format-trend.js';

export { formatTrendValue };
/** An axis label (and tooltip value) in the statistic's unit, trimmed: "20 ms", "2.5%", "1.2k". */
export function formatTrendAxis(stat, value) {
  if (!isNum(value)) return '';
  if (stat === 'error-rate') return String(Number(value.toFixed(2))) + '%';
  if (stat === 'runs/s' || stat === 'runs') return formatAxisCount(value);
  return formatDuration(value, { trim: true });
}

/** The y axis title: "p95 latency", "error rate (%)", "runs/s". */
export function trendAxisTitle(stat) {
  if (stat === 'error-rate') return 'error rate (%)';
  if (stat === 'runs/s' || stat === 'runs') return stat;
  return stat + ' latency';
}

/** How far a value is from its baseline, in percent: "+12.3%", "-4.0%"; "-" without a baseline. */
export function formatChange(value, baseline) {
  if (!isNum(value) || !isNum(baseline) || baseline === 0) return '-';
  const pct = ((value - baseline) / baseline) * 100;
  return (pct > 0 ? '+' : '') + pct.toFixed(1) + '%';
}

export const tagsText = (tags) =>
  Object.keys(obj(tags))
    .map((k) => k + '=' + String(tags[k]))
    .join(' ') || '-';
export const commitText = (commit) => (typeof commit === 'string' && commit !== '' ? commit.slice(0, 10) : '-');

/** The start time of a point as an ISO string, or '' when it is not a date. */
export function isoOf(point) {
  const date = new Date(point && point.startedAt);
  return typeof (point && point.startedAt) === 'string' && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}

/** At most max run indexes to label, evenly spaced from the first run. */
export function runTicks(count, max) {
  const step = Math.max(1, Math.ceil(count / max));
  const ticks: number[] = [];
  for (let i = 0; i < count; i += step) ticks.push(i);
  return ticks;
}

/**
 * A run index's axis label: the shortest form of the start times (UTC) that tells the labelled
 * runs apart, the date, else month-day and minute, else the time of day; else "#n".
 */
export function runLabeller(points, ticks) {
  const forms = [(s) => s.slice(0, 10), (s) => s.slice(5, 16).replace('T', ' '), (s) => s.slice(11, 19)];
  for (const form of forms) {
    const labels = ticks.map((i) => (isoOf(points[i]) ? form(isoOf(points[i])) : ''));
    if (labels.every((l) => l !== '') && new Set(labels).size === labels.length) {
      return (i) => (points[i] && isoOf(points[i]) ? form(isoOf(points[i])) : '#' + (i + 1));
    }
  }
  return (i) => '#' + (i + 1);
}

/** Whether the change from the baseline is for the worse (red) or the better (green). */
export function changeClass(value, baseline, rule) {
  if (!isNum(value) || !isNum(baseline) || value === baseline) return '';
  const higherIsWorse = !rule || rule.higherIsWorse !== false;
  return value > baseline === higherIsWorse ? 'worse' : 'better';
}

/** "baseline: median of the previous 5 runs; regression: more than 10% worse" */
export function ruleText(rule) {
  if (!rule || !isNum(rule.window)) return null;
  return 'baseline: median of the previous ' + plural(rule.window, 'run') + '; regression: more than ' + formatValue(rule.tolerancePct) + '% ' + (rule.higherIsWorse === false ? 'lower' : 'higher');
}

/** One workflow: facts, the chart, the table of runs. */
export function renderTrend(trend, index) {
  const name = String(trend.name != null ? trend.name : '');
  const stat = String(trend.stat != null ? trend.stat : '');
  const points = arr(trend.points).map(obj);
  const rule = trend.rule ? obj(trend.rule) : null;
  const flagged = points.map((p) => p.regression === true);
  const regressions = flagged.filter(Boolean).length;
  const last = points[points.length - 1];
  const describe = (i) => 'run ' + (i + 1) + (points[i] && isoOf(points[i]) ? ' (' + formatStartedAt(points[i].startedAt) + ')' : '');

  const facts = h('div', { class: 'facts' }, [
    h('span', null, [h('b', null, formatCount(points.length)), points.length === 1 ? ' run' : ' runs']),
    h('span', { class: regressions > 0 ? 'bad' : null, 'data-fact': 'regressions' }, [h('b', null, formatCount(regressions)), regressions === 1 ? ' regression' : ' regressions']),
    last ? h('span', null, ['latest ', h('b', null, formatTrendValue(stat, last.value))]) : null,
    ruleText(rule) ? h('span', { 'data-fact': 'rule' }, ruleText(rule)) : null,
  ]);

  const ticks = runTicks(points.length, 10);
  const chart = lineChart({
    id: 'trend',
    title: stat + ' of ' + name + ' over ' + plural(points.length, 'run'),
    series: [
      { name: stat, points: points.map((p, i) => [i, p.value]) },
      { name: rule && isNum(rule.window) ? 'baseline (median of the previous ' + formatCount(rule.window) + ')' : 'baseline', dashed: true, points: points.map((p, i) => [i, p.baseline]) },
    ],
    marks: {
      name: 'regression',
      points: points
        .map((p, i) =>
          flagged[i]
            ? {
                x: i,
                y: p.value,
                title:
                  'regression: ' +
                  describe(i) +
                  ', ' +
                  stat +
                  ' ' +
                  formatTrendValue(stat, p.value) +
                  (isNum(p.baseline) ? ', ' + formatChange(p.value, p.baseline) + ' from the baseline ' + formatTrendValue(stat, p.baseline) : ''),
              }
            : null,
        )
        .filter((m) => m !== null),
    },
    formatY: (v) => formatTrendAxis(stat, v),
    integer: stat === 'runs',
    xDomain: [-0.5, Math.max(0.5, points.length - 0.5)],
    xTicks: ticks,
    formatX: runLabeller(points, ticks),
    describeX: describe,
    xTitle: 'runs, oldest first (start time, UTC)',
    yTitle: trendAxisTitle(stat),
    width: 1000,
    height: 300,
    emptyText: 'No runs recorded.',
  });

  const rows = points.map((p, i) =>
    h('tr', { class: flagged[i] ? 'regression' : null, 'data-regression': String(flagged[i]) }, [
      h('td', { class: 'num', 'data-col': 'run' }, String(i + 1)),
      h('td', { 'data-col': 'started' }, formatStartedAt(p.startedAt)),
      h('td', { class: 'mono', 'data-col': 'commit', title: typeof p.commit === 'string' ? p.commit : null }, commitText(p.commit)),
      h('td', { 'data-col': 'tags' }, tagsText(p.tags)),
      h('td', { 'data-col': 'load' }, typeof p.load === 'string' ? p.load : '-'),
      h('td', { class: 'num', 'data-col': 'value' }, formatTrendValue(stat, p.value)),
      h('td', { class: 'num', 'data-col': 'baseline' }, formatTrendValue(stat, p.baseline)),
      h('td', { class: ['num', changeClass(p.value, p.baseline, rule)].filter(Boolean).join(' '), 'data-col': 'change' }, formatChange(p.value, p.baseline)),
      h('td', { 'data-col': 'regression' }, [
        flagged[i] ? h('span', { class: 'pill bad' }, 'regression') : null,
        // Compared only with runs of its own load: the baseline is theirs, not the previous run's.
        p.loadChanged === true ? h('span', { class: 'pill warn', title: 'compared only with earlier runs made with the same load' }, 'load changed') : null,
      ]),
    ]),
  );
  const runs =
    points.length === 0
      ? h('p', { class: 'empty' }, 'No runs recorded.')
      : table(
          { class: 'data', 'data-table': 'runs' },
          [['#', ['started', { class: 'text' }], ['commit', { class: 'text' }], ['tags', { class: 'text' }], ['load', { class: 'text' }], stat, 'baseline', 'change', ['', { class: 'text' }]]],
          rows,
        );

  return h('section', { id: 'trend-' + index, class: 'section trend', 'data-workflow': name }, [
    h('div', { class: 'workflow-head' }, h('h2', null, h('span', { class: 'label' }, name))),
    facts,
    chart,
    runs,
  ]);
}

/** The table of workflows at the top: runs, latest value, regressions, each linking to its section. */
export function renderTrendOverview(trends) {
  const rows = trends.map((t, i) => {
    const points = arr(t.points).map(obj);
    const last = points[points.length - 1];
    const regressions = points.filter((p) => p.regression === true).length;
    const stat = String(t.stat != null ? t.stat : '');
    return h('tr', null, [
      h('td', { 'data-col': 'name' }, h('a', { href: '#trend-' + i }, String(t.name != null ? t.name : ''))),
      h('td', { 'data-col': 'stat' }, stat),
      numCell('runs', formatCount(points.length), points.length),
      h('td', { class: 'num', 'data-col': 'latest' }, last ? formatTrendValue(stat, last.value) : '-'),
      h('td', { class: 'num', 'data-col': 'baseline' }, last ? formatTrendValue(stat, last.baseline) : '-'),
      numCell('regressions', formatCount(regressions), regressions, 'bad'),
    ]);
  });
  return section('overview', 'Workflows', table({ class: 'data overview', 'data-table': 'overview' }, [['workflow', ['stat', { class: 'text' }], 'runs', 'latest', 'baseline', 'regressions']], rows));
}

/** Renders { service, trends } into #go-heavy-report, replacing what was there. */
export function renderTrends(data) {
  const root = document.getElementById('go-heavy-report');
  if (!root) throw new Error('go-heavy: no element #go-heavy-report to render into');
  const trends = arr(obj(data).trends).map(obj);
  const service = obj(data).service;
  const subtitle = document.getElementById('go-heavy-subtitle');
  if (subtitle) {
    const stats = Array.from(new Set(trends.map((t) => String(t.stat))));
    const runs = Math.max.apply(null, [0].concat(trends.map((t) => arr(t.points).length)));
    subtitle.textContent = [typeof service === 'string' && service !== '' ? 'Service ' + service : null, stats.join(', ') || null, 'the last ' + plural(runs, 'run')].filter(Boolean).join(' · ');
  }
  const sections =
    trends.length === 0
      ? [h('section', { class: 'section' }, h('p', { class: 'empty' }, 'No runs recorded.'))]
      : [safely('overview', () => renderTrendOverview(trends))].concat(trends.map((t, i) => safely('trend ' + (i + 1), () => renderTrend(t, i))));
  root.replaceChildren(...sections);
  root.setAttribute('data-rendered', String(Date.now()));
}
