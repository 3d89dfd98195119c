// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- summary ---------------------------------------------------------------------------
import {
  arr,
  formatAxisCount,
  formatCount,
  formatDuration,
  formatLoad,
  formatProfile,
  formatRate,
  formatSchedulerLag,
  formatStartedAt,
  formatValue,
  formatWarmup,
  isNum,
  obj,
  plural,
} from './format.js';
import { h, numCell, section, table } from './dom.js';
import { lineChart } from './charts.js';
import { workflowLoadLines } from '../../format-workflow-loads.js';
import { latencyOf } from './workflow.js';
export function tile(key, label, value, tone) {
  return h('div', { class: 'tile' + (tone ? ' ' + tone : ''), 'data-tile': key }, [h('div', { class: 'tile-value' }, value), h('div', { class: 'tile-label' }, label)]);
}

export function banner(kind, key, text) {
  return h('div', { class: 'banner ' + kind, role: 'alert', 'data-banner': key }, text);
}

export function renderSummary(result) {
  const s = obj(result.summary);
  const load = obj(result.load);
  const thresholds = arr(result.thresholds);
  // Skipped thresholds (a workflow not part of this run) are neither passed nor failed.
  const evaluated = thresholds.filter((t) => t.skipped !== true);
  const skipped = thresholds.length - evaluated.length;
  const passed = evaluated.filter((t) => t.ok === true).length;
  const dropped = isNum(s.droppedIterations) ? s.droppedIterations : 0;

  const tiles = h('div', { class: 'tiles' }, [
    tile('succeeded', 'iterations succeeded', formatCount(s.workflowsSucceeded), s.workflowsSucceeded > 0 ? 'ok' : ''),
    tile('failed', 'iterations failed', formatCount(s.workflowsFailed), s.workflowsFailed > 0 ? 'bad' : ''),
    tile('interrupted', 'iterations interrupted', formatCount(s.workflowsInterrupted), s.workflowsInterrupted > 0 ? 'warn' : ''),
    tile('requests', 'requests', formatCount(s.requests), ''),
    tile('dropped', 'iterations dropped', formatCount(s.droppedIterations), dropped > 0 ? 'warn' : ''),
    thresholds.length > 0
      ? tile('thresholds', 'thresholds passed' + (skipped > 0 ? ' (' + skipped + ' skipped)' : ''), passed + ' / ' + evaluated.length, passed === evaluated.length ? 'ok' : 'bad')
      : null,
  ]);

  const banners = [
    s.interrupted === true ? banner('bad', 'interrupted', 'Interrupted: the run was stopped before its end; the figures cover the time until then.') : null,
    s.abortedBy != null ? banner('bad', 'aborted', 'Stopped early: the threshold "' + s.abortedBy + '" failed, and it aborts the run when it does.') : null,
    dropped > 0
      ? banner(
          'warn',
          'dropped',
          formatCount(dropped) +
            ' iterations dropped: they were due while ' +
            (load.maxUsers != null ? 'all ' + plural(load.maxUsers, 'user') : 'every user') +
            ' were busy, so the load asked for was not applied. Raise --max-users, or lower the rate.',
        )
      : null,
  ];

  const details: Array<[string, string | HTMLElement]> = [
    ['Test ID', result.testId != null ? String(result.testId) : '-'],
    ['Started', formatStartedAt(result.startedAt)],
    ['Run time', formatDuration(result.durationMs) + ' (warm-up excluded)'],
    ['Load', formatLoad(load)],
    ['Profile', formatProfile(load)],
  ];
  // Results with a mix say what each workflow got, and the load above is their total.
  const mix = workflowLoadLines(load);
  if (mix.length > 0)
    details.push([
      'Workflows',
      h(
        'ul',
        { class: 'mix' },
        mix.map((line) => h('li', null, line)),
      ),
    ]);
  const each = mix.length > 0 ? ' in all' : ' per workflow';
  if (load.model === 'open') {
    details.push(['Max users', load.maxUsers != null ? formatCount(load.maxUsers) + each : 'no cap']);
    if (load.distribution) details.push(['Start spacing', load.distribution + (isNum(load.jitter) ? ', jitter ' + load.jitter : '')]);
  }
  if (load.uniqueUsers != null) details.push(['Unique users', formatCount(load.uniqueUsers) + each]);
  if (typeof load.profileSource === 'string') details.push(['Load from', '--profile ' + load.profileSource]);
  if (result.scheduler) details.push(['Scheduler lag', formatSchedulerLag(result.scheduler)]);
  details.push(['Warm-up', result.warmup ? formatWarmup(result.warmup) : 'none']);
  if (isNum(load.gracefulStopMs)) details.push(['Graceful stop', formatDuration(load.gracefulStopMs, { trim: true })]);

  const dl = h(
    'dl',
    { class: 'details' },
    details.map((row) => [h('dt', null, row[0]), h('dd', { 'data-detail': row[0] }, row[1])]),
  );

  return section('summary', 'Summary', [tiles, banners, dl, renderOverview(result)]);
}

