import { tagsProblem } from '@go-heavy/core';
import type { FullRequestOptions, HttpClient, HttpResponse, RequestBody, RequestMetrics, RequestOptions, RequestScope } from '@go-heavy/core';
import { isJsonBody, toPayload } from './body.js';
import { checkTimeout } from './deadline.js';
import { requestHeaders, type DefaultHeaders, type OutgoingHeaders } from './headers.js';
import type { RequestLogger } from './request-log/request-logger.js';
import type { SendState } from './send.js';
import type { Transport } from './transport.js';
import { endpointOf, isRelative, normalisePath, parseBaseUrl, parseHttpUrl, isPlainUrlOn, pathAfterOrigin, type BaseUrl } from './url.js';

/** Origins of absolute URLs a user remembers (most workflows use one or two): bounds the lookup. */
const KNOWN_ORIGINS = 8;

/** The client-wide state a bound client draws on; implemented by the provider in `client.ts`. */
export interface ClientState extends SendState {
  readonly timeoutMs: number;
  readonly headers: DefaultHeaders;
  /** Whether a request that does not say (`discardBody`) drops its response body. */
  readonly discardResponseBodies: boolean;
  /** The request log's hook when the client has a log; undefined (the default) costs the requests nothing. */
  readonly requestLogger: RequestLogger | undefined;
  /** The transport (connection pool) for `origin`, created on first use (already closed when the client is). */
  transportFor(origin: string): Transport;
}

/**
 * `ctx.http` for one user: resolves the URL, builds headers and body, and hands the request to
 * the origin's `Transport`, which times and records it under the scope's step *at call time*.
 * The BASE_URL's origin and transport are resolved on the first relative request and kept, so
 * the hot path is a field read.
 *
 * Mistakes caught before sending (a relative URL without BASE_URL, a non-http URL, a bad timeout,
 * a body JSON cannot encode) reject with a plain Error and are not recorded: nothing was sent.
 */
export class BoundHttpClient implements HttpClient {
  private base: BaseUrl | undefined;
  private baseTransport: Transport | undefined;
  /** Origins of absolute URLs parsed once, with their transports (same index): later URLs on them skip `new URL()`. */
  private readonly knownOrigins: string[] = [];
  private readonly knownTransports: Transport[] = [];
  private readonly logger: RequestLogger | undefined;

  constructor(
    private readonly state: ClientState,
    private readonly scope: RequestScope,
  ) {
    this.logger = state.requestLogger;
  }

  get(url: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('GET', url, undefined, options);
  }

  delete(url: string, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('DELETE', url, undefined, options);
  }

  post(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('POST', url, body, options);
  }

  put(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('PUT', url, body, options);
  }

  patch(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse> {
    return this.send('PATCH', url, body, options);
  }

  request(options: FullRequestOptions): Promise<HttpResponse> {
    return this.send(options.method.toUpperCase(), options.url, options.body, options);
  }

  /** Not `async`: a rejected promise for bad input, else the transport's own promise, with no extra wrapping. */
  private send(method: string, url: string, body: RequestBody | undefined, options: RequestOptions | undefined): Promise<HttpResponse> {
    let transport: Transport;
    let origin: string;
    let path: string;
    let timeoutMs: number;
    let headers: OutgoingHeaders;
    let payload: string | Uint8Array | undefined;
    let metrics: RequestMetrics;
    const discardBody = options?.discardBody ?? this.state.discardResponseBodies;
    try {
      if (isRelative(url)) {
        const base = (this.base ??= parseBaseUrl(this.scope.baseUrl, url));
        transport = this.baseTransport ??= this.state.transportFor(base.origin);
        origin = base.origin;
        path = normalisePath(base.prefix === '' ? url : base.prefix + url, origin);
      } else {
        const known = this.knownOrigin(url);
        if (known >= 0) {
          origin = this.knownOrigins[known]!;
          transport = this.knownTransports[known]!;
          path = url.slice(origin.length);
        } else {
          const parsed = parseHttpUrl(url);
          origin = parsed.origin;
          transport = this.transportFor(origin);
          path = parsed.pathname + parsed.search;
          this.remember(url, origin, path, transport);
        }
      }
      timeoutMs = options?.timeoutMs === undefined ? this.state.timeoutMs : checkTimeout(options.timeoutMs);
      headers = requestHeaders(this.state.headers, options?.headers, isJsonBody(body));
      const cookie = this.scope.cookies?.header(origin, path);
      if (cookie !== undefined) headers = withCookie(headers, cookie);
      payload = toPayload(body);
      const tags = options?.tags;
      if (tags !== undefined) checkTags(tags);
      // The step is read now, at call time: the user may be in another step by the time it ends.
      metrics = this.scope.step.request(method, options?.name ?? endpointOf(path), tags);
    } catch (err) {
      return Promise.reject(err);
    }
    // With a request log, the logger adds the request id and sends; without one, nothing changes.
    if (this.logger !== undefined) return this.logger.send(transport, this.scope, metrics, method, path, origin, headers, payload, timeoutMs, discardBody);
    return transport.send(metrics, method, path, origin, headers, payload, timeoutMs, this.scope.cookies, discardBody);
  }

  /** Index of the known origin `url` starts with, followed by a path the parser would keep as is; else -1. */
  private knownOrigin(url: string): number {
    const origins = this.knownOrigins;
    for (let i = 0; i < origins.length; i++) {
      if (isPlainUrlOn(url, origins[i]!)) return i;
    }
    return -1;
  }

  /** Remembers `origin` when the fast split of `url` gives exactly what the parser gave. */
  private remember(url: string, origin: string, path: string, transport: Transport): void {
    if (this.knownOrigins.length >= KNOWN_ORIGINS || pathAfterOrigin(url, origin) !== path) return;
    this.knownOrigins.push(origin);
    this.knownTransports.push(transport);
  }

  /** An absolute URL on BASE_URL's origin shares the cached transport; others look theirs up. */
  private transportFor(origin: string): Transport {
    if (this.base !== undefined && origin === this.base.origin) return (this.baseTransport ??= this.state.transportFor(origin));
    return this.state.transportFor(origin);
  }
}

/** Throws a TypeError naming `tags` and what was expected when they cannot tag a request. */
function checkTags(tags: unknown): void {
  const problem = tagsProblem(tags);
  if (problem !== undefined) throw new TypeError(`tags: ${problem}`);
}

/** The jar's cookies added to the request's own `cookie` header, on a copy (defaults are shared). */
function withCookie(headers: OutgoingHeaders, cookie: string): OutgoingHeaders {
  const own = headers.cookie;
  return { ...headers, cookie: own === undefined ? cookie : `${Array.isArray(own) ? own.join('; ') : own}; ${cookie}` };
}
