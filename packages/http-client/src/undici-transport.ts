import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import type { Pool } from 'undici';
import { MAX_HEADER_BYTES } from './header-limit.js';
import type { OutgoingHeaders } from './headers.js';
import { send, type SendState } from './send.js';
import type { RedirectHandler, Transport } from './transport.js';

/**
 * An origin served by undici's keep-alive `Pool`: every `https:` origin, and `http:` ones with
 * `transport: 'undici'`. TLS is undici's (Node's `tls`): certificates are checked against Node's
 * CA store and `NODE_EXTRA_CA_CERTS`, or not at all with `insecure`. Requests go through `send.ts`, the only module that talks to undici.
 * undici is loaded on the first request: a run against plain http never pays its memory.
 */
export class UndiciTransport implements Transport {
  private pool: Promise<Pool> | undefined;
  private closed = false;

  constructor(
    private readonly origin: string,
    private readonly state: SendState,
    private readonly connections: number,
    private readonly timeoutMs: number,
    /** Accept any server certificate (`insecure: true`). */
    private readonly insecure: boolean,
  ) {}

  private poolNow(): Promise<Pool> {
    this.pool ??= import('undici').then(({ Pool }) => {
      const pool = new Pool(this.origin, {
        connections: this.connections,
        // The limit of the HTTP/1.1 transport, whatever --max-http-header-size says.
        maxHeaderSize: MAX_HEADER_BYTES,
        connectTimeout: this.timeoutMs,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
        // Only when asked: undici's own defaults (Node's CA store, NODE_EXTRA_CA_CERTS) otherwise.
        ...(this.insecure ? { connect: { rejectUnauthorized: false } } : {}),
      });
      // Closed before its first request: a closed pool refuses it, as the client's others do.
      if (this.closed) void pool.close();
      return pool;
    });
    return this.pool;
  }

  send(
    metrics: RequestMetrics,
    method: string,
    path: string,
    origin: string,
    headers: OutgoingHeaders,
    body: string | Uint8Array | undefined,
    timeoutMs: number,
    cookies: CookieJar | undefined,
    discardBody: boolean,
    endpoint: string,
    redirect?: RedirectHandler,
  ): Promise<HttpResponse> {
    return this.poolNow().then((pool) => send(this.state, pool, metrics, method, path, origin, headers, body, timeoutMs, cookies, discardBody, endpoint, redirect));
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.pool) await (await this.pool).close();
  }

  async destroy(): Promise<void> {
    if (this.pool) await (await this.pool).destroy();
  }
}
