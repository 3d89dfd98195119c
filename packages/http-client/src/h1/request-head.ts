import type { DefaultHeaders, OutgoingHeaders } from '../headers.js';
import { TOKEN } from './bytes.js';

/** Heads cached per map before it is cleared: bounds memory when paths carry ids. */
export const HEAD_CACHE_SIZE = 1024;
/** Bodies up to this size are copied after the head, so head and body go out in one write. */
export const MAX_COPIED_BODY = 64 * 1024;

/** Bytes a header value may not hold: controls other than tab (CR and LF included), and non-latin-1. */
const BAD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
/** Methods whose requests carry `content-length: 0` when they have no body, as undici does. */
const EXPECTS_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Encodes requests for one origin: `METHOD path HTTP/1.1`, `host`, the headers, `content-length`
 * when there is a body (or the method expects one), the blank line, then the body when it is
 * small, all in one Buffer for one `socket.write`. The head of a request that uses only the
 * default headers and no body is cached by method and path, so a repeated GET costs a map
 * lookup and no allocation.
 *
 * A user's `host` header replaces ours, `content-length` is always computed (a user's is
 * ignored), `transfer-encoding` is refused, and any other header is sent as given. Encoding
 * throws a plain Error for what cannot be sent: a method or header name that is not a token,
 * CONNECT, a value with CR, LF or another control character, or characters beyond latin-1.
 */
export class RequestEncoder {
  /** Set by `encode`: the body to write after the returned bytes, when too large to copy. */
  largeBody: Uint8Array | undefined = undefined;
  /** Set by `encode`: the request asked the server to close (`connection: close`). */
  closeRequested = false;

  private readonly hostLine: string;
  private readonly getHeads = new Map<string, Buffer>();
  private readonly otherHeads = new Map<string, Buffer>();

  constructor(
    host: string,
    private readonly defaults: DefaultHeaders,
  ) {
    this.hostLine = `host: ${host}\r\n`;
  }

  /** The bytes of the request (its body too unless `largeBody` is set afterwards). */
  encode(method: string, path: string, headers: OutgoingHeaders, body: string | Uint8Array | undefined): Buffer {
    this.largeBody = undefined;
    this.closeRequested = false;
    if (body === undefined && headers === this.defaults.plain) return this.cachedHead(method, path);
    if (body === undefined) return Buffer.from(this.head(method, path, headers, -1), 'latin1');
    const bodyLength = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
    const head = this.head(method, path, headers, bodyLength);
    if (bodyLength > MAX_COPIED_BODY) {
      this.largeBody = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
      return Buffer.from(head, 'latin1');
    }
    const out = Buffer.allocUnsafe(head.length + bodyLength);
    out.write(head, 0, 'latin1');
    if (typeof body === 'string') out.write(body, head.length, 'utf8');
    else out.set(body, head.length);
    return out;
  }

  private cachedHead(method: string, path: string): Buffer {
    const isGet = method === 'GET';
    const cache = isGet ? this.getHeads : this.otherHeads;
    // GET is keyed by the path alone, so the hot path builds no key string.
    const key = isGet ? path : `${method} ${path}`;
    let head = cache.get(key);
    if (head === undefined) {
      head = Buffer.from(this.head(method, path, this.defaults.plain, -1), 'latin1');
      if (cache.size >= HEAD_CACHE_SIZE) cache.clear();
      cache.set(key, head);
    }
    return head;
  }

  /** The head as latin-1 text; `bodyLength` -1 when there is no body. */
  private head(method: string, path: string, headers: OutgoingHeaders, bodyLength: number): string {
    checkToken(method, 'method');
    if (method === 'CONNECT') throw new Error('CONNECT is not supported: tunnels are not requests');
    let head = `${method} ${path} HTTP/1.1\r\n`;
    if (headers.host === undefined) head += this.hostLine;
    for (const name in headers) {
      const value = headers[name]!;
      if (name === 'content-length') continue;
      if (name === 'transfer-encoding') {
        throw new Error('the transfer-encoding request header is not supported: bodies are sent with content-length');
      }
      checkToken(name, 'header name');
      if (typeof value === 'string') {
        head += headerLine(name, value);
      } else {
        for (const item of value) head += headerLine(name, item);
      }
      if (name === 'connection' && /(^|[\s,])close($|[\s,])/i.test(String(value))) this.closeRequested = true;
    }
    if (bodyLength >= 0) {
      head += `content-length: ${bodyLength}\r\n`;
    } else if (EXPECTS_BODY.has(method)) {
      head += 'content-length: 0\r\n';
    }
    return `${head}\r\n`;
  }
}

function headerLine(name: string, value: string): string {
  if (BAD_VALUE.test(value)) throw new Error(`invalid value for request header '${name}': ${JSON.stringify(value)}`);
  return `${name}: ${value}\r\n`;
}

function checkToken(text: string, what: string): void {
  let ok = text.length > 0;
  for (let i = 0; ok && i < text.length; i++) {
    const c = text.charCodeAt(i);
    ok = c < 256 && TOKEN[c] === 1;
  }
  if (!ok) throw new Error(`invalid request ${what}: ${JSON.stringify(text)}`);
}
