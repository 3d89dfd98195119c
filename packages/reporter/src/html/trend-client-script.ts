import { CHARTS_JS } from './client/charts.js';
import { DOM_JS } from './client/dom.js';
import { FORMAT_JS } from './client/format.js';
import { TREND_BOOT_JS, TREND_JS } from './client/trend.js';

/**
 * The trend page's browser code as one script: the report's format, dom and charts parts (the
 * same `lineChart`), then the trend renderer and its entry point. It reads the JSON of
 * `#go-heavy-data` (`{ service, trends }`), draws into `#go-heavy-report`, and exposes
 * `window.goHeavy = { renderTrends, lineChart }`. Text nodes and attributes only.
 */
export const TREND_SCRIPT = ['(function () {', "'use strict';", FORMAT_JS, DOM_JS, CHARTS_JS, TREND_JS, TREND_BOOT_JS, '})();'].join('\n');
