import type { Headers, HttpResponse } from '@go-heavy/core';
import { decodeUtf8 } from '../decode-text.js';
import { BodyDiscardedError } from '../response-limits.js';
import { UNPARSED, notJsonError, responseFields } from '../response.js';
import { parseHeaders, readHeader } from './raw-headers.js';
import type { ResponseParser } from './response-parser.js';

const EMPTY = Buffer.alloc(0);
const SET_COOKIE = Buffer.from('set-cookie', 'latin1');

/**
 * A response of the HTTP/1.1 transport, read to the end but decoded only on demand: `headers`
 * is parsed from the raw header block on first access, `body` decoded as UTF-8 from the
 * received bytes on first access (joined first, so a character split across packets stays
 * whole), `json()` parsed on first call. A workflow that only looks at `status` pays for none.
 * A discarded body (`discardBody`) makes `body` and `json()` throw `BodyDiscardedError`.
 */
export class H1Response implements HttpResponse {
  readonly status: number;
  /** True when the body was read off the socket but not kept. */
  readonly bodyDiscarded: boolean;
  /** Set by the client on the response that ended a chain of redirects. */
  redirects = 0;
  private readonly headBuffer: Buffer;
  private readonly headerStart: number;
  private readonly headerEnd: number;
  private readonly bytes: Buffer | undefined;
  private readonly bytesStart: number;
  private readonly bytesEnd: number;
  private readonly parts: Buffer[] | undefined;
  private parsedHeaders: Headers | undefined = undefined;
  private text: string | undefined = undefined;
  private parsed: unknown = UNPARSED;

  /** Takes the finished response out of `parser` (which may then be reset for the next one). */
  constructor(
    parser: ResponseParser,
    private readonly origin: string,
    private readonly path: string,
    private readonly method: string,
    readonly latencyMs: number,
  ) {
    const head = parser.head;
    this.status = head.status;
    this.bodyDiscarded = parser.discard;
    this.headBuffer = parser.headBuffer;
    this.headerStart = head.headerStart;
    this.headerEnd = head.headerEnd;
    this.bytes = parser.body;
    this.bytesStart = parser.bodyStart;
    this.bytesEnd = parser.bodyEnd;
    this.parts = parser.bodyParts;
  }

  /** Response headers, lower-case names; a repeated header (set-cookie) is an array. */
  get headers(): Headers {
    return (this.parsedHeaders ??= parseHeaders(this.headBuffer, this.headerStart, this.headerEnd));
  }

  /** The body as UTF-8 text (a leading BOM dropped); throws `BodyDiscardedError` when it was discarded. */
  get body(): string {
    if (this.text === undefined) {
      if (this.bodyDiscarded) throw new BodyDiscardedError(this.method, this.url);
      if (this.bytes !== undefined) {
        this.text = decodeUtf8(this.bytes, this.bytesStart, this.bytesEnd);
      } else if (this.parts !== undefined) {
        const all = Buffer.concat(this.parts);
        this.text = decodeUtf8(all, 0, all.length);
      } else {
        this.text = '';
      }
    }
    return this.text;
  }

  /** The absolute URL this response answered (the last hop's, after redirects). */
  get url(): string {
    return this.origin + this.path;
  }

  json<T = unknown>(): T {
    if (this.parsed === UNPARSED) {
      try {
        this.parsed = JSON.parse(this.body);
      } catch (err) {
        throw notJsonError(this, this.method, err);
      }
    }
    return this.parsed as T;
  }

  /** The `set-cookie` header alone, read without parsing the other headers (for the cookie jar). */
  setCookie(): string | string[] | undefined {
    if (this.parsedHeaders !== undefined) return this.parsedHeaders['set-cookie'];
    return readHeader(this.headBuffer, this.headerStart, this.headerEnd, SET_COOKIE);
  }

  /** The raw body bytes, for tests and diagnostics (a copy when the body spans chunks). */
  rawBody(): Buffer {
    if (this.bytes !== undefined) return this.bytes.subarray(this.bytesStart, this.bytesEnd);
    return this.parts === undefined ? EMPTY : Buffer.concat(this.parts);
  }

  /** What `JSON.stringify` and `console.log` show: the fields of `HttpResponse`. */
  toJSON(): object {
    return responseFields(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }
}
