import { COLON, CR, HT, LF, SP, TOKEN, equalsLower, hasToken, lastTokenIs } from './bytes.js';

const CONTENT_LENGTH = Buffer.from('content-length', 'latin1');
const TRANSFER_ENCODING = Buffer.from('transfer-encoding', 'latin1');
const CONNECTION = Buffer.from('connection', 'latin1');
const SET_COOKIE = Buffer.from('set-cookie', 'latin1');
const CLOSE = Buffer.from('close', 'latin1');
const KEEP_ALIVE = Buffer.from('keep-alive', 'latin1');
const CHUNKED = Buffer.from('chunked', 'latin1');
const HTTP_1 = Buffer.from('HTTP/1.', 'latin1');

/** Longest content-length accepted: 15 digits stay exact in a double. */
const MAX_LENGTH_DIGITS = 15;

/**
 * What the framing of a response depends on, read from its header block in one pass. The other
 * headers are left in the raw block (`headerStart`..`headerEnd`) for `raw-headers.ts` to parse
 * only when someone asks. Reused for every response of a connection.
 */
export class ResponseHead {
  status = 0;
  /** 1 for HTTP/1.1, 0 for HTTP/1.0. */
  minor = 1;
  /** -1 when absent. */
  contentLength = -1;
  hasTransferEncoding = false;
  /** The last transfer coding is `chunked`. */
  chunked = false;
  /** `connection: close` was sent. */
  close = false;
  /** `connection: keep-alive` was sent (matters for HTTP/1.0). */
  keepAlive = false;
  hasSetCookie = false;
  /**
   * Bytes of header names and values, counted as undici counts them for its limit: each name,
   * each value from its first non-blank byte to its CR (trailing blanks included).
   */
  fieldBytes = 0;
  /** Where the header lines start: just after the status line. */
  headerStart = 0;
  /** Where they end: before the block's final CRLF (each line keeps its own CRLF). */
  headerEnd = 0;

  reset(): void {
    this.status = 0;
    this.minor = 1;
    this.contentLength = -1;
    this.hasTransferEncoding = false;
    this.chunked = false;
    this.close = false;
    this.keepAlive = false;
    this.hasSetCookie = false;
    this.fieldBytes = 0;
  }
}

/** `parseHead` ran out of bytes before the end of the block: more must be read. */
export const INCOMPLETE = -1;

/**
 * Reads the status line and the framing headers of the header block that starts at
 * `buf[start]`, and finds where the block ends (after its empty line), in one pass. Returns that
 * offset, or what is wrong with the block. `complete`: the caller knows the block ends at
 * `limit`; otherwise the bytes may stop short of its end, and then the answer is
 * {@link INCOMPLETE} (a problem seen before that point is still reported at once).
 */
export function parseHead(buf: Buffer, start: number, limit: number, out: ResponseHead, complete: boolean): number | string {
  out.reset();
  // "HTTP/1.x 200 reason\r\n": the reason phrase may be empty or absent.
  if (limit - start < 16) return complete ? 'bad status line' : INCOMPLETE;
  if (!equalsPrefix(buf, start, HTTP_1)) return 'bad status line';
  const minor = buf[start + 7]! - 0x30;
  if ((minor !== 0 && minor !== 1) || buf[start + 8] !== SP) return 'bad status line';
  const d1 = buf[start + 9]! - 0x30;
  const d2 = buf[start + 10]! - 0x30;
  const d3 = buf[start + 11]! - 0x30;
  if (!(d1 >= 1 && d1 <= 9 && d2 >= 0 && d2 <= 9 && d3 >= 0 && d3 <= 9)) return 'bad status code';
  let p = start + 12;
  if (buf[p] === SP) {
    while (p < limit && buf[p] !== CR && buf[p] !== LF) p++;
  }
  if (p + 1 >= limit && !complete) return INCOMPLETE;
  if (buf[p] !== CR || buf[p + 1] !== LF) return 'bad status line';
  out.status = d1 * 100 + d2 * 10 + d3;
  out.minor = minor;
  p += 2;
  out.headerStart = p;
  for (;;) {
    if (p + 1 >= limit) return complete ? 'bad header name' : INCOMPLETE;
    // The empty line: the end of the block.
    if (buf[p] === CR && buf[p + 1] === LF) break;
    const nameStart = p;
    while (TOKEN[buf[p]!] === 1) p++;
    if (p >= limit && !complete) return INCOMPLETE;
    if (buf[p] !== COLON || p === nameStart) return 'bad header name';
    const nameEnd = p;
    p++;
    while (buf[p] === SP || buf[p] === HT) p++;
    const valueStart = p;
    // Most bytes are above CR (13): one comparison each.
    let c = buf[p]!;
    while (c > CR || (c !== CR && c !== LF && c !== 0 && p < limit)) c = buf[++p]!;
    if (p + 1 >= limit && !complete) return INCOMPLETE;
    if (buf[p] !== CR || buf[p + 1] !== LF) return 'bad header value';
    out.fieldBytes += nameEnd - nameStart + p - valueStart;
    let valueEnd = p;
    while (valueEnd > valueStart && (buf[valueEnd - 1] === SP || buf[valueEnd - 1] === HT)) valueEnd--;
    p += 2;
    const problem = framingHeader(buf, nameStart, nameEnd, valueStart, valueEnd, out);
    if (problem !== undefined) return problem;
  }
  out.headerEnd = p;
  return p + 2;
}

function framingHeader(buf: Buffer, name: number, nameEnd: number, value: number, valueEnd: number, out: ResponseHead): string | undefined {
  const length = nameEnd - name;
  if (length === 14 && equalsLower(buf, name, nameEnd, CONTENT_LENGTH)) {
    if (valueEnd === value || valueEnd - value > MAX_LENGTH_DIGITS) return 'bad content-length';
    let n = 0;
    for (let i = value; i < valueEnd; i++) {
      const d = buf[i]! - 0x30;
      if (d < 0 || d > 9) return 'bad content-length';
      n = n * 10 + d;
    }
    if (out.contentLength !== -1 && out.contentLength !== n) return 'conflicting content-length';
    out.contentLength = n;
  } else if (length === 17 && equalsLower(buf, name, nameEnd, TRANSFER_ENCODING)) {
    out.hasTransferEncoding = true;
    // Only the last header counts: `chunked` must be the final coding.
    out.chunked = lastTokenIs(buf, value, valueEnd, CHUNKED);
  } else if (length === 10) {
    if (equalsLower(buf, name, nameEnd, CONNECTION)) {
      if (hasToken(buf, value, valueEnd, CLOSE)) out.close = true;
      if (hasToken(buf, value, valueEnd, KEEP_ALIVE)) out.keepAlive = true;
    } else if (equalsLower(buf, name, nameEnd, SET_COOKIE)) {
      out.hasSetCookie = true;
    }
  }
  return undefined;
}

function equalsPrefix(buf: Buffer, start: number, prefix: Buffer): boolean {
  for (let i = 0; i < prefix.length; i++) if (buf[start + i] !== prefix[i]) return false;
  return true;
}
