import { CHARTS_JS } from './client/charts.js';
import { DOM_JS } from './client/dom.js';
import { FORMAT_JS } from './client/format.js';
import { RENDER_JS } from './client/render.js';
import { SUMMARY_JS } from './client/summary.js';
import { WORKFLOW_JS } from './client/workflow.js';

/**
 * The report's browser code as one script, plain JavaScript (ES2020) kept readable. It reads
 * the JSON of `<script type="application/json" id="go-heavy-data">`, draws every section into
 * `#go-heavy-report`, and exposes `window.goHeavy = { render(result), lineChart, barChart }` so a
 * live page can call `render` again with newer data. It builds nodes with `createElement`,
 * `createElementNS`, `setAttribute` and text nodes only: run data is never parsed as HTML.
 *
 * Parts, in order (each defines functions used by the next): format, dom, charts, summary,
 * workflow, render. All live in one function scope, so nothing but `window.goHeavy` is global.
 */
export const CLIENT_SCRIPT = [
  '(function () {',
  "'use strict';",
  FORMAT_JS,
  DOM_JS,
  CHARTS_JS,
  SUMMARY_JS,
  WORKFLOW_JS,
  RENDER_JS,
  '})();',
].join('\n');
