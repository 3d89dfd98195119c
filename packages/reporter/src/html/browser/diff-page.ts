// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- boot ------------------------------------------------------------------------------
import { lineChart } from './charts.js';
import { renderDiff } from './diff.js';
window.goHeavy = Object.freeze({ renderDiff: renderDiff, lineChart: lineChart });

const dataElement = document.getElementById('go-heavy-data');
renderDiff(dataElement ? JSON.parse(dataElement.textContent || 'null') : null);
