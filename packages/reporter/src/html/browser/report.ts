// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- render ----------------------------------------------------------------------------
import { arr, formatStartedAt, obj } from './format.js';
import { safely } from './dom.js';
import { barChart, lineChart } from './charts.js';
import { renderSummary, renderThresholds, renderTimeline } from './summary.js';
import { renderWorkflow } from './workflow.js';
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
  const sections = [safely('summary', () => renderSummary(data)), safely('thresholds', () => renderThresholds(data)), safely('charts', () => renderTimeline(data))].concat(
    workflows.map((wf, i) => safely('workflow ' + (i + 1), () => renderWorkflow(obj(wf), i))),
  );
  root.replaceChildren(...sections);
  root.setAttribute('data-rendered', String(Date.now()));
}

window.goHeavy = Object.freeze({ render: render, lineChart: lineChart, barChart: barChart });

const dataElement = document.getElementById('go-heavy-data');
const embedded = dataElement ? JSON.parse(dataElement.textContent || 'null') : null;
if (embedded) render(embedded);
