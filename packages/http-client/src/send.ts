import { setImmediate as nextTurn } from 'node:timers/promises';
import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import type { Dispatcher } from 'undici';
import { Deadline } from './deadline.js';
import { errorCategory } from './error-category.js';
import type { OutgoingHeaders } from './headers.js';
import { HttpRequestError } from './http-request-error.js';
import { readBody } from './read-body.js';
import { isRedirect } from './redirect.js';
import type { RedirectHandler } from './transport.js';
import { BufferedResponse } from './response.js';
import { now } from './clock.js';

/** What `send` needs to know about the client it belongs to. */
export interface SendState {
  /** True once the client was force-closed: failures from then on are `interrupted`. */
  readonly interrupted: boolean;
  /** Largest body kept, in bytes; a larger one fails the request as `response-too-large`. */
  readonly maxResponseBytes: number;
}

/**
 * Sends one request on `pool`, reads the whole body (keeping it, or dropping it as it comes
 * when `discardBody`) and records the outcome in `metrics` exactly
 * once: the response with its status, or the error with its category before rejecting with
 * `HttpRequestError`. Never retries. Latency runs from just before dispatch to the body's end.
 *
 * Timeout: one native timer per request (`Deadline`) bounds everything from dispatch to the
 * body's last byte, so a slow-drip body cannot outlive it. undici's own `headersTimeout` and
 * `bodyTimeout` were not enough alone: `bodyTimeout` is an idle timeout between chunks, and both
 * run on undici's coarse timer wheel (ticks of ~0.5 s), so a 200 ms timeout fired after up to a
 * second. They are still set to `timeoutMs` as a backstop; the precise timer fires first.
 * A request still queued for a connection when its deadline passes fails as soon as undici
 * picks it up.
 *
 * This is the only module that talks to undici's request API: moving to `dispatch()` with a
 * handler (where abort comes free with the controller) changes this file alone.
 */
export async function send(
  state: SendState,
  pool: Dispatcher,
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
  const href = origin + path;
  const start = now();
  const deadline = new Deadline(timeoutMs);
  let status: number;
  let responseHeaders: HttpResponse['headers'];
  let text: string | undefined;
  try {
    const response = await pool.request({
      method: method as Dispatcher.HttpMethod,
      path,
      headers,
      body,
      signal: deadline,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    status = response.statusCode;
    responseHeaders = response.headers;
    // Decodes the joined bytes, so a character split across chunks stays whole.
    text = await readBody(response.body, responseHeaders['content-length'], discardBody, state.maxResponseBytes);
  } catch (err) {
    const latencyMs = now() - start;
    deadline.clear();
    const category = errorCategory(err, state.interrupted);
    metrics.recordError(latencyMs, category);
    throw new HttpRequestError(category, method, href, err, latencyMs, endpoint);
  }
  const latencyMs = now() - start;
  deadline.clear();
  metrics.recordResponse(latencyMs, status);
  const setCookie = responseHeaders['set-cookie'];
  if (cookies !== undefined && setCookie !== undefined) cookies.store(origin, path, setCookie);
  // undici keeps an HTTP/1.1 socket out of reuse until the next event-loop turn after a response
  // (a setImmediate in its client, for servers that close despite keep-alive). Resolving after
  // that turn lets the user's next request reuse its connection; resolving before it made the
  // pool open a second connection per sequential user. The latency above does not include it.
  const settled = nextTurn(new BufferedResponse(status, responseHeaders, text, href, latencyMs, method));
  // A redirect (recorded above like any response) is followed, after the turn that frees its connection.
  return redirect !== undefined && isRedirect(status) ? settled.then((response) => redirect.follow(response)) : settled;
}
