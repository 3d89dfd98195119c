// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- custom metrics --------------------------------------------------------------------
import { arr, formatCount, formatDuration, formatRate, formatValue, isNum, obj } from './format.js';
import { h, numCell, table } from './dom.js';

/** A request's tags as the reports write them: " {kind=search,page=2}" (keys sorted), "" for none. */
export function tagsText(tags) {
  const keys = Object.keys(obj(tags)).sort();
  return keys.length === 0 ? '' : ' {' + keys.map((k) => k + '=' + String(tags[k])).join(',') + '}';
}

/** The cells a metric fills, by kind; the other columns read "-" ("" for none). */
function metricCells(m) {
  const s = obj(m.stats);
  const value = (n) => (isNum(n) ? formatValue(n) : '-');
  const common = [numCell('count', m.kind === 'counter' ? value(m.count) : formatCount(m.count), isNum(m.count) ? m.count : null)];
  if (m.kind === 'counter')
    return common.concat(
      [numCell('per-second', formatRate(m.ratePerSec), null), numCell('rate', '-', null)],
      ['min', 'avg', 'p50', 'p90', 'p95', 'p99', 'max'].map((c) => numCell(c, '-', null)),
    );
  if (m.kind === 'rate') {
    const share = isNum(m.rate) ? (m.rate * 100).toFixed(1) + '%' : '-';
    return common.concat(
      [numCell('per-second', '-', null), numCell('rate', share + ' (' + formatCount(m.passes) + ' true)', null)],
      ['min', 'avg', 'p50', 'p90', 'p95', 'p99', 'max'].map((c) => numCell(c, '-', null)),
    );
  }
  return common.concat(
    [numCell('per-second', '-', null), numCell('rate', '-', null)],
    [
      ['min', s.min],
      ['avg', s.mean],
      ['p50', s.p50],
      ['p90', s.p90],
      ['p95', s.p95],
      ['p99', s.p99],
      ['max', s.max],
    ].map((c) => numCell(c[0], value(c[1]), null)),
  );
}

/**
 * A workflow's custom metrics: its roll-up, then each step that recorded some, one row per
 * metric with the stats of its kind (a trend's in its own unit). Null when it has none.
 */
export function renderCustomMetrics(wf) {
  const levels = [{ level: 'workflow', name: 'workflow', metrics: arr(wf.metrics) }];
  if (levels[0].metrics.length === 0) return null;
  for (const step of arr(wf.steps)) if (arr(step.metrics).length > 0) levels.push({ level: 'step', name: String(step.name), metrics: arr(step.metrics) });
  const rows: HTMLElement[] = [];
  for (const l of levels) {
    for (const m of l.metrics) {
      rows.push(
        h(
          'tr',
          { class: 'level-' + l.level, 'data-level': l.level, 'data-metric': String(m.name) },
          [
            h('td', { class: 'name', 'data-col': 'level' }, [h('span', { class: 'tag' }, l.level), ' ', h('span', { class: 'label' }, l.level === 'workflow' ? '' : l.name)]),
            h('td', { 'data-col': 'metric' }, String(m.name)),
            h('td', { 'data-col': 'kind' }, String(m.kind)),
          ].concat(metricCells(m)),
        ),
      );
    }
  }
  return h('div', { class: 'block' }, [
    h('h3', null, 'Custom metrics'),
    table({ class: 'data levels', 'data-table': 'custom-metrics' }, [['', 'metric', 'kind', 'count', 'per second', 'rate', 'min', 'avg', 'P50', 'P90', 'P95', 'P99', 'max']], rows),
  ]);
}

/**
 * A workflow's requests added up per tag (`{kind=search}`: every request carrying it, whatever
 * its step and endpoint), what a tag filter threshold tests. Null without tagged requests.
 */
export function renderTagged(wf) {
  const tagged = arr(wf.tagged);
  if (tagged.length === 0) return null;
  const rows = tagged.map((t) => {
    const lat = obj(t.latencyMs);
    return h(
      'tr',
      { 'data-tag': String(t.name) },
      [
        h('td', { class: 'name', 'data-col': 'name' }, h('span', { class: 'tags' }, String(t.name))),
        numCell('runs', formatCount(t.runs), t.runs),
        numCell('failed', formatCount(t.failed), t.failed, 'bad'),
        numCell('rate', formatRate(t.ratePerSec), t.ratePerSec),
      ].concat(
        [
          ['min', lat.min],
          ['avg', lat.mean],
          ['p50', lat.p50],
          ['p95', lat.p95],
          ['p99', lat.p99],
          ['max', lat.max],
        ].map((c) => numCell(c[0], t.runs > 0 ? formatDuration(c[1]) : '-', null)),
      ),
    );
  });
  return h('div', { class: 'block' }, [
    h('h3', null, 'Requests by tag'),
    table({ class: 'data levels', 'data-table': 'tagged' }, [['tag', 'runs', 'failed', 'runs/s', 'min', 'avg', 'P50', 'P95', 'P99', 'max']], rows),
  ]);
}
