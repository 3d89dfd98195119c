/**
 * Client part: the entry point. `render(result)` rebuilds every section from a `RunResult` (or
 * part of one) into `#go-heavy-report`; on load it renders the JSON of `#go-heavy-data`.
 */
export const RENDER_JS = String.raw`
// ---- render ----------------------------------------------------------------------------
/**
 * Renders a RunResult into the report root (#go-heavy-report), replacing what was there. Safe to
 * call again with newer data (a live dashboard calls it once a second): fields may be missing,
 * and the chosen distributions are kept.
 */
function render(result) {
  const root = document.getElementById('go-heavy-report');
  if (!root) throw new Error('go-heavy: no element #go-heavy-report to render into');
  const data = obj(result);
  const subtitle = document.getElementById('go-heavy-subtitle');
  if (subtitle) subtitle.textContent = (data.testId != null ? 'Test ' + data.testId + ' · ' : '') + formatStartedAt(data.startedAt);
  const workflows = arr(data.workflows);
  const sections = [
    safely('summary', () => renderSummary(data)),
    safely('thresholds', () => renderThresholds(data)),
    safely('charts', () => renderTimeline(data)),
  ].concat(workflows.map((wf, i) => safely('workflow ' + (i + 1), () => renderWorkflow(obj(wf), i))));
  root.replaceChildren.apply(root, sections);
  root.setAttribute('data-rendered', String(Date.now()));
}

window.goHeavy = Object.freeze({ render: render, lineChart: lineChart, barChart: barChart });

const dataElement = document.getElementById('go-heavy-data');
const embedded = dataElement ? JSON.parse(dataElement.textContent || 'null') : null;
if (embedded) render(embedded);
`;
