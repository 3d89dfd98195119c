import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import type { OutgoingHeaders } from './headers.js';

/**
 * The connections to one origin and the way requests travel over them: the HTTP/1.1 pool of
 * `h1/` for `http:` origins, undici's Pool (`undici-transport.ts`) for `https:` and as the
 * fallback. The client keeps one per origin, shared by every user.
 */
export interface Transport {
  /**
   * Sends one request, reads the whole response (its body kept, or read off the socket and
   * dropped when `discardBody`; a kept body above the client's `maxResponseBytes` fails as
   * `response-too-large`) and records the outcome in `metrics` exactly
   * once (`recordResponse`, or `recordError` with a category before rejecting with
   * `HttpRequestError`). May send it a second time, once, counted by `recordRetry` (the HTTP/1.1
   * pool does, when a reused connection closes before any byte of the response to an idempotent
   * request; undici's never does). Latency runs from dispatch, queueing for a connection and any
   * retry included, to the body's last byte. A request that cannot be encoded rejects with a plain
   * Error and is not recorded. `endpoint` is the name `metrics` records it under, for the
   * error's `failureReason`. With `redirect`, a response that is a redirect (recorded as any) is
   * not returned: the promise settles as `redirect.follow(response)` does.
   */
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
  ): Promise<HttpResponse>;
  /** Lets in-flight and queued requests finish, then closes the connections; later requests fail as `interrupted`. */
  close(): Promise<void>;
  /** Fails in-flight and queued requests at once and destroys the connections. */
  destroy(): Promise<void>;
}

/** Follows a redirect response to its end: what a transport hands a redirect to, when it was given one. */
export interface RedirectHandler {
  follow(response: HttpResponse): Promise<HttpResponse>;
}
