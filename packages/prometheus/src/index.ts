export { DEFAULT_INTERVAL_MS, PUSH_TIMEOUT_MS, prometheusReporter } from './prometheus-reporter.js';
export type { PrometheusReporter, PrometheusReporterOptions, PushStats } from './prometheus-reporter.js';
export { createReporter } from './create-reporter.js';
export type { PrometheusPluginOptions } from './create-reporter.js';
import { createReporter } from './create-reporter.js';

/** The plugin factory, so `reporters: [['@go-heavy/prometheus', { … }]]` loads this package. */
export default createReporter;
