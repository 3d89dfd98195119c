import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '@go-heavy/config';
import { isLoopbackHost } from '@go-heavy/reporter';
import { EXIT } from '../exit.js';
import { onInterrupt } from '../interrupt.js';

/** Answers one request; a rejection becomes a 500 (or a cut connection once headers are sent). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

/** Options of {@link startHttpServer}. */
export interface HttpServerOptions {
  /** The TCP port; 0 takes a free one. */
  port: number;
  /** The address to listen on. On a loopback address, requests must name it in `Host`. */
  host: string;
  handle: RequestHandler;
  /** Said in the 403 answer to a foreign `Host`: "this server", "the web UI". */
  name?: string;
}

export interface HttpServer {
  /** `http://HOST:PORT`. */
  url: string;
  port: number;
  /** Stops listening and cuts open connections (event streams included). */
  close(): Promise<void>;
}

/** The loopback names a server may be asked for: only these are checked against `Host`. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * The HTTP server of `go-heavy serve` and `go-heavy ui`: listens on `host:port` and hands each
 * request to `handle`. On a loopback address a request whose `Host` does not name this server
 * (`127.0.0.1:PORT`, `localhost:PORT`, `[::1]:PORT`) gets 403 before any route runs: a web page of
 * another site, reaching the server through a DNS name rebound to 127.0.0.1, reads nothing and
 * changes nothing. Rejects with the listen error (`EADDRINUSE`, …).
 */
export async function startHttpServer(options: HttpServerOptions): Promise<HttpServer> {
  const loopback = LOOPBACK_HOSTS.has(options.host);
  const server = createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    if (loopback && !isLoopbackHost(req.headers.host, port)) {
      return void sendText(res, 403, `Forbidden: ${options.name ?? 'this server'} answers only to 127.0.0.1 and localhost\n`);
    }
    Promise.resolve()
      .then(() => options.handle(req, res))
      .catch((err: unknown) => {
        if (!res.headersSent) sendText(res, 500, `Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A page's policy when it has no script: nothing loads, inline styles only, forms post to itself. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Writes a whole answer: never cached, never sniffed, never framed; `content-security-policy`
 * is {@link PAGE_CSP} unless `headers` replace it. HEAD gets the headers only.
 */
export function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}, req?: IncomingMessage): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': PAGE_CSP,
    ...headers,
  });
  res.end(req?.method === 'HEAD' ? undefined : body);
}

/** A plain-text answer. */
export function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}, req?: IncomingMessage): void {
  send(res, status, 'text/plain', text, headers, req);
}

/** `303 See Other` to `location` (a path of this server): the answer to a form that worked. */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'content-length': 0, 'cache-control': 'no-store' });
  res.end();
}

/** The request's path, without its query. */
export function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?', 1)[0]!;
}

/** One path segment decoded, or undefined when it is not valid percent-encoding. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Why a server could not listen on `host:port`, as one line for the user (exit code 2). */
export function cannotListen(host: string, port: number, err: NodeJS.ErrnoException): ConfigError {
  const why =
    err.code === 'EADDRINUSE'
      ? 'the port is in use: pick another, or --port 0 for a free one'
      : err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND'
        ? 'no such address on this machine'
        : err.message;
  return new ConfigError(`cannot listen on ${host}:${port}: ${why}`);
}

/**
 * Serves until the first Ctrl-C (or SIGTERM), then closes `server`; a second one while it closes
 * exits at once. Resolves once closed.
 */
export async function serveUntilInterrupted(server: { close(): Promise<void> }): Promise<void> {
  let release = (): void => undefined;
  await new Promise<void>((resolve) => {
    release = onInterrupt(resolve, () => process.exit(EXIT.interrupted));
  });
  await server.close();
  release();
}
