import type { HttpClientOptions } from '../../src/index.js';

/**
 * The ways a request travels, which the shared client suites (requests, failures, request log,
 * cookies, large and stalled responses) all run against with the same expectations:
 * go-heavy's own HTTP/1.1 transport (`http:` origins), undici forced for `http:`, and undici
 * over TLS (every `https:` origin), against a server with a self-signed certificate.
 */
export interface Target {
  /** Shown in the test names. */
  name: string;
  /** Start the test server with TLS (`startServer(handler, { tls })`). */
  tls: boolean;
  /** What the client needs for this target: its transport, and `insecure` for the self-signed certificate. */
  client: Pick<HttpClientOptions, 'transport' | 'insecure'>;
}

export const TARGETS: readonly Target[] = [
  { name: 'http, own HTTP/1.1 transport', tls: false, client: { transport: 'auto' } },
  { name: 'http, undici', tls: false, client: { transport: 'undici' } },
  { name: 'https, undici', tls: true, client: { transport: 'auto', insecure: true } },
];

/** The transports alone, for suites that are about the `http:` path only. */
export const TRANSPORTS = ['auto', 'undici'] as const;
