// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- workflow --------------------------------------------------------------------------
import { arr, bucketLabel, formatAxisCount, formatCount, formatDuration, formatPercent, formatRate, isNum, obj } from './format.js';
import { h, numCell, table } from './dom.js';
import { barChart } from './charts.js';
import { renderCustomMetrics, renderTagged, tagsText } from './custom-metrics.js';
import { PERCENTILES, STATUS_CLASSES } from '../../format-stats.js';
export const STATUS_TONE = { '4xx': 'warn', '5xx': 'bad' };

/** Which entity's distribution each workflow shows, kept across renders (a live page re-renders each second). */
export const distributionChoice = {};

/** The workflow, then each step followed by its requests, in the order the results list them. */
export function entitiesOf(wf) {
  const out = [{ level: 'workflow', option: 'whole iteration', stats: wf }];
  for (const step of arr(wf.steps)) {
    out.push({ level: 'step', option: 'step ' + step.name, stats: step });
    for (const req of arr(step.requests)) {
      out.push({ level: 'request', option: req.method + ' ' + req.endpoint + tagsText(req.tags) + ' (' + step.name + ')', stats: req });
    }
  }
  return out;
}

/**
 * The latency of a level, or {} when it had no runs: the special steps ((init), (no step), ...)
 * only carry requests, and their all-zero latency reads "-" rather than "0 ms".
 */
export function latencyOf(stats) {
  return stats.runs > 0 ? obj(stats.latencyMs) : {};
}

export function nameCell(entity) {
  const s = entity.stats;
  const content =
    entity.level === 'request'
      ? [
          h('span', { class: 'method' }, String(s.method)),
          ' ',
          h('span', { class: 'label endpoint' }, String(s.endpoint)),
          tagsText(s.tags) === '' ? null : h('span', { class: 'tags' }, tagsText(s.tags)),
        ]
      : [h('span', { class: 'tag' }, entity.level), ' ', h('span', { class: 'label' }, String(s.name))];
  // Long names are cut with an ellipsis; the whole name is the cell's tooltip.
  const full = entity.level === 'request' ? s.method + ' ' + s.endpoint + tagsText(s.tags) : entity.level + ' ' + s.name;
  return h('td', { class: 'name', 'data-col': 'name', title: full }, content);
}

export function entityRow(entity, cells) {
  return h('tr', { class: 'level-' + entity.level, 'data-level': entity.level }, [nameCell(entity)].concat(cells));
}

/** Non-zero entries of a count record, largest first (ties by name). */
export function nonZeroEntries(counts) {
  return Object.keys(obj(counts))
    .map((k) => [k, counts[k]])
    .filter((e) => isNum(e[1]) && e[1] > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export function renderTimesTable(entities) {
  const rows = entities.map((e) => {
    const s = e.stats;
    const lat = latencyOf(s);
    const classes = obj(s.statusClasses);
    return entityRow(
      e,
      [
        numCell('runs', formatCount(s.runs), s.runs),
        numCell('succeeded', formatCount(s.succeeded), s.succeeded),
        numCell('failed', formatCount(s.failed), s.failed, 'bad'),
        numCell('rate', formatRate(s.ratePerSec), s.ratePerSec),
        numCell('min', formatDuration(lat.min), null),
        numCell('avg', formatDuration(lat.mean), null),
        numCell('max', formatDuration(lat.max), null),
      ].concat(STATUS_CLASSES.map((cls) => numCell(cls, formatCount(classes[cls] || 0), classes[cls] || 0, STATUS_TONE[cls]))),
    );
  });
  return table(
    { class: 'data levels', 'data-table': 'times' },
    [
      [
        ['', { class: 'group' }],
        ['runs', { colspan: 4, class: 'group' }],
        ['latency', { colspan: 3, class: 'group' }],
        ['status classes', { colspan: 5, class: 'group' }],
      ],
      ['', 'runs', 'succeeded', 'failed', 'runs/s', 'min', 'avg', 'max'].concat(STATUS_CLASSES),
    ],
    rows,
  );
}

/** `of`: the latency of a level to show (all runs by default). */
export function renderPercentilesTable(entities, of = latencyOf, key = 'percentiles') {
  const rows = entities.map((e) => {
    const lat = of(e.stats);
    return entityRow(
      e,
      PERCENTILES.map((p) => numCell(p[1], formatDuration(lat[p[1]]), null)),
    );
  });
  return table({ class: 'data levels', 'data-table': key }, [[''].concat(PERCENTILES.map((p) => p[0]))], rows);
}

/** The latency of a level's successful runs, or {} without one (read "-"). */
export function succeededLatencyOf(stats) {
  return stats.succeeded > 0 ? obj(stats.succeededLatencyMs) : {};
}

/** True when some level failed and the results hold the successful runs' own latency. */
function showsSucceeded(entities) {
  return entities.some((e) => e.stats.failed > 0 && e.stats.succeededLatencyMs != null);
}

export function renderDistribution(entities, index) {
  const holder = h('div', { class: 'distribution' });
  const draw = (choice) => {
    const stats = entities[choice].stats;
    const buckets = arr(stats.buckets);
    const total = buckets.reduce((sum, b) => sum + (isNum(b.count) ? b.count : 0), 0);
    return barChart({
      id: 'distribution',
      title: 'Latency distribution: ' + entities[choice].option,
      width: 760,
      height: 250,
      yTitle: { workflow: 'iterations', step: 'step runs', request: 'requests' }[entities[choice].level],
      formatY: formatAxisCount,
      integer: true,
      emptyText: 'No samples.',
      bars: buckets.map((b, i) => ({
        label: bucketLabel(buckets, i),
        value: b.count,
        tooltip: bucketLabel(buckets, i) + ': ' + formatCount(b.count) + ' (' + formatPercent(b.count, total) + ')',
      })),
    });
  };
  let choice = distributionChoice[index] || 0;
  if (choice >= entities.length) choice = 0;
  let chart = draw(choice);
  const select = h(
    'select',
    { 'aria-label': 'show the distribution of' },
    entities.map((e, i) => h('option', { value: i, selected: i === choice ? 'selected' : false }, e.option)),
  ) as HTMLSelectElement;
  select.addEventListener('change', () => {
    distributionChoice[index] = Number(select.value);
    const next = draw(distributionChoice[index]);
    holder.replaceChild(next, chart);
    chart = next;
  });
  holder.appendChild(h('label', { class: 'picker' }, ['Show ', select]));
  holder.appendChild(chart);
  return holder;
}

export function renderResponses(wf) {
  const codes = Object.keys(obj(wf.statusCodes))
    .filter((c) => wf.statusCodes[c] > 0)
    .sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : 1))
    .map((c) => [c, wf.statusCodes[c], String(c).charAt(0) + 'xx']);
  const errors = nonZeroEntries(wf.errors).map((e) => ['no response: ' + e[0], e[1], 'error']);
  const all = codes.concat(errors);
  const total = all.reduce((sum, r) => sum + r[1], 0);
  const tone = { '2xx': 'ok', '4xx': 'warn', '5xx': 'bad', error: 'bad' };
  const body =
    all.length === 0
      ? h('p', { class: 'empty' }, 'No responses.')
      : table(
          { class: 'data compact', 'data-table': 'responses' },
          [['response', 'count', 'share']],
          all.map((r) =>
            h('tr', null, [
              h('td', { 'data-col': 'response' }, h('span', { class: 'pill ' + (tone[r[2]] || 'neutral') }, r[0])),
              numCell('count', formatCount(r[1]), r[1]),
              numCell('share', formatPercent(r[1], total), null),
            ]),
          ),
        );
  return h('div', { class: 'block' }, [h('h3', null, 'Responses'), body]);
}

