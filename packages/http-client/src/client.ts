import type { CookieJar, HttpClient, HttpClientProvider, HttpResponse, RequestScope } from '@go-heavy/core';
import { BoundHttpClient, type ClientState } from './bound-client.js';
import { MemoryCookieJar } from './cookie-jar.js';
import { checkTimeout } from './deadline.js';
import { H1Pool } from './h1/h1-pool.js';
import { defaultHeaders, type DefaultHeaders } from './headers.js';
import { DEFAULT_MAX_REDIRECTS, checkMaxRedirects } from './redirect.js';
import { DEFAULT_REQUEST_ID_HEADER, checkRequestIdHeader, checkRequestIdPrefix } from './request-log/request-ids.js';
import type { RequestLog } from './request-log/request-log.js';
import { RequestLogger } from './request-log/request-logger.js';
import { DEFAULT_MAX_RESPONSE_BYTES, checkMaxResponseBytes } from './response-limits.js';
import type { Transport } from './transport.js';
import { UndiciTransport } from './undici-transport.js';
import { VERSION } from './version.js';

/** Options of `createHttpClient`. */
export interface HttpClientOptions {
  /**
   * Default per-request timeout in milliseconds, covering connecting, queueing, headers and
   * body (default 30 000). A request's own `timeoutMs` overrides it.
   */
  timeoutMs?: number;
  /**
   * Keep-alive connections per origin (default 100). Requests beyond that wait in the pool's
   * queue and the wait counts in their latency: give at least the number of concurrent users.
   */
  connections?: number;
  /** The `user-agent` header (default `go-heavy/<version>`); a request's own header wins. */
  userAgent?: string;
  /**
   * How requests travel (default `'auto'`): `'auto'` uses go-heavy's own HTTP/1.1 client for
   * `http:` origins and undici for `https:`; `'undici'` uses undici for every origin, the
   * fallback should the own client misbehave with a server.
   */
  transport?: 'auto' | 'undici';
  /**
   * Log every request there (see `createNdjsonRequestLog`). With a log, each request carries a
   * unique id in the `requestIdHeader` header, the log's `id`, so its lines match the server's.
   * Without one (the default), requests carry no id and the request path does no log work at all.
   * Close the log after the client: `await http.close(); await log.close()`.
   */
  requestLog?: RequestLog;
  /** The request-id header sent when `requestLog` is set (default `x-request-id`). */
  requestIdHeader?: string;
  /**
   * What each request id starts with, before its counter (default 8 random hex digits and `-`,
   * as `3f9a1c2e-1`). Clients that write to one log give each its own prefix, so that their ids
   * cannot collide (the CLI's worker threads: `3f9a1c2e-w1-1`). Visible ASCII, at most 64.
   */
  requestIdPrefix?: string;
  /**
   * Accept any TLS certificate from `https:` servers: self-signed, expired, another host's
   * (default false; k6's `insecureSkipTLSVerify`). For test environments only. Without it, an
   * untrusted certificate fails the request as `tls-cert`; a private CA can be trusted instead
   * with Node's `NODE_EXTRA_CA_CERTS`.
   */
  insecure?: boolean;
  /**
   * Read every response body to its end but keep none of it (default false; k6's
   * `discardResponseBodies`): `body` and `json()` then throw. A request's own `discardBody`
   * overrides it either way. Saves memory and the client's CPU when workflows only look at
   * statuses and headers.
   */
  discardResponseBodies?: boolean;
  /**
   * The largest body kept, in bytes (default 64 MiB). A larger one fails its request as
   * `response-too-large` as soon as it passes the limit, and the connection is closed. Discarded
   * bodies have no limit: they cost no memory.
   */
  maxResponseBytes?: number;
  /**
   * Redirects followed per call at most (default 10, as k6; 0 follows none). A 301, 302, 303,
   * 307 or 308 with a `location` is followed, each hop a request of its own, recorded under the
   * calling step; a request's `redirect: 'manual'` returns the 3xx as is. A call that reaches the
   * limit resolves with the last 3xx response, and `warn` says so once per method and endpoint.
   */
  maxRedirects?: number;
  /** Where the client tells the user about something that is not an error: a call that stopped at `maxRedirects`. */
  warn?: (message: string) => void;
}

/** Method and endpoint pairs warned about at most, so that a run over many names cannot grow the set without end. */
const MAX_WARNED = 100;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTIONS = 100;

