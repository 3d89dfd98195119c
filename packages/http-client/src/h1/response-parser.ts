import { MAX_HEADER_BYTES } from '../header-limit.js';
import { CR, LF } from './bytes.js';
import { ChunkedDecoder, type BodySink } from './chunked-decoder.js';
import { ResponseTooLargeError } from '../response-limits.js';
import { H1HeadersTooLargeError, H1ProtocolError } from './errors.js';
import { INCOMPLETE, ResponseHead, parseHead } from './response-head.js';

/**
 * Largest header block held while its end is awaited, as received (status line, separators and
 * blanks included): a bound on memory, four times `MAX_HEADER_BYTES`, which names and values
 * reach first unless the block is padded with blanks or empty headers. The limit that decides,
 * as undici's does, is `MAX_HEADER_BYTES` on names and values (`header-limit.ts`).
 */
export const MAX_HEAD_BLOCK_BYTES = 4 * MAX_HEADER_BYTES;

/** `execute`: the response is not complete yet, feed the next chunk. */
export const NEED_MORE = 0;
/** `execute` / `finish`: the response is complete (`end` says where it ended in the chunk). */
export const COMPLETE = 1;
/** `execute` / `finish`: the response is malformed or cut short; see `error` (unset when cut short). */
export const FAILED = 2;
/** What `execute` and `finish` return. */
export type ParseResult = typeof NEED_MORE | typeof COMPLETE | typeof FAILED;

const HEAD = 0;
const BODY_LENGTH = 1;
const BODY_UNTIL_CLOSE = 2;
const CHUNKED = 3;
const DONE = 4;
const ERROR = 5;

/**
 * An incremental HTTP/1.1 response parser over Buffers, fed the socket's chunks as they come
 * (split anywhere). It frames the response (content-length, chunked with extensions and
 * trailers, or until the connection closes; none for HEAD, 1xx, 204 and 304), skips interim 1xx
 * responses, and keeps the bytes where they arrived: the header block and the body are
 * references into the received chunks, copied only when a response spans several of them.
 * A discarded body is counted and not kept at all; a kept one larger than `maxBodyBytes` fails
 * (at the head when its content-length says so) with `ResponseTooLargeError`.
 * One parser per connection, `reset()` before each request.
 */
export class ResponseParser implements BodySink {
  readonly head = new ResponseHead();
  /** The buffer holding the header block; the lines are at `head.headerStart..headerEnd`. */
  headBuffer: Buffer = Buffer.alloc(0);
  /** The body when it lies in one received chunk: `body[bodyStart, bodyEnd)`. */
  body: Buffer | undefined = undefined;
  bodyStart = 0;
  bodyEnd = 0;
  /** The body's pieces when it spans several chunks (then `body` is undefined). */
  bodyParts: Buffer[] | undefined = undefined;
  /** True when the connection can carry another request after this response. */
  reusable = true;
  /** Offset in the last chunk just after the response's last byte. */
  end = 0;
  /** What went wrong, after `FAILED`. */
  error: Error | undefined = undefined;
  /** The body is read to its end but not kept (`body` and `bodyParts` stay undefined). */
  discard = false;

  private state = HEAD;
  // Trailer sections and chunk extensions are counted as received, against the same limit.
  private readonly chunked = new ChunkedDecoder(MAX_HEADER_BYTES);
  private noBody = false;
  private headParts: Buffer[] | undefined = undefined;
  private headLength = 0;
  /** How much of `\r\n\r\n` the bytes seen so far end with (0 to 3). */
  private matched = 0;
  /** Body bytes still expected of the content-length. */
  private remaining = 0;
  /** Body bytes received so far. */
  private bodyLength = 0;
  private maxBodyBytes = Infinity;

  /**
   * Prepares for the response to a new request: `noBody` for HEAD, `discard` to drop the body's
   * bytes as they come, `maxBodyBytes` the most a kept body may have.
   */
  reset(noBody: boolean, discard = false, maxBodyBytes = Infinity): void {
    this.noBody = noBody;
    this.discard = discard;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyLength = 0;
    this.state = HEAD;
    this.body = undefined;
    this.bodyParts = undefined;
    this.reusable = true;
    this.error = undefined;
    this.resetHead();
  }