export function renderChecks(wf) {
  const checks = arr(wf.checks);
  const body =
    checks.length === 0
      ? h('p', { class: 'empty' }, 'No checks.')
      : table(
          { class: 'data compact', 'data-table': 'checks' },
          [['check', 'passed', 'failed', 'passed %']],
          checks.map((c) =>
            h('tr', null, [
              h('td', { 'data-col': 'name' }, String(c.name)),
              numCell('passed', formatCount(c.passed), c.passed),
              numCell('failed', formatCount(c.failed), c.failed, 'bad'),
              numCell('rate', formatPercent(c.passed, (c.passed || 0) + (c.failed || 0)), null),
            ]),
          ),
        );
  return h('div', { class: 'block' }, [h('h3', null, 'Checks'), body]);
}

export function renderFailureReasons(wf) {
  const reasons = nonZeroEntries(wf.failureReasons);
  const failed = isNum(wf.failed) ? wf.failed : 0;
  const body =
    reasons.length === 0
      ? h('p', { class: 'empty' }, 'No failed iterations.')
      : table(
          { class: 'data compact', 'data-table': 'failure-reasons' },
          [['reason', 'count', 'share']],
          reasons.map((r) =>
            h('tr', null, [h('td', { 'data-col': 'reason', class: 'reason' }, r[0]), numCell('count', formatCount(r[1]), r[1], 'bad'), numCell('share', formatPercent(r[1], failed), null)]),
          ),
        );
  return h('div', { class: 'block' }, [h('h3', null, 'Failure reasons'), body]);
}

export function renderWorkflow(wf, index) {
  const entities = entitiesOf(wf);
  const failed = isNum(wf.failed) ? wf.failed : 0;
  const facts = [
    ['runs', formatCount(wf.runs), ''],
    ['succeeded', formatCount(wf.succeeded), ''],
    ['failed', formatCount(wf.failed), failed > 0 ? 'bad' : ''],
    ['interrupted', formatCount(wf.interrupted), wf.interrupted > 0 ? 'warn' : ''],
    ['dropped', formatCount(wf.dropped), wf.dropped > 0 ? 'warn' : ''],
    ['runs/s', formatRate(wf.ratePerSec), ''],
    ['requests', formatCount(wf.requests), ''],
  ];
  return h(
    'section',
    { id: 'workflow-' + index, class: 'section workflow', 'data-workflow': index },
    [
      h('div', { class: 'workflow-head' }, [
        h('h2', null, [h('span', { class: 'tag' }, 'workflow'), ' ', h('span', { class: 'label' }, String(wf.name))]),
        h('span', { class: 'pill ' + (failed > 0 ? 'bad' : 'ok') }, failed > 0 ? formatCount(failed) + ' failed' : 'no failures'),
      ]),
      h(
        'div',
        { class: 'facts' },
        facts.map((f) => h('span', { class: 'fact ' + f[2], 'data-fact': f[0] }, [h('b', null, f[1]), ' ' + f[0]])),
      ),
      h('div', { class: 'split' }, [renderDistribution(entities, index), renderResponses(wf)]),
      h('h3', null, 'Runs, latency and status classes'),
      renderTimesTable(entities),
      h('h3', null, 'Percentiles'),
      renderPercentilesTable(entities),
    ].concat(
      // With failures, what latency thresholds test by default: the successful runs alone.
      showsSucceeded(entities) ? [h('h3', null, 'Percentiles of successful runs'), renderPercentilesTable(entities, succeededLatencyOf, 'percentiles-succeeded')] : [],
      [renderTagged(wf), renderCustomMetrics(wf)].filter((e): e is HTMLElement => e !== null),
      [h('div', { class: 'split even' }, [renderChecks(wf), renderFailureReasons(wf)])],
    ),
  );
}
