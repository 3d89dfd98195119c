import type { Reporter } from '@go-heavy/core';
import { ConfigError } from '@go-heavy/config';
import { envWithAlias } from './env-alias.js';

/**
 * The Prometheus exporter when asked for: `--prometheus-pushgateway host:port` or
 * GO_HEAVY_PROMETHEUS_PUSHGATEWAY (or f1's PROMETHEUS_PUSH_GATEWAY), with f1's PROMETHEUS_NAMESPACE and PROMETHEUS_LABEL_ID labels.
 */
export async function prometheusFromOptions(flag: string | undefined, env: NodeJS.ProcessEnv, service: string, warn: (message: string) => void): Promise<Reporter | undefined> {
  const fromEnv = envWithAlias(env, 'GO_HEAVY_PROMETHEUS_PUSHGATEWAY');
  const pushgateway = flag ?? fromEnv.value;
  if (pushgateway === undefined || pushgateway === '') return undefined;
  const what = flag !== undefined ? '--prometheus-pushgateway' : fromEnv.from;
  // Loaded only when asked for: prom-client is not needed by most runs.
  const { prometheusReporter } = await import('@go-heavy/prometheus');
  try {
    return prometheusReporter({
      pushgateway,
      service,
      namespace: env.PROMETHEUS_NAMESPACE || undefined,
      id: env.PROMETHEUS_LABEL_ID || undefined,
      warn,
    });
  } catch (err) {
    // The address is the one thing a user gives here: say what it should look like.
    const detail = (err as Error).message.replace(/^prometheus: /, '');
    throw new ConfigError(`${what}: expected host:port or an http(s) URL such as localhost:9091, got ${JSON.stringify(pushgateway)}${/Invalid URL/.test(detail) ? '' : ` (${detail})`}`);
  }
}