  /** Parses `chunk`; on `COMPLETE`, `end` says where the response ended in it. */
  execute(chunk: Buffer): ParseResult {
    const length = chunk.length;
    let i = 0;
    for (;;) {
      switch (this.state) {
        case HEAD: {
          i = this.readHead(chunk, i);
          // (a method call: TypeScript would take `this.state` for still HEAD here)
          if (i < 0) return this.result();
          break;
        }
        case BODY_LENGTH: {
          const available = length - i;
          if (available < this.remaining) {
            this.addBody(chunk, i, length);
            this.remaining -= available;
            return NEED_MORE;
          }
          this.addBody(chunk, i, i + this.remaining);
          i += this.remaining;
          this.state = DONE;
          break;
        }
        case CHUNKED: {
          i = this.chunked.decode(chunk, i, this);
          // The sink failed (a body past its limit): `result()` rather than `this.state`, as above.
          if (this.result() === FAILED) return FAILED;
          if (this.chunked.failed) return this.failed(this.chunked.error!);
          if (this.chunked.done) this.state = DONE;
          break;
        }
        case BODY_UNTIL_CLOSE:
          this.addBody(chunk, i, length);
          return this.result();
        case DONE:
          this.end = i;
          return COMPLETE;
        case ERROR:
          return FAILED;
      }
      if (i >= length && this.state !== DONE) return this.result();
    }
  }

  /** The connection ended: completes a close-delimited body, else the response is cut short. */
  finish(): ParseResult {
    if (this.state === BODY_UNTIL_CLOSE) {
      this.state = DONE;
      return COMPLETE;
    }
    return this.state === DONE ? COMPLETE : FAILED;
  }

  private result(): ParseResult {
    return this.state === ERROR ? FAILED : NEED_MORE;
  }

  private resetHead(): void {
    this.headParts = undefined;
    this.headLength = 0;
    this.matched = 0;
  }

  /** Looks for the end of the header block; returns the offset after it, or -1. */
  private readHead(chunk: Buffer, from: number): number {
    if (this.headParts === undefined) {
      // Most heads arrive whole in one read: parsed and delimited in one pass.
      const end = parseHead(chunk, from, chunk.length, this.head, false);
      if (typeof end === 'string') return this.fail(new H1ProtocolError(end));
      if (end !== INCOMPLETE) return this.headRead(chunk, end - from, end);
    }
    const length = chunk.length;
    let i = from;
    let m = this.matched;
    let end = -1;
    while (i < length) {
      if (m === 0) {
        const at = indexOfHeadEnd(chunk, i, length);
        if (at !== -1) {
          end = at + 4;
          break;
        }
        for (let k = Math.max(i, length - 3); k < length; k++) m = step(m, chunk[k]!);
        i = length;
        break;
      }
      m = step(m, chunk[i++]!);
      if (m === 4) {
        end = i;
        break;
      }
    }
    if (end === -1) {
      // A line ended by a bare LF can never lead to CRLF CRLF: fail now, not at the timeout.
      // (In a block that does end, `parseHead` finds it.)
      if (hasBareLf(chunk, from, (this.matched & 1) === 1)) return this.fail(new H1ProtocolError('bare LF in the response head'));
      this.matched = m;
      this.headLength += length - from;
      if (this.headLength > MAX_HEAD_BLOCK_BYTES) return this.fail(new H1HeadersTooLargeError(MAX_HEAD_BLOCK_BYTES, 'response header block'));
      (this.headParts ??= []).push(from === 0 ? chunk : chunk.subarray(from));
      return -1;
    }
    if (this.headLength + end - from > MAX_HEAD_BLOCK_BYTES) return this.fail(new H1HeadersTooLargeError(MAX_HEAD_BLOCK_BYTES, 'response header block'));
    let buf = chunk;
    let start = from;
    if (this.headParts !== undefined) {
      this.headParts.push(chunk.subarray(from, end));
      buf = Buffer.concat(this.headParts);
      start = 0;
    }
    const parsed = parseHead(buf, start, start + this.headLength + end - from, this.head, true);
    if (typeof parsed === 'string') return this.fail(new H1ProtocolError(parsed));
    return this.headRead(buf, this.headLength + end - from, end);
  }

