import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import { Pool } from 'undici';
import type { OutgoingHeaders } from './headers.js';
import { send, type SendState } from './send.js';
import type { Transport } from './transport.js';

/**
 * An origin served by undici's keep-alive `Pool`: every `https:` origin, and `http:` ones with
 * `transport: 'undici'`. Requests go through `send.ts`, the only module that talks to undici.
 */
export class UndiciTransport implements Transport {
  private readonly pool: Pool;

  constructor(
    origin: string,
    private readonly state: SendState,
    connections: number,
    timeoutMs: number,
  ) {
    this.pool = new Pool(origin, {
      connections,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
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
  ): Promise<HttpResponse> {
    return send(this.state, this.pool, metrics, method, path, origin, headers, body, timeoutMs, cookies);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  destroy(): Promise<void> {
    return this.pool.destroy();
  }
}
