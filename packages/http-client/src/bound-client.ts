import { tagsProblem } from '@go-heavy/core';
import type { FullRequestOptions, HttpClient, HttpResponse, RequestBody, RequestMetrics, RequestOptions, RequestScope, RequestTags, StepMetrics } from '@go-heavy/core';
import { isJsonBody, toPayload } from './body.js';
import { checkTimeout } from './deadline.js';
import { requestHeaders, type DefaultHeaders, type OutgoingHeaders } from './headers.js';
import { checkRedirectMode, hopHeaders, isRedirect, nextHop } from './redirect.js';
import type { RequestLogger } from './request-log/request-logger.js';
import type { SendState } from './send.js';
import type { RedirectHandler, Transport } from './transport.js';
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
  /** Redirects followed per call at most; 0 returns every 3xx as is. */
  readonly maxRedirects: number;
  /** Tells the user that a call stopped at `maxRedirects` (once per method and endpoint). */
  redirectLimitReached(method: string, endpoint: string, response: HttpResponse): void;
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
 *
 * Redirects are followed here, above the transports, so both follow alike: each hop is a request
 * of its own, sent and recorded like the first under the step of the call. The transport hands a
 * redirect to the call's {@link RedirectCall} as the response completes, so a response that is
 * not one costs a status check and no extra promise.
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

  /**
   * Not `async`: a rejected promise for bad input, else the transport's own promise, with no extra
   * wrapping but the one `then` that checks for a redirect when the call may follow one.
   */
  private send(method: string, url: string, body: RequestBody | undefined, options: RequestOptions | undefined): Promise<HttpResponse> {
    let transport: Transport;
    let origin: string;
    let path: string;
    let timeoutMs: number;
    let headers: OutgoingHeaders;
    let payload: string | Uint8Array | undefined;
    let step: StepMetrics;
    let endpoint: string;
    let tags: RequestTags | undefined;
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
      payload = toPayload(body);
      if (options?.redirect !== undefined) checkRedirectMode(options.redirect);
      tags = options?.tags;
      if (tags !== undefined) checkTags(tags);
      // The step is read now, at call time: the user may be in another step by the time it ends.
      step = this.scope.step;
      endpoint = options?.name ?? endpointOf(path);
      metrics = step.request(method, endpoint, tags);
    } catch (err) {
      return Promise.reject(err);
    }
    // What following needs, when the call may follow: the transport uses it only for a redirect.
    const call =
      this.state.maxRedirects === 0 || options?.redirect === 'manual' ? undefined : new RedirectCall(this, step, method, headers, payload, timeoutMs, discardBody, endpoint, options?.name, tags);
    return this.dispatch(transport, metrics, method, path, origin, withJarCookie(headers, this.scope, origin, path), payload, timeoutMs, discardBody, endpoint, call);
  }

  /**
   * Sends on `transport`: through the request log when there is one (it adds the request id), else
   * directly. With `call`, a redirect is followed: by the transport as the response completes (no
   * extra promise for the responses that are not one), or here after the log has its record of the hop.
   */
  private dispatch(
    transport: Transport,
    metrics: RequestMetrics,
    method: string,
    path: string,
    origin: string,
    headers: OutgoingHeaders,
    payload: string | Uint8Array | undefined,
    timeoutMs: number,
    discardBody: boolean,
    endpoint: string,
    call?: RedirectCall,
  ): Promise<HttpResponse> {
    if (this.logger !== undefined) {
      const sent = this.logger.send(transport, this.scope, metrics, method, path, origin, headers, payload, timeoutMs, discardBody, endpoint);
      return call === undefined ? sent : sent.then((response) => (isRedirect(response.status) ? call.follow(response) : response));
    }
    return transport.send(metrics, method, path, origin, headers, payload, timeoutMs, this.scope.cookies, discardBody, endpoint, call);
  }

  /**
   * Follows `response`, a redirect, hop after hop, until a response that is not one (or one that
   * leads nowhere usable, returned as is), or until `maxRedirects` hops were made: then the last
   * 3xx is returned, as k6 does, and the user is told once. `headers` are the call's own, without
   * the jar's cookies, which each hop gets anew for its URL. `endpoint` names the call in that
   * warning. A hop is recorded under the call's `name` when it has one (as k6 tags every hop with
   * it, so that ids in redirects do not make a series each), else under its own path.
   * @internal called by {@link RedirectCall}.
   */
  async follow(response: HttpResponse, call: RedirectCall): Promise<HttpResponse> {
    const { step, timeoutMs, discardBody, endpoint, name, tags } = call;
    let { method, headers, payload } = call;
    const firstMethod = method;
    for (let hops = 0; ; hops++) {
      const hop = nextHop(response.status, response.headers.location, method, response.url);
      if (hop === undefined) return response;
      if (hops === this.state.maxRedirects) {
        this.state.redirectLimitReached(firstMethod, endpoint, response);
        return response;
      }
      const { url } = hop;
      const origin = url.origin;
      const path = url.pathname + url.search;
      headers = hopHeaders(headers, hop.keepBody, origin === new URL(response.url).origin);
      if (!hop.keepBody) payload = undefined;
      method = hop.method;
      // Recorded like any request, under the call's step.
      const hopEndpoint = name ?? endpointOf(path);
      const metrics = step.request(method, hopEndpoint, tags);
      response = await this.dispatch(this.transportFor(origin), metrics, method, path, origin, withJarCookie(headers, this.scope, origin, path), payload, timeoutMs, discardBody, hopEndpoint);
      response.redirects = hops + 1;
      if (!isRedirect(response.status)) return response;
    }
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

/** `headers` with the cookies the scope's jar has for `origin` and `path`, if any: a copy then (defaults are shared). */
function withJarCookie(headers: OutgoingHeaders, scope: RequestScope, origin: string, path: string): OutgoingHeaders {
  const cookie = scope.cookies?.header(origin, path);
  return cookie === undefined ? headers : withCookie(headers, cookie);
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

/**
 * What following one call's redirects needs, made for each call that may follow one and handed
 * to the transport, which uses it only when the response is a redirect. `headers` are the call's
 * own, without the jar's cookies (each hop gets those anew).
 */
class RedirectCall implements RedirectHandler {
  constructor(
    private readonly client: BoundHttpClient,
    readonly step: StepMetrics,
    readonly method: string,
    readonly headers: OutgoingHeaders,
    readonly payload: string | Uint8Array | undefined,
    readonly timeoutMs: number,
    readonly discardBody: boolean,
    readonly endpoint: string,
    readonly name: string | undefined,
    readonly tags: RequestTags | undefined,
  ) {}

  follow(response: HttpResponse): Promise<HttpResponse> {
    return this.client.follow(response, this);
  }
}
