// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- boot ------------------------------------------------------------------------------
import { lineChart } from './charts.js';
import { renderTrends } from './trend.js';
window.goHeavy = Object.freeze({ renderTrends: renderTrends, lineChart: lineChart });

const dataElement = document.getElementById('go-heavy-data');
renderTrends(dataElement ? JSON.parse(dataElement.textContent || 'null') : null);
