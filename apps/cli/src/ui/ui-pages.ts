import { formatDuration } from '@go-heavy/reporter';
import { formatStart, type ResultsEntry } from '../results-server.js';
import type { ServiceSummary, ServiceView } from './project-view.js';
import { FORM_FIELDS, type FormCheck, type RunForm } from './run-form.js';
import { phaseOf, type ActiveRun } from './run-slot.js';
import { esc } from './ui-layout.js';

/** The services of the root, each linking to its page, with its workflows. */
export function servicesBody(root: string, services: readonly ServiceSummary[]): string {
  const rows = services.map(
    (s) => `<tr data-service="${esc(s.name)}"><td><a href="/services/${encodeURIComponent(s.name)}">${esc(s.name)}</a></td><td>${esc(s.workflows.join(', ') || '-')}</td>
<td><a href="/services/${encodeURIComponent(s.name)}/run">Run…</a></td></tr>`,
  );
  return `<h1>Services</h1>
<p class="where">${services.length} service${services.length === 1 ? '' : 's'} in <code>${esc(root)}</code></p>
<table data-table="services"><thead><tr><th>service</th><th>workflows</th><th></th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

/** One service: its workflows, config files, profiles, the way to its history and its past runs. */
export function serviceBody(view: ServiceView, runs: readonly ResultsEntry[], hasHistory: boolean): string {
  const name = encodeURIComponent(view.name);
  const config =
    view.configFiles.length === 0
      ? '<p class="muted">No heavy.config.ts: the defaults and the form\'s flags apply.</p>'
      : view.configFiles.map((c) => `<h3><code>${esc(c.file)}</code></h3><pre data-config="${esc(c.file)}">${esc(c.text)}</pre>`).join('\n');
  const profiles =
    view.profiles.length === 0
      ? '<p class="muted">No named profiles (<code>profiles</code> in heavy.config.ts).</p>'
      : `<ul class="plain">${view.profiles.map((p) => `<li data-profile="${esc(p.name)}"><code>${esc(p.name)}</code> <span class="muted">${esc(JSON.stringify(p.settings))}</span></li>`).join('')}</ul>`;
  return `<h1>${esc(view.name)}</h1>
<p class="where"><a href="/services/${name}/run" data-action="run">Run ${esc(view.name)}…</a> · ${
    hasHistory ? `<a href="/services/${name}/history" data-action="history">History</a>` : '<span class="muted">no history yet</span>'
  }</p>
${view.configError ? `<p class="errors" data-config-error>${esc(view.configError)}</p>` : ''}
<section class="card"><h2>Workflows</h2><ul class="plain" data-list="workflows">${view.workflows.map((w) => `<li><code>${esc(`${view.name}/${w}`)}</code></li>`).join('')}</ul></section>
<section class="card"><h2>Profiles</h2>${profiles}</section>
<section class="card"><h2>Config</h2>${config}</section>
<section class="card"><h2>Runs from this UI</h2>${runsTable(runs)}</section>`;
}

/** Past runs, newest first, each linking to its report. */
function runsTable(runs: readonly ResultsEntry[]): string {
  if (runs.length === 0) return '<p class="muted">None yet.</p>';
  return `<table data-table="runs"><thead><tr><th>started</th><th>workflows</th><th class="num">requests</th><th class="num">failed</th><th class="num">duration</th><th>report</th></tr></thead><tbody>
${runs
  .map(
    (r) => `<tr data-file="${esc(r.file)}"><td>${esc(formatStart(r.startedAt))}${r.interrupted ? ' <span class="tag">interrupted</span>' : ''}</td><td>${esc(r.workflows.join(', '))}</td>
<td class="num">${r.requests}</td><td class="num${r.failed > 0 ? ' bad' : ''}">${r.failed}</td><td class="num">${esc(formatDuration(r.durationMs))}</td>
<td><a href="/report/${encodeURIComponent(r.file)}">${esc(r.file)}</a></td></tr>`,
  )
  .join('\n')}
</tbody></table>`;
}

/**
 * The run form: target, profile and load flags; "Draw the profile" posts it to be checked and
 * drawn, "Start the run" to be checked and started. Messages sit under their fields.
 */
export function runFormBody(view: ServiceView, form: RunForm, check: FormCheck | undefined, token: string): string {
  const bad = (field: string): string => (check?.errors[field] ? ' bad' : '');
  const message = (field: string): string => (check?.errors[field] ? `<p class="error" data-error="${esc(field)}">${esc(check.errors[field])}</p>` : '');
  const option = (value: string, text: string, selected: string): string => `<option value="${esc(value)}"${value === selected ? ' selected' : ''}>${esc(text)}</option>`;
  const target = form.target || view.name;
  const fields = FORM_FIELDS.map(
    (f) => `<div class="field${bad(f.name)}"><label for="f-${f.name}">${esc(f.label)} <code>--${f.name}</code></label>
<input id="f-${f.name}" name="${f.name}" value="${esc(form.flags[f.name] ?? '')}" placeholder="${esc(f.example)}" autocomplete="off">
<div class="help">${esc(f.help)}</div>${message(f.name)}</div>`,
  ).join('\n');
  const general = check && check.general.length > 0 ? `<div class="errors" data-error="general">${check.general.map((g) => `<p>${esc(g)}</p>`).join('')}</div>` : '';
  const chart = check?.chart !== undefined ? `<section class="card"><h2>Planned load</h2><pre id="load-chart" data-chart="load">${esc(check.chart)}</pre></section>` : '';
  return `<h1>Run ${esc(view.name)}</h1>
<p class="where">Starts <code>go-heavy run</code> with these flags; results go to the runs folder and the history.</p>
${general}
<form class="run-form" method="post" action="/services/${encodeURIComponent(view.name)}/run">
<section class="card">
<input type="hidden" name="token" value="${esc(token)}">
<div class="grid">
<div class="field${bad('target')}"><label for="f-target">Target</label><select id="f-target" name="target">${view.targets
    .map((t) => option(t, t === view.name ? `${t} (every workflow)` : t, target))
    .join('')}</select>${message('target')}</div>
<div class="field${bad('profile')}"><label for="f-profile">Profile <code>--profile</code></label><select id="f-profile" name="profile">${option('', '(none)', form.profile)}${view.profiles
    .map((p) => option(p.name, p.name, form.profile))
    .join('')}</select>${message('profile')}</div>
${fields}
</div>
<div class="buttons"><button type="submit" name="action" value="chart" class="secondary" id="draw">Draw the profile</button><button type="submit" name="action" value="start" id="start">Start the run</button></div>
</section>
</form>
${chart}`;
}

/** The run page while its dashboard is not up yet, or once it ended without results. */
export function runStatusBody(run: ActiveRun, token: string): string {
  const phase = phaseOf(run);
  const command = `go-heavy ${run.args.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a}'`)).join(' ')}`;
  const head =
    phase === 'starting'
      ? `<h1>Starting ${esc(run.target)}…</h1><p class="where" data-phase="starting">Loading the workflows; the live dashboard opens in a moment.</p>
<form method="post" action="/live/stop"><input type="hidden" name="token" value="${esc(token)}"><button class="stop" type="submit">Stop</button></form>`
      : `<h1>${esc(run.target)}: ended without results</h1><p class="where" data-phase="failed" data-exit="${esc(run.exit?.code ?? run.exit?.signal ?? '')}">The run exited with ${
          run.exit?.code !== null && run.exit?.code !== undefined ? `code ${run.exit.code}` : `signal ${esc(run.exit?.signal ?? 'unknown')}`
        } before writing its results. Its output:</p>`;
  return `${head}
<section class="card"><h2>Command</h2><pre>${esc(command)}</pre></section>
<section class="card"><h2>Output</h2><pre data-output>${esc(run.output || '(nothing yet)')}</pre></section>`;
}