/** One row per workflow, linking to its section. */
export function renderOverview(result) {
  const workflows = arr(result.workflows);
  if (workflows.length === 0) return h('p', { class: 'empty' }, 'No workflow has finished an iteration yet.');
  const rows = workflows.map((wf, i) => {
    const lat = latencyOf(wf);
    return h('tr', { 'data-workflow': i }, [
      h('td', { 'data-col': 'name' }, h('a', { href: '#workflow-' + i }, String(wf.name))),
      numCell('runs', formatCount(wf.runs), wf.runs),
      numCell('succeeded', formatCount(wf.succeeded), wf.succeeded),
      numCell('failed', formatCount(wf.failed), wf.failed, 'bad'),
      numCell('interrupted', formatCount(wf.interrupted), wf.interrupted, 'warn'),
      numCell('dropped', formatCount(wf.dropped), wf.dropped, 'warn'),
      numCell('rate', formatRate(wf.ratePerSec), wf.ratePerSec),
      numCell('requests', formatCount(wf.requests), wf.requests),
      numCell('p50', formatDuration(lat.p50), null),
      numCell('p95', formatDuration(lat.p95), null),
      numCell('p99', formatDuration(lat.p99), null),
      numCell('max', formatDuration(lat.max), null),
    ]);
  });
  return table({ class: 'data overview', 'data-table': 'overview' }, [['workflow', 'runs', 'succeeded', 'failed', 'interrupted', 'dropped', 'runs/s', 'requests', 'P50', 'P95', 'P99', 'max']], rows);
}

// ---- thresholds ------------------------------------------------------------------------
export const LATENCY_STATS = ['min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'];

/**
 * A threshold's actual value in its statistic's unit, the statistic being its `stat` (or, in
 * results of older versions, the word before the operator, "… p95 < 300ms"): "9.90 ms" for
 * latencies, followed by which runs they are of ("(successful runs)", "(all runs)"), "0.20%" for
 * error-rate and checks, "499.4/s" for runs/s, a plain number otherwise; its note (why there is
 * no value) or "-" when there is none.
 */
export function formatThresholdActual(t) {
  if (!isNum(t.actual)) return typeof t.note === 'string' ? t.note : '-';
  const match = /(\S+?)(?:\{[^}]*\})?\s*(?:<=|>=|==|!=|<|>)\s*\S+\s*$/.exec(String(t.expr));
  const stat = typeof t.stat === 'string' ? t.stat : match ? match[1] : '';
  if (LATENCY_STATS.includes(stat)) {
    const of = t.latencyOf === 'succeeded' ? ' (successful runs)' : t.latencyOf === 'all' ? ' (all runs)' : '';
    return formatDuration(t.actual) + of;
  }
  if (stat === 'error-rate' || stat === 'checks') return t.actual.toFixed(2) + '%';
  if (stat === 'runs/s') return formatRate(t.actual) + '/s';
  return formatValue(t.actual);
}

