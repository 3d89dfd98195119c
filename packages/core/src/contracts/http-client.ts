import type { RequestTags, StepMetrics } from './metrics.js';

/** Headers as plain data; repeated response headers become arrays. */
export type Headers = Record<string, string | string[] | undefined>;

/** A JSON-serialisable value, sent with `content-type: application/json`. */
export type JsonBody = Record<string, unknown> | unknown[];

/** What a request may carry: text, bytes, or an object sent as JSON. */
export type RequestBody = string | Uint8Array | JsonBody;

export interface RequestOptions {
  headers?: Headers;
  /**
   * The endpoint name recorded for this request, such as `/users/{id}`, so that one series
   * does not become one per id. Defaults to the URL's path without its query string.
   */
  name?: string;
  /**
   * Labels of this request (`{ kind: 'search' }`), string values. Part of its identity in the
   * results: requests with different tags are separate series (shown as `GET /search {kind=search}`),
   * selectable in thresholds and exported as Prometheus labels. Keep values few (no ids).
   */
  tags?: RequestTags;
  /** Milliseconds before the request is abandoned and counted as `timeout`. */
  timeoutMs?: number;
  /**
   * Read the response body to its end (the latency covers it and the connection stays
   * reusable) but keep none of it: `body` and `json()` then throw. Overrides the run's
   * `discardResponseBodies` either way (`false` keeps this one body in a run that discards).
   */
  discardBody?: boolean;
  /**
   * What to do with a redirect (301, 302, 303, 307, 308 with a `location`): `'follow'` (the
   * default) sends the next request, up to the run's `maxRedirects`, each one recorded under the
   * calling step with its own status, latency and endpoint; `'manual'` returns the 3xx response as is.
   */
  redirect?: 'follow' | 'manual';
}

export interface FullRequestOptions extends RequestOptions {
  method: string;
  url: string;
  body?: RequestBody;
}

/** A response whose body was read to the end. */
export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The body as UTF-8 text. Throws, saying how to keep it, when the body was discarded (`discardBody`). */
  body: string;
  /** The body parsed as JSON; throws a clear error when it is not JSON (or was discarded). */
  json<T = unknown>(): T;
  /** The absolute URL of this response: after redirects were followed, the last one's. */
  url: string;
  /** How many redirects were followed to get this response: 0 when none was. */
  redirects: number;
  /** Time from sending to the last byte of the body, in milliseconds (this response's request alone, not the redirects before it). */
  latencyMs: number;
}

/**
 * The instrumented client a workflow sees as `ctx.http`. Every call is timed and recorded under
 * the current step. A response with any status resolves; no response (refused, reset, timeout)
 * rejects with an error whose `category` names what happened, which fails the iteration.
 * Relative URLs resolve against the workflow's `BASE_URL`.
 */
export interface HttpClient {
  get(url: string, options?: RequestOptions): Promise<HttpResponse>;
  delete(url: string, options?: RequestOptions): Promise<HttpResponse>;
  post(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  put(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  patch(url: string, body?: RequestBody, options?: RequestOptions): Promise<HttpResponse>;
  request(options: FullRequestOptions): Promise<HttpResponse>;
}

/**
 * Cookies of one user identity, kept across its requests (and iterations, with unique users).
 * Implemented by the HTTP client; the engine only creates, hands over and clears jars.
 */
export interface CookieJar {
  /** The `cookie` header for a request to this origin and path, or undefined when none apply. */
  header(origin: string, path: string): string | undefined;
  /** Keeps the cookies of a response's `set-cookie` header(s). */
  store(origin: string, path: string, setCookie: string | string[]): void;
  clear(): void;
}

/**
 * Where one user's requests are recorded. The engine creates one per user and moves `step`
 * as the user enters and leaves steps; the client reads it at each request.
 */
export interface RequestScope {
  /** Base for relative URLs (the workflow's BASE_URL), or undefined when none is set. */
  readonly baseUrl: string | undefined;
  /** The workflow the user runs, for the request log (optional: other engines may not say). */
  readonly workflow?: string;
  step: StepMetrics;
  /** The cookies of the identity running now; undefined sends and keeps none. */
  cookies: CookieJar | undefined;
}

/**
 * Makes clients. Implemented by `@go-heavy/http-client`; swap it to load something other than HTTP.
 */
export interface HttpClientProvider {
  /** A client bound to one user's scope. Called once per user, not per iteration. */
  forScope(scope: RequestScope): HttpClient;
  /** A fresh, empty cookie jar for one user identity. */
  createCookieJar(): CookieJar;
  /**
   * Closes connections. With `force`, in-flight requests are failed at once (counted as
   * `interrupted`); without it, they are allowed to finish.
   */
  close(options?: { force?: boolean }): Promise<void>;
}