/** The diff picker: two runs of the runs folder; the diff itself is the diff's own page. */
export function diffPickerBody(runs: readonly ResultsEntry[], a: string, b: string, error?: string): string {
  const options = (selected: string): string =>
    runs.map((r) => `<option value="${esc(r.file)}"${r.file === selected ? ' selected' : ''}>${esc(`${formatStart(r.startedAt)} · ${r.workflows.join(', ')} · ${r.file}`)}</option>`).join('');
  const form =
    runs.length < 2
      ? '<p class="muted">Two runs are needed: start them from a service\'s page.</p>'
      : `<form method="get" action="/diff"><section class="card"><div class="grid">
<div class="field"><label for="f-a">a (baseline)</label><select id="f-a" name="a">${options(a || runs[1]!.file)}</select></div>
<div class="field"><label for="f-b">b (candidate)</label><select id="f-b" name="b">${options(b || runs[0]!.file)}</select></div>
</div><div class="buttons"><button type="submit" id="compare">Compare</button></div></section></form>`;
  return `<h1>Diff two runs</h1>
<p class="where">The change of every statistic from a to b, per workflow, step and request: <code>go-heavy diff a.json b.json</code>.</p>
${error ? `<p class="errors" data-error="diff">${esc(error)}</p>` : ''}
${form}`;
}

/** A short page saying what went wrong, or what is going on. */
export function messageBody(heading: string, text: string, linkHtml = ''): string {
  return `<h1>${esc(heading)}</h1><p class="where" data-message>${esc(text)}</p>${linkHtml}`;
}
