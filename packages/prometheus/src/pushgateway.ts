/**
 * The Pushgateway's push API (https://github.com/prometheus/pushgateway#api): one PUT per push to
 * `/metrics/job/<job>/<label>/<value>…`, which replaces every metric of that group.
 */

/** Turns `host:port`, `http(s)://host:port[/prefix]` or a URL into the gateway's base URL. */
export function pushgatewayUrl(address: string | URL): URL {
  if (address instanceof URL) return new URL(address.href);
  const text = address.trim();
  if (text === '') throw new TypeError('prometheus: the pushgateway address is empty; expected host:port or a URL');
  const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError(`prometheus: the pushgateway URL must be http or https, got ${url.protocol}`);
  return url;
}

/**
 * The URL of a group: `<base>/metrics/job/<job>/<name>/<value>…` in the order given. A value
 * that is empty or holds anything beyond `[A-Za-z0-9_.:~-]` (a `/`, a space) is sent base64url
 * encoded (`<name>@base64/<value>`), as the Pushgateway asks.
 */
export function groupUrl(base: URL, grouping: ReadonlyArray<readonly [name: string, value: string]>): URL {
  const prefix = base.pathname.replace(/\/+$/, '');
  const segments = grouping.map(([name, value]) => `/${encodeSegment(name, value)}`).join('');
  const url = new URL(base.href);
  url.pathname = `${prefix}/metrics${segments}`;
  url.search = '';
  url.hash = '';
  return url;
}

function encodeSegment(name: string, value: string): string {
  if (/^[\w.:~-]+$/.test(value) && value !== '.' && value !== '..') return `${name}/${value}`;
  if (value === '') return `${name}@base64/=`;
  return `${name}@base64/${Buffer.from(value, 'utf8').toString('base64url')}`;
}

/**
 * PUTs `body` to `url`; resolves on a 2xx answer, rejects with a one-line reason otherwise.
 * Credentials in the URL (`http://user:pass@host`) are sent as HTTP basic authentication.
 */
export async function putMetrics(url: URL, body: string, contentType: string, timeoutMs: number): Promise<void> {
  const headers: Record<string, string> = { 'content-type': contentType };
  let target = url;
  if (url.username !== '' || url.password !== '') {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    headers.authorization = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
    target = new URL(url.href);
    target.username = '';
    target.password = '';
  }
  let response: Response;
  try {
    response = await fetch(target, { method: 'PUT', headers, body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new Error(describeFetchError(error, timeoutMs));
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`HTTP ${response.status}${text ? `: ${firstLine(text)}` : ''}`);
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/** `ECONNREFUSED`, `no answer within 5000 ms`, …: read by shape, as errors may come from another realm. */
function describeFetchError(error: unknown, timeoutMs: number): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (typeof e.cause === 'object' && e.cause !== null ? e.cause : {}) as ErrorLike;
  if (typeof cause.code === 'string') return cause.code;
  if (typeof cause.message === 'string' && cause.message !== '') return firstLine(cause.message);
  return typeof e.message === 'string' ? firstLine(e.message) : String(error);
}

function firstLine(text: string): string {
  const line = text.trim().split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