/**
 * Creates the instrumented HTTP client: one keep-alive connection pool per origin, shared by
 * every user, each request timed and recorded under the calling user's current step. Call
 * `close()` when the run ends; until then the pools keep sockets open.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClientProvider {
  return new InstrumentedHttpClient(options);
}

class InstrumentedHttpClient implements HttpClientProvider, ClientState {
  readonly timeoutMs: number;
  readonly headers: DefaultHeaders;
  readonly requestLogger: RequestLogger | undefined;
  readonly discardResponseBodies: boolean;
  readonly maxResponseBytes: number;
  readonly maxRedirects: number;
  interrupted = false;
  private readonly warn: ((message: string) => void) | undefined;
  /** `METHOD endpoint` of calls already warned about for reaching `maxRedirects`. */
  private readonly warnedRedirects = new Set<string>();
  private readonly connections: number;
  private readonly undiciOnly: boolean;
  private readonly insecure: boolean;
  private readonly transports = new Map<string, Transport>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: HttpClientOptions) {
    const connections = options.connections ?? DEFAULT_CONNECTIONS;
    if (!Number.isInteger(connections) || connections < 1) {
      throw new RangeError(`connections must be a whole number above 0, got ${connections}`);
    }
    const transport = options.transport ?? 'auto';
    if (transport !== 'auto' && transport !== 'undici') {
      throw new RangeError(`transport must be 'auto' or 'undici', got ${String(transport)}`);
    }
    this.timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.maxResponseBytes = checkMaxResponseBytes(options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    this.maxRedirects = checkMaxRedirects(options.maxRedirects ?? DEFAULT_MAX_REDIRECTS);
    this.warn = options.warn;
    this.discardResponseBodies = options.discardResponseBodies === true;
    this.insecure = options.insecure === true;
    this.connections = connections;
    this.undiciOnly = transport === 'undici';
    this.headers = defaultHeaders(options.userAgent ?? `go-heavy/${VERSION}`);
    const idHeader = checkRequestIdHeader(options.requestIdHeader ?? DEFAULT_REQUEST_ID_HEADER);
    const idPrefix = options.requestIdPrefix === undefined ? undefined : checkRequestIdPrefix(options.requestIdPrefix);
    this.requestLogger = options.requestLog === undefined ? undefined : new RequestLogger(options.requestLog, idHeader, idPrefix);
  }

  redirectLimitReached(method: string, endpoint: string, response: HttpResponse): void {
    const key = `${method} ${endpoint}`;
    if (this.warn === undefined || this.warnedRedirects.has(key) || this.warnedRedirects.size >= MAX_WARNED) return;
    this.warnedRedirects.add(key);
    this.warn(
      `${key}: stopped after ${this.maxRedirects} redirects (maxRedirects) and returned the last one, ${response.status} from ${response.url}; ` +
        'raise --max-redirects (maxRedirects in heavy.config.ts), or pass { redirect: "manual" } to handle it yourself',
    );
  }

  forScope(scope: RequestScope): HttpClient {
    return new BoundHttpClient(this, scope);
  }

  createCookieJar(): CookieJar {
    return new MemoryCookieJar();
  }

  transportFor(origin: string): Transport {
    let transport = this.transports.get(origin);
    if (transport === undefined) {
      transport = !this.undiciOnly && origin.startsWith('http:') ? new H1Pool(origin, this, this.connections) : new UndiciTransport(origin, this, this.connections, this.timeoutMs, this.insecure);
      // After close(), a new origin gets a closed transport (it never opens a socket), so its
      // requests fail and are recorded as `interrupted` like those on the ones that were closed.
      if (this.closed) void transport.close();
      this.transports.set(origin, transport);
    }
    return transport;
  }

  close(options?: { force?: boolean }): Promise<void> {
    const force = options?.force === true;
    this.closed = true;
    if (force && !this.interrupted) {
      // Set before destroying: the failures destroy() causes read it to say `interrupted`.
      this.interrupted = true;
      this.closing = Promise.all(Array.from(this.transports.values(), (t) => t.destroy())).then(noop);
    } else {
      this.closing ??= Promise.all(Array.from(this.transports.values(), (t) => t.close())).then(noop);
    }
    return this.closing;
  }
}

function noop(): void {}