/** The result pill of a threshold: pass, fail, or skip (not evaluated in this run). */
function thresholdPill(t) {
  if (t.skipped === true) return h('span', { class: 'pill' }, 'skip');
  return h('span', { class: 'pill ' + (t.ok === true ? 'ok' : 'bad') }, t.ok === true ? 'pass' : 'fail');
}

export function renderThresholds(result) {
  const thresholds = arr(result.thresholds);
  if (thresholds.length === 0) {
    return section('thresholds', 'Thresholds', h('p', { class: 'empty' }, 'No thresholds were set for this run.'));
  }
  const rows = thresholds.map((t) =>
    h('tr', { 'data-ok': String(t.ok === true), 'data-skipped': String(t.skipped === true) }, [
      h('td', { 'data-col': 'expr', class: 'mono' }, String(t.expr)),
      h('td', { 'data-col': 'result' }, thresholdPill(t)),
      h('td', { 'data-col': 'actual', class: 'num' }, t.skipped === true ? 'skipped: ' + (typeof t.note === 'string' ? t.note : 'not evaluated') : formatThresholdActual(t)),
    ]),
  );
  return section('thresholds', 'Thresholds', table({ class: 'data thresholds', 'data-table': 'thresholds' }, [['threshold', ['result', { class: 'text' }], 'actual']], rows));
}

// ---- timeline --------------------------------------------------------------------------
export function renderTimeline(result) {
  const points = arr(result.timeline).filter((p) => p && isNum(p.t));
  const series = (name, key) => ({ name: name, points: points.map((p) => [p.t, p[key]]) });
  const xTitle = 'time since the measured phase began';
  const open = obj(result.load).model === 'open' || points.some((p) => p.dropped > 0);
  // A slow tail would flatten p50 and p99 against the axis: past 50 times the fastest p50, use a log scale.
  const p50s = points.map((p) => p.p50).filter((v) => isNum(v) && v > 0);
  const maxes = points.map((p) => p.max).filter(isNum);
  const logLatency = p50s.length > 0 && maxes.length > 0 && Math.max.apply(null, maxes) >= 50 * Math.min.apply(null, p50s);
  const charts = [
    lineChart({
      id: 'throughput',
      title: 'Throughput',
      yTitle: 'per second',
      xTitle: xTitle,
      formatY: formatAxisCount,
      integer: true,
      series: [series('iterations started', 'started'), series('iterations ended', 'iterations'), series('requests', 'requests')],
    }),
    lineChart({
      id: 'latency',
      title: 'Iteration latency',
      yTitle: logLatency ? 'latency (log scale)' : 'latency',
      xTitle: xTitle,
      formatY: (v) => formatDuration(v, { trim: true }),
      scale: logLatency ? 'log' : 'linear',
      series: [series('p50', 'p50'), series('p99', 'p99'), Object.assign(series('max', 'max'), { dashed: true })],
    }),
    lineChart({
      id: 'users',
      title: 'Busy users',
      yTitle: 'users',
      xTitle: xTitle,
      formatY: formatAxisCount,
      integer: true,
      series: [series('users busy with an iteration', 'users')],
    }),
    lineChart({
      id: 'failures',
      title: 'Failures',
      yTitle: 'per second',
      xTitle: xTitle,
      formatY: formatAxisCount,
      integer: true,
      series: [series('failed iterations', 'failed'), series('failed requests', 'errors')].concat(open ? [series('dropped iterations', 'dropped')] : []),
    }),
  ];
  return section('timeline', 'Over time', [
    h('p', { class: 'note' }, 'One point per second of the measured phase (the last one may be shorter). Latency is that of the iterations that ended in each second.'),
    h('div', { class: 'chart-grid' }, charts),
  ]);
}
