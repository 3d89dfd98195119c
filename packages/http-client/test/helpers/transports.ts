import type { RequestListener } from 'node:http';
import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient, type HttpClientOptions } from '../../src/index.js';
import { startServer, type TestServer } from './test-server.js';

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

/** A test server for one target and the clients made against it, for a `describe.each(TARGETS)` block. */
export interface TargetFixture {
  /** The running server (set in `beforeAll`). */
  readonly server: TestServer;
  /** A client for the target (`timeoutMs` 5 s unless given), force-closed after each test so none outlives a failing one. */
  client(options?: HttpClientOptions): HttpClientProvider;
}

/** Registers the hooks that start `handler` for `target` before the block's tests and stop it after. */
export function serveTarget(target: Target, handler: RequestListener): TargetFixture {
  let server: TestServer | undefined;
  const clients: HttpClientProvider[] = [];
  beforeAll(async () => {
    server = await startServer(handler, { tls: target.tls });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close({ force: true })));
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    client(options = {}) {
      const made = createHttpClient({ timeoutMs: 5_000, ...target.client, ...options });
      clients.push(made);
      return made;
    },
  };
}
