import type { ReporterContext, ReporterFactory } from '@go-heavy/core';
import { prometheusReporter, type PrometheusReporter } from './prometheus-reporter.js';

/** The reporter plugin API version this package was written for (`REPORTER_API_VERSION`). */
const API_VERSION = 1;

/** The options of {@link createReporter}, as `heavy.config.ts` gives them. */
export interface PrometheusPluginOptions {
  /** `host:port` or an `http(s)://` URL of the Pushgateway. */
  pushgateway: string;
  /** The service under test; the job is `go-heavy-<service>`. */
  service: string;
  namespace?: string;
  id?: string;
  /** Milliseconds between pushes during the run; default 5000. */
  intervalMs?: number;
}

const KNOWN = ['pushgateway', 'service', 'namespace', 'id', 'intervalMs'];

/**
 * The plugin factory (also the package's default export), for
 * `reporters: [['@go-heavy/prometheus', { pushgateway: 'localhost:9091', service: 'checkout' }]]`.
 * Checks the options and the plugin API version and throws one line per mistake before the
 * run starts; failed pushes are reported through `console.warn` at the end of the run.
 */
export const createReporter: ReporterFactory<PrometheusPluginOptions> = (options: PrometheusPluginOptions, context: ReporterContext): PrometheusReporter => {
  if (context?.apiVersion !== API_VERSION) {
    throw new Error(`@go-heavy/prometheus is written for go-heavy's reporter API version ${API_VERSION}, this go-heavy offers ${context?.apiVersion}`);
  }
  const given = (options ?? {}) as unknown as Record<string, unknown>;
  const unknown = Object.keys(given).filter((k) => !KNOWN.includes(k));
  if (unknown.length > 0) throw new Error(`unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: expected ${KNOWN.join(', ')}`);
  if (typeof given.pushgateway !== 'string' || given.pushgateway.trim() === '') {
    throw new Error(`option pushgateway: expected host:port or a URL such as "localhost:9091", got ${JSON.stringify(given.pushgateway)}`);
  }
  for (const key of ['service', 'namespace', 'id'] as const) {
    if (given[key] !== undefined && typeof given[key] !== 'string') throw new Error(`option ${key}: expected a string, got ${JSON.stringify(given[key])}`);
  }
  if (given.intervalMs !== undefined && typeof given.intervalMs !== 'number') throw new Error(`option intervalMs: expected a number of milliseconds, got ${JSON.stringify(given.intervalMs)}`);
  return prometheusReporter({
    pushgateway: given.pushgateway,
    service: given.service as string,
    namespace: given.namespace as string | undefined,
    id: given.id as string | undefined,
    intervalMs: given.intervalMs as number | undefined,
  });
};
