import type { CookieJar } from '@go-heavy/core';

interface Cookie {
  name: string;
  value: string;
  /** Host the cookie belongs to; with `domainMatch`, its subdomains too. */
  host: string;
  domainMatch: boolean;
  path: string;
  secure: boolean;
  /** `Date.now()` after which it is gone; Infinity for a session cookie. */
  expires: number;
}

/**
 * The cookies of one user identity, as a browser keeps them for the sites a workflow visits:
 * `set-cookie` stored per host and path, honouring Domain, Path, Secure, Max-Age and Expires
 * (RFC 6265, without the public-suffix list). Requests to a matching origin and path send them.
 * Empty jars cost a length check per request.
 */
export class MemoryCookieJar implements CookieJar {
  private cookies: Cookie[] = [];

  header(origin: string, path: string): string | undefined {
    if (this.cookies.length === 0) return undefined;
    const url = splitOrigin(origin);
    const now = Date.now();
    let header: string | undefined;
    for (const c of this.cookies) {
      if (c.expires <= now || (c.secure && !url.secure)) continue;
      if (!(url.host === c.host || (c.domainMatch && url.host.endsWith(`.${c.host}`)))) continue;
      if (!pathMatches(path, c.path)) continue;
      header = header === undefined ? `${c.name}=${c.value}` : `${header}; ${c.name}=${c.value}`;
    }
    return header;
  }

  store(origin: string, path: string, setCookie: string | string[]): void {
    const url = splitOrigin(origin);
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const cookie = parseSetCookie(line, url.host, defaultPath(path));
      if (cookie === undefined) continue;
      this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.host === cookie.host && c.path === cookie.path));
      if (cookie.expires > Date.now()) this.cookies.push(cookie);
    }
  }

  clear(): void {
    if (this.cookies.length > 0) this.cookies = [];
  }
}

function splitOrigin(origin: string): { host: string; secure: boolean } {
  const secure = origin.startsWith('https:');
  const rest = origin.slice(secure ? 8 : 7);
  const colon = rest.lastIndexOf(':');
  return { host: (colon > rest.lastIndexOf(']') ? rest.slice(0, colon) : rest).toLowerCase(), secure };
}

/** The directory of the request path, the default cookie path (RFC 6265 5.1.4). */
function defaultPath(requestPath: string): string {
  const path = requestPath.split('?', 1)[0]!;
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  const path = requestPath.split('?', 1)[0]!;
  if (path === cookiePath) return true;
  if (!path.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || path[cookiePath.length] === '/';
}

function parseSetCookie(line: string, host: string, path: string): Cookie | undefined {
  const parts = line.split(';');
  const pair = parts[0]!;
  const eq = pair.indexOf('=');
  if (eq <= 0) return undefined;
  const cookie: Cookie = { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), host, domainMatch: false, path, secure: false, expires: Infinity };
  let maxAge: number | undefined;
  for (let i = 1; i < parts.length; i++) {
    const attr = parts[i]!;
    const at = attr.indexOf('=');
    const key = (at < 0 ? attr : attr.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? '' : attr.slice(at + 1).trim();
    if (key === 'path' && value.startsWith('/')) cookie.path = value;
    else if (key === 'secure') cookie.secure = true;
    else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
    else if (key === 'expires') {
      const when = Date.parse(value);
      if (!Number.isNaN(when)) cookie.expires = when;
    } else if (key === 'domain' && value !== '') {
      const domain = value.replace(/^\./, '').toLowerCase();
      // A site may only set cookies for itself or a parent domain of itself.
      if (host !== domain && !host.endsWith(`.${domain}`)) return undefined;
      cookie.host = domain;
      cookie.domainMatch = true;
    }
  }
  // Max-Age wins over Expires (RFC 6265 5.3 step 3).
  if (maxAge !== undefined) cookie.expires = maxAge <= 0 ? 0 : Date.now() + maxAge * 1000;
  return cookie;
}
