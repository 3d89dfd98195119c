import type { Headers } from '@go-heavy/core';
import type { OutgoingHeaders } from './headers.js';

/** Default `maxRedirects`: as many as k6 follows. */
export const DEFAULT_MAX_REDIRECTS = 10;

/** Returns `count` when it is a usable redirect limit, else throws a RangeError saying why. */
export function checkMaxRedirects(count: number): number {
  if (!(Number.isInteger(count) && count >= 0)) {
    throw new RangeError(`maxRedirects must be a whole number of 0 or more (0 follows none), got ${count}`);
  }
  return count;
}

/** Returns a request's `redirect` option when it is one, else throws saying what it may be. */
export function checkRedirectMode(mode: unknown): 'follow' | 'manual' {
  if (mode !== 'follow' && mode !== 'manual') throw new Error(`redirect must be 'follow' or 'manual', got ${JSON.stringify(mode)}`);
  return mode;
}

/**
 * True for the statuses that send the client on to their `location` (RFC 9110 §15.4): 301, 302,
 * 303, 307 and 308; not 300 (a choice), 304 (not modified), 305 and 306 (obsolete). The range
 * check first, so a 2xx costs one comparison.
 */
export function isRedirect(status: number): boolean {
  return status >= 301 && status <= 308 && (status <= 303 || status >= 307);
}

/** The next request of a redirect: where, with which method, and whether the body goes too. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  /** False when the method became GET: the body and its headers are dropped. */
  readonly keepBody: boolean;
}

/**
 * Where a redirect response sends the client, or undefined when it sends it nowhere a load test
 * can go: no `location`, one that is not a URL, or one that is not http(s) (`mailto:`, `ftp:`…).
 * The location is resolved against the URL that answered, so relative ones work. Methods
 * change as browsers and k6 change them: 303 makes any method but HEAD a GET, 301 and 302 make
 * a POST a GET (RFC 9110 §15.4.2-4 allow it and every browser does it); 307 and 308 keep both
 * method and body.
 */
export function nextHop(status: number, location: Headers[string], method: string, from: string): Hop | undefined {
  const target = Array.isArray(location) ? location[0] : location;
  if (target === undefined || target.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(target, from);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  // A fragment is the browser's business: it is never sent.
  url.hash = '';
  const toGet = (status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST');
  return toGet ? { url, method: 'GET', keepBody: false } : { url, method, keepBody: true };
}

/** Headers that describe a body, dropped with it (the Fetch standard's request-body-header names). */
const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'content-language', 'content-location'];
/** Credentials a user added by hand for one origin: never sent to another (the jar's cookies follow their own rules). */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The headers of the next hop, from those of the one before (without the jar's cookies, which are
 * added per hop): body headers dropped with the body, credentials dropped on a change of origin
 * (scheme, host or port), and once dropped they stay dropped, as in browsers. The same object
 * when nothing changes.
 */
export function hopHeaders(headers: OutgoingHeaders, keepBody: boolean, sameOrigin: boolean): OutgoingHeaders {
  const drop = [...(keepBody ? [] : BODY_HEADERS), ...(sameOrigin ? [] : CREDENTIAL_HEADERS)].filter((name) => headers[name] !== undefined);
  if (drop.length === 0) return headers;
  const out: OutgoingHeaders = { ...headers };
  for (const name of drop) delete out[name];
  return out;
}