  /** The head block (`size` bytes, in `buf`) was parsed: checks its size, then frames the body that follows at `end` of the chunk. */
  private headRead(buf: Buffer, size: number, end: number): number {
    if (size > MAX_HEAD_BLOCK_BYTES) return this.fail(new H1HeadersTooLargeError(MAX_HEAD_BLOCK_BYTES, 'response header block'));
    // `>=`, as undici: the same response passes or fails on both transports.
    if (this.head.fieldBytes >= MAX_HEADER_BYTES) return this.fail(new H1HeadersTooLargeError(MAX_HEADER_BYTES));
    this.headBuffer = buf;
    this.frame();
    return this.state === ERROR ? -1 : end;
  }

  /** Chooses how the body is delimited, from the status, the request method and the headers. */
  private frame(): void {
    const head = this.head;
    const status = head.status;
    this.resetHead();
    if (status < 200) {
      // 101 would switch protocols, which no request of ours asks for; other 1xx are interim.
      if (status === 101) this.fail(new H1ProtocolError('unexpected 101 Switching Protocols'));
      return;
    }
    this.reusable = head.minor === 1 ? !head.close : head.keepAlive && !head.close;
    if (this.noBody || status === 204 || status === 304) {
      this.state = DONE;
    } else if (head.hasTransferEncoding) {
      if (head.chunked) {
        this.state = CHUNKED;
        this.chunked.reset();
        // Both framings at once smell of request smuggling: read this one, then close (RFC 9112 6.1).
        if (head.contentLength !== -1) this.reusable = false;
      } else {
        this.state = BODY_UNTIL_CLOSE;
        this.reusable = false;
      }
    } else if (head.contentLength > this.maxBodyBytes && !this.discard) {
      this.fail(new ResponseTooLargeError(this.maxBodyBytes));
    } else if (head.contentLength > 0) {
      this.state = BODY_LENGTH;
      this.remaining = head.contentLength;
    } else if (head.contentLength === 0) {
      this.state = DONE;
    } else {
      this.state = BODY_UNTIL_CLOSE;
      this.reusable = false;
    }
  }

  /** @internal the body's bytes, `chunk[start, end)`, kept where they are. */
  addBody(chunk: Buffer, start: number, end: number): void {
    if (end === start || this.discard) return;
    this.bodyLength += end - start;
    if (this.bodyLength > this.maxBodyBytes) {
      // The chunked decoder goes on to the end of its chunk; the first failure is the one kept.
      if (this.state !== ERROR) this.fail(new ResponseTooLargeError(this.maxBodyBytes));
      return;
    }
    if (this.body === undefined && this.bodyParts === undefined) {
      this.body = chunk;
      this.bodyStart = start;
      this.bodyEnd = end;
      return;
    }
    if (this.body !== undefined) {
      this.bodyParts = [this.body.subarray(this.bodyStart, this.bodyEnd)];
      this.body = undefined;
    }
    this.bodyParts!.push(chunk.subarray(start, end));
  }

  private fail(error: Error): number {
    this.state = ERROR;
    this.error = error;
    return -1;
  }

  private failed(error: Error): ParseResult {
    this.fail(error);
    return FAILED;
  }
}

/** One byte of the search for `\r\n\r\n`: `m` bytes of it matched before `b`. */
function step(m: number, b: number): number {
  if (b === (m & 1 ? LF : CR)) return m + 1;
  return b === CR ? 1 : 0;
}

/** True when `chunk[from..]` holds an LF not preceded by CR; `crBefore`: the byte before `from` was CR. */
function hasBareLf(chunk: Buffer, from: number, crBefore: boolean): boolean {
  for (let at = chunk.indexOf(LF, from); at !== -1; at = chunk.indexOf(LF, at + 1)) {
    if (at === from ? !crBefore : chunk[at - 1] !== CR) return true;
  }
  return false;
}

/**
 * Where CRLF CRLF starts in `chunk[from, length)`, or -1. A loop rather than `Buffer#indexOf`:
 * heads are a few hundred bytes, and the native call's own cost was most of the search.
 */
function indexOfHeadEnd(chunk: Buffer, from: number, length: number): number {
  for (let k = from + 3; k < length; k++) {
    if (chunk[k] === LF && chunk[k - 1] === CR && chunk[k - 2] === LF && chunk[k - 3] === CR) return k - 3;
  }
  return -1;
}
