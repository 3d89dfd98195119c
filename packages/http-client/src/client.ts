import type { CookieJar, HttpClient, HttpClientProvider, RequestScope } from '@go-heavy/core';
import { Pool, type Dispatcher } from 'undici';
import { BoundHttpClient, type ClientState } from './bound-client.js';
import { MemoryCookieJar } from './cookie-jar.js';
import { checkTimeout } from './deadline.js';
import { defaultHeaders, type DefaultHeaders } from './headers.js';
import { VERSION } from './version.js';

/** Options of `createHttpClient`. */
export interface HttpClientOptions {
  /**
   * Default per-request timeout in milliseconds, covering headers and body (default 30 000).
   * Also the connect timeout of every pool. A request's own `timeoutMs` overrides it.
   */
  timeoutMs?: number;
  /**
   * Keep-alive connections per origin (default 100). Requests beyond that wait in the pool's
   * queue and the wait counts in their latency: give at least the number of concurrent users.
   */
  connections?: number;
  /** The `user-agent` header (default `go-heavy/<version>`); a request's own header wins. */
  userAgent?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECTIONS = 100;

/**
 * Creates the instrumented HTTP client: one undici keep-alive `Pool` per origin, shared by every
 * user, each request timed and recorded under the calling user's current step. Call `close()`
 * when the run ends; until then the pools keep sockets open.
 */
export function createHttpClient(options: HttpClientOptions = {}): HttpClientProvider {
  return new UndiciHttpClient(options);
}

class UndiciHttpClient implements HttpClientProvider, ClientState {
  readonly timeoutMs: number;
  readonly headers: DefaultHeaders;
  interrupted = false;
  private readonly connections: number;
  private readonly pools = new Map<string, Pool>();
  private closed = false;
  private closing: Promise<void> | undefined;

  constructor(options: HttpClientOptions) {
    const connections = options.connections ?? DEFAULT_CONNECTIONS;
    if (!Number.isInteger(connections) || connections < 1) {
      throw new RangeError(`connections must be a whole number above 0, got ${connections}`);
    }
    this.timeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.connections = connections;
    this.headers = defaultHeaders(options.userAgent ?? `go-heavy/${VERSION}`);
  }

  forScope(scope: RequestScope): HttpClient {
    return new BoundHttpClient(this, scope);
  }

  createCookieJar(): CookieJar {
    return new MemoryCookieJar();
  }

  poolFor(origin: string): Dispatcher {
    let pool = this.pools.get(origin);
    if (pool === undefined) {
      pool = new Pool(origin, {
        connections: this.connections,
        connectTimeout: this.timeoutMs,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      // After close(), a new origin gets a closed pool (it never opens a socket), so its requests
      // fail and are recorded as `interrupted` exactly like those on the pools that were closed.
      if (this.closed) void pool.close();
      this.pools.set(origin, pool);
    }
    return pool;
  }

  close(options?: { force?: boolean }): Promise<void> {
    const force = options?.force === true;
    this.closed = true;
    if (force && !this.interrupted) {
      // Set before destroying: the failures destroy() causes settle later and must read it.
      this.interrupted = true;
      this.closing = Promise.all(Array.from(this.pools.values(), (pool) => pool.destroy())).then(noop);
    } else {
      this.closing ??= Promise.all(Array.from(this.pools.values(), (pool) => pool.close())).then(noop);
    }
    return this.closing;
  }
}

function noop(): void {}
