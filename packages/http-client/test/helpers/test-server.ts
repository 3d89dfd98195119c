import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate } from '../../../../tools/testing/self-signed-cert.js';

/** A real HTTP (or HTTPS) server on 127.0.0.1 with an ephemeral port, for one test file. */
export interface TestServer {
  /** `http://127.0.0.1:<port>`, or `https://…` for a TLS server. */
  readonly url: string;
  readonly port: number;
  /** How many TCP connections the server accepted so far. */
  connections: number;
  /** Requests received so far, in order (method and URL). */
  readonly received: string[];
  /** Resolves when the server has received `count` requests in total. */
  receivedAtLeast(count: number): Promise<void>;
  /** Drops open connections (hanging requests included) and stops listening. */
  close(): Promise<void>;
}

/**
 * Starts `handler` on 127.0.0.1:0; `keepAliveTimeout` (ms) closes idle connections sooner than
 * Node's 5 s; `tls` serves HTTPS with a self-signed certificate for 127.0.0.1.
 */
export async function startServer(handler: http.RequestListener, options: { keepAliveTimeout?: number; tls?: boolean } = {}): Promise<TestServer> {
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const listener: http.RequestListener = (req, res) => {
    state.received.push(`${req.method} ${req.url}`);
    for (const waiter of waiters.splice(0)) {
      if (state.received.length >= waiter.count) waiter.resolve();
      else waiters.push(waiter);
    }
    handler(req, res);
  };
  const server = options.tls === true ? https.createServer(selfSignedCertificate(), listener) : http.createServer(listener);
  if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
  // The TCP connection, for HTTPS too (`secureConnection` would miss failed handshakes).
  server.on('connection', () => {
    state.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: TestServer = {
    url: `${options.tls === true ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    connections: 0,
    received: [],
    receivedAtLeast(count) {
      if (state.received.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
  return state;
}

/** A port on 127.0.0.1 where nothing listens: bound once, then released. */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Reads a request body as text. */
export function readRequestBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
