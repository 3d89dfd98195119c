/** The parts of a workflow's BASE_URL that relative requests need, computed once per user. */
export interface BaseUrl {
  /** `scheme://host[:port]`, the key of the connection pool. */
  readonly origin: string;
  /** The base's path without a trailing slash (`''` for `http://host/`), prefixed to paths. */
  readonly prefix: string;
}

/** A request path undici accepts as is: printable latin-1, no fragment. */
const NEEDS_NORMALISING = /[^\u0021-\u00ff]|#/;

/** True for a path such as `/users?id=1`; false for `//host/x` and absolute URLs. */
export function isRelative(url: string): boolean {
  return url.charCodeAt(0) === 0x2f /* / */ && url.charCodeAt(1) !== 0x2f;
}

/**
 * Parses BASE_URL. Relative URLs are appended to its path, so `BASE_URL=http://h/api` with
 * `/users` requests `http://h/api/users` (URL resolution would drop `/api`).
 */
export function parseBaseUrl(baseUrl: string | undefined, relativeUrl: string): BaseUrl {
  if (baseUrl === undefined || baseUrl === '') {
    throw new Error(`relative URL '${relativeUrl}' needs BASE_URL to be set`);
  }
  const url = parseHttpUrl(baseUrl, 'BASE_URL');
  const path = url.pathname;
  return { origin: url.origin, prefix: path.endsWith('/') ? path.slice(0, -1) : path };
}

/** Parses an absolute http(s) URL, with an error naming `what` when it is not one. */
export function parseHttpUrl(url: string, what = 'URL'): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} '${url}' is not a valid URL: use an absolute http(s) URL or a path starting with '/'`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${what} '${url}' is not http(s): only http: and https: are supported`);
  }
  return parsed;
}

/** `path` made acceptable to undici: fragment dropped, spaces and non-latin-1 percent-encoded. */
export function normalisePath(path: string, origin: string): string {
  if (!NEEDS_NORMALISING.test(path)) return path;
  const url = new URL(path, origin);
  return url.pathname + url.search;
}

/** The default endpoint name of a request: its path without the query string. */
export function endpointOf(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
