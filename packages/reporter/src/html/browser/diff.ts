// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- diff ------------------------------------------------------------------------------
import { arr, formatCount, formatDuration, formatStartedAt, obj } from './format.js';
import { h, safely, section, table } from './dom.js';
// The terminal's own formats: the page and `go-heavy diff` write changes alike.
import { diffRowName, formatDiffDelta, formatDiffPct, formatDiffValue } from '../../format-diff.js';

const STATS = ['runs', 'runs/s', 'error-rate', 'min', 'avg', 'max', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const;
const TITLES = { 'error-rate': 'error rate', p10: 'P10', p25: 'P25', p50: 'P50', p75: 'P75', p90: 'P90', p95: 'P95', p99: 'P99', p100: 'P100' };
const title = (stat) => TITLES[stat] || stat;

/** worse / better for a change past the noise, noise within it, '' when equal. */
function changeClass(change) {
  if (!change || change.delta === 0) return 'same';
  if (change.noise === true) return 'noise';
  return change.verdict === 'worse' ? 'worse' : 'better';
}

/** The two runs compared. */
function renderSides(diff) {
  const side = (label, s) => [
    h('dt', null, label),
    h('dd', { 'data-side': label.charAt(0) }, [
      s.source,
      ' · ',
      'test ',
      s.testId,
      ' · ',
      formatStartedAt(s.startedAt),
      ' · ',
      formatDuration(s.durationMs),
      ' · ',
      formatCount(s.requests),
      ' requests',
      s.load ? ' · ' + s.load : '',
    ]),
  ];
  return section('runs', 'Runs compared', h('dl', { class: 'details' }, [side('a (baseline)', obj(diff.a)), side('b (candidate)', obj(diff.b))]));
}

function renderGates(gates) {
  const rows = gates.map((g) =>
    h('tr', { class: g.ok ? '' : 'regression', 'data-gate': g.expr }, [
      h('td', { class: 'mono' }, g.expr),
      h('td', null, h('span', { class: 'pill ' + (g.ok ? 'ok' : 'bad') }, g.ok ? 'ok' : 'failed')),
      h(
        'td',
        { class: 'mono' },
        arr(g.failures)
          .slice(0, 10)
          .map((f) => f.row + ': ' + formatDiffValue(f.change.stat, f.change.a) + ' → ' + formatDiffValue(f.change.stat, f.change.b) + ' (' + formatDiffPct(f.change.pct) + ')')
          .join('; ') + (arr(g.failures).length > 10 ? ' …' : ''),
      ),
    ]),
  );
  return section('gates', 'Fail-on bounds', table({ class: 'data thresholds' }, [['bound', ['', { class: 'text' }], ['past the bound', { class: 'text' }]]], rows));
}

/** One workflow: a row per workflow, step and request; a cell per statistic with its change. */
function renderWorkflowDiff(name, rows, failing) {
  const body = rows.map((row) => {
    const label = diffRowName(row);
    const cls = ['level-' + row.level, failing.has(label) ? 'regression' : ''].filter(Boolean).join(' ');
    const nameCell = h(
      'td',
      { class: 'name' },
      row.level === 'workflow'
        ? [h('span', { class: 'tag' }, 'workflow'), ' ', row.workflow]
        : row.level === 'step'
          ? [h('span', { class: 'tag' }, 'step'), ' ', row.step]
          : [h('span', { class: 'method' }, row.method || ''), h('span', { class: 'endpoint' }, String(row.request || '').replace(/^\S+ /, ''))],
    );
    if (row.presence !== 'both') {
      return h('tr', { class: cls, 'data-row': label, 'data-presence': row.presence }, [
        nameCell,
        h('td', { class: 'warn', colspan: STATS.length }, row.presence === 'a-only' ? 'only in a' : 'only in b'),
      ]);
    }
    const cells = STATS.map((stat) => {
      const change = arr(row.changes).find((c) => c.stat === stat);
      if (!change) return h('td', { class: 'num zero', 'data-col': stat }, '-');
      const text = change.delta === 0 ? '=' : (change.noise === true ? '≈' : '') + formatDiffDelta(stat, change.delta) + ' ' + formatDiffPct(change.pct);
      return h('td', { class: 'num ' + changeClass(change), 'data-col': stat, title: formatDiffValue(stat, change.a) + ' → ' + formatDiffValue(stat, change.b) }, [
        h('div', null, text),
        h('div', { class: 'values' }, formatDiffValue(stat, change.a) + ' → ' + formatDiffValue(stat, change.b)),
      ]);
    });
    return h('tr', { class: cls, 'data-row': label, 'data-presence': row.presence }, [nameCell].concat(cells));
  });
  return section('workflow-' + name, 'Workflow ' + name, table({ class: 'data diff' }, [[''].concat(STATS.map(title))], body), { class: 'section workflow' });
}

/** The changes past the noise that made things worse, largest first. */
function renderWorse(rows) {
  const worse: any[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any -- run data is untyped JSON
  for (const row of rows) for (const c of arr(row.changes)) if (c.verdict === 'worse' && c.noise !== true) worse.push({ row, c });
  worse.sort((x, y) => (y.c.pct == null ? Infinity : y.c.pct) - (x.c.pct == null ? Infinity : x.c.pct));
  const body = worse
    .slice(0, 50)
    .map(({ row, c }) =>
      h('tr', { 'data-worse': diffRowName(row) + ' ' + c.stat }, [
        h('td', { class: 'name' }, diffRowName(row)),
        h('td', null, title(c.stat)),
        h('td', { class: 'num' }, formatDiffValue(c.stat, c.a)),
        h('td', { class: 'num' }, formatDiffValue(c.stat, c.b)),
        h('td', { class: 'num worse' }, formatDiffDelta(c.stat, c.delta)),
        h('td', { class: 'num worse' }, formatDiffPct(c.pct)),
      ]),
    );
  return section(
    'worse',
    'Worse beyond the noise',
    worse.length === 0
      ? h('p', { class: 'empty' }, 'Nothing got worse beyond the run-to-run noise.')
      : [
          h('p', { class: 'note' }, '≈ marks a change within the noise: the 95% intervals of a and b overlap.'),
          table({ class: 'data' }, [['', ['stat', { class: 'text' }], 'a', 'b', 'change', '%']], body),
        ],
  );
}

const statusText = (s) => (s === null || s === undefined ? 'no response' : String(s));

function renderResponses(r) {
  const groups = arr(r.groups).map((g) =>
    h('tr', { 'data-request': [g.workflow, g.step, g.method + ' ' + g.endpoint].join(' › ') }, [
      h('td', { class: 'name' }, [g.workflow, g.step, g.method + ' ' + g.endpoint].join(' › ')),
      h('td', { class: 'num' }, formatCount(g.differing)),
      h(
        'td',
        { class: 'mono' },
        arr(g.statuses)
          .map((s) => statusText(s.a) + ' → ' + statusText(s.b) + ' ×' + s.count)
          .join(', ') || '-',
      ),
      h(
        'td',
        { class: 'mono' },
        arr(g.paths)
          .slice(0, 8)
          .map((p) => (p.path || '(body)') + ' ×' + p.count)
          .join(', ') || '-',
      ),
    ]),
  );
  const listed = arr(r.listed).map((d) =>
    h('tr', null, [
      h('td', { class: 'name' }, [d.workflow, d.step, d.method + ' ' + d.endpoint].join(' › ') + ' #' + d.occurrence),
      h('td', { class: 'mono' }, d.status ? statusText(d.status.a) + ' → ' + statusText(d.status.b) : ''),
      h(
        'td',
        { class: 'mono' },
        d.body
          ? d.body.text
            ? 'body (not JSON) differs'
            : arr(d.body.changes)
                .map((c) => (c.path || '(body)') + ': ' + (c.kind === 'changed' ? c.a + ' → ' + c.b : c.kind + ' ' + (c.b || c.a || '')))
                .join('; ')
          : '',
      ),
    ]),
  );
  return section('responses', 'Responses that differ', [
    h(
      'p',
      { class: 'note' },
      formatCount(r.matched) +
        ' matched, ' +
        formatCount(r.differing) +
        ' differ (status ' +
        formatCount(r.statusChanged) +
        ', body ' +
        formatCount(r.bodyChanged) +
        '), ' +
        formatCount(r.onlyA) +
        ' only in a, ' +
        formatCount(r.onlyB) +
        ' only in b',
    ),
    groups.length > 0 ? table({ class: 'data' }, [['request', 'differ', ['status', { class: 'text' }], ['body', { class: 'text' }]]], groups) : null,
    listed.length > 0 ? h('h3', null, 'First differences') : null,
    listed.length > 0 ? table({ class: 'data' }, [['request', ['status', { class: 'text' }], ['body', { class: 'text' }]]], listed) : null,
    r.unlisted > 0 ? h('p', { class: 'note' }, '… and ' + formatCount(r.unlisted) + ' more differences, counted above.') : null,
  ]);
}

/** Renders a RunDiff (`go-heavy diff --json`) into #go-heavy-report, replacing what was there. */
export function renderDiff(input) {
  const root = document.getElementById('go-heavy-report');
  if (!root) throw new Error('go-heavy: no element #go-heavy-report to render into');
  const diff = obj(input);
  const rows = arr(diff.rows).map(obj);
  const failing = new Set<string>();
  for (const g of arr(diff.gates)) for (const f of arr(g.failures)) failing.add(f.row);
  const workflows = [...new Set(rows.map((r) => r.workflow))];
  const sections = [safely('runs', () => renderSides(diff))];
  if (arr(diff.gates).length > 0) sections.push(safely('fail-on bounds', () => renderGates(arr(diff.gates))));
  sections.push(safely('worse', () => renderWorse(rows)));
  for (const wf of workflows)
    sections.push(
      safely('workflow ' + wf, () =>
        renderWorkflowDiff(
          wf,
          rows.filter((r) => r.workflow === wf),
          failing,
        ),
      ),
    );
  if (diff.responses) sections.push(safely('responses', () => renderResponses(obj(diff.responses))));
  root.replaceChildren(...sections);
  root.setAttribute('data-rendered', String(Date.now()));
}
