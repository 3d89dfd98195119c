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

/**
 * The path (and query) of `url` when it is `origin` followed by a path that WHATWG parsing would
 * leave exactly as written, else undefined: then `new URL()` must decide. This lets an absolute
 * URL on an origin already parsed once skip the parser: a prefix check and a slice. Anything
 * unusual falls back: userinfo, an uppercase host or a default port (the URL does not start with
 * the canonical origin), dot segments (`/./`, `/../`, `%2e`), backslashes, fragments, spaces,
 * controls, non-ASCII, an empty query and the characters the parser percent-encodes.
 */
export function pathAfterOrigin(url: string, origin: string): string | undefined {
  return isPlainUrlOn(url, origin) ? url.slice(origin.length) : undefined;
}

/** Whether `pathAfterOrigin(url, origin)` has a path, without making it. */
export function isPlainUrlOn(url: string, origin: string): boolean {
  const start = origin.length;
  if (url.length <= start || url.charCodeAt(start) !== 0x2f /* / */ || !url.startsWith(origin)) return false;
  let inQuery = false;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c > 0x7f || KEPT_AS_WRITTEN[c] === 0) return false;
    // An empty query is dropped by the parser (`search` is ''): `/?` falls back.
    if (c === 0x3f /* ? */) {
      if (inQuery === false && i === url.length - 1) return false;
      inQuery = true;
    } else if (c === 0x2f /* / */ && !inQuery && startsDotSegment(url, i + 1)) return false;
  }
  return true;
}

/** Printable ASCII that WHATWG parsing keeps as is in an http(s) path and query: not `"#'<>\^`{|}` nor space. */
const KEPT_AS_WRITTEN = (() => {
  const table = new Uint8Array(128);
  for (let c = 0x21; c < 0x7f; c++) table[c] = 1;
  for (const ch of '"#\'<>\\^`{|}') table[ch.charCodeAt(0)] = 0;
  return table;
})();

/** A segment that starts with `.` or `%2e` (`/./`, `/../`, `/.x` alike: the last ones fall back needlessly, which is harmless). */
function startsDotSegment(url: string, i: number): boolean {
  const c = url.charCodeAt(i);
  if (c === 0x2e /* . */) return true;
  return c === 0x25 /* % */ && url.charCodeAt(i + 1) === 0x32 /* 2 */ && (url.charCodeAt(i + 2) | 0x20) === 0x65; /* e */
}

/** The default endpoint name of a request: its path without the query string. */
export function endpointOf(path: string): string {
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
