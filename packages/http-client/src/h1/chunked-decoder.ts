import { CR, HEX, HT, LF, SEMICOLON, SP } from './bytes.js';
import { H1HeadersTooLargeError, H1ProtocolError } from './errors.js';

/** Where the decoded body goes: a range of a received chunk, kept as it is. */
export interface BodySink {
  addBody(chunk: Buffer, start: number, end: number): void;
}

const SIZE = 0;
const EXTENSION = 1;
const SIZE_LF = 2;
const DATA = 3;
const DATA_CR = 4;
const DATA_LF = 5;
const TRAILER_START = 6;
const TRAILER_LINE = 7;
const TRAILER_LINE_LF = 8;
const TRAILER_END_LF = 9;
const DONE = 10;
const FAILED = 11;

/** Hex digits of a chunk size: 12 keep it below 2^48. */
const MAX_SIZE_DIGITS = 12;

/**
 * Decodes a `transfer-encoding: chunked` body incrementally, split anywhere: hex sizes, chunk
 * extensions (skipped), data (handed to the sink as ranges of the received chunks, not copied),
 * and the trailer section (read and dropped). CRLF is required everywhere, as llhttp requires it.
 * Extension and trailer lines count against `maxLineBytes`.
 */
export class ChunkedDecoder {
  /** What went wrong, once `failed`. */
  error: Error | undefined = undefined;
  private state = SIZE;
  /** Data bytes left in the current chunk, or the size being read. */
  private remaining = 0;
  private digits = 0;
  private lineBytes = 0;

  constructor(private readonly maxLineBytes: number) {}

  get done(): boolean {
    return this.state === DONE;
  }

  get failed(): boolean {
    return this.state === FAILED;
  }

  reset(): void {
    this.state = SIZE;
    this.remaining = 0;
    this.digits = 0;
    this.lineBytes = 0;
    this.error = undefined;
  }

  /** Decodes `chunk` from `i`; returns where it stopped: the chunk's end, or just after the body when `done`. */
  decode(chunk: Buffer, i: number, sink: BodySink): number {
    const length = chunk.length;
    while (i < length) {
      const state = this.state;
      if (state === DATA) {
        const take = Math.min(length - i, this.remaining);
        sink.addBody(chunk, i, i + take);
        i += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = DATA_CR;
      } else if (state === EXTENSION || state === TRAILER_LINE) {
        i = this.skipLine(chunk, i);
      } else if (state === DONE || state === FAILED) {
        return i;
      } else {
        i = this.framing(chunk[i]!) ? i + 1 : length;
      }
    }
    return i;
  }

  /** One byte of a size line, a CRLF or a trailer's start; false when it is wrong. */
  private framing(b: number): boolean {
    switch (this.state) {
      case SIZE: {
        const v = HEX[b]!;
        if (v >= 0) {
          if (++this.digits > MAX_SIZE_DIGITS) return this.fail('chunk size too large');
          this.remaining = this.remaining * 16 + v;
        } else if (this.digits === 0) {
          return this.fail('bad chunk size');
        } else if (b === CR) {
          this.state = SIZE_LF;
        } else if (b === SEMICOLON || b === SP || b === HT) {
          this.state = EXTENSION;
          this.lineBytes = 0;
        } else {
          return this.fail('bad chunk size');
        }
        return true;
      }
      case SIZE_LF:
        if (b !== LF) return this.fail('bad chunk size line');
        this.state = this.remaining === 0 ? TRAILER_START : DATA;
        this.lineBytes = 0;
        return true;
      case DATA_CR:
        if (b !== CR) return this.fail('chunk longer than its size');
        this.state = DATA_LF;
        return true;
      case DATA_LF:
        if (b !== LF) return this.fail('chunk longer than its size');
        this.state = SIZE;
        this.digits = 0;
        return true;
      case TRAILER_START:
        if (b === LF) return this.fail('bare LF in trailers');
        this.state = b === CR ? TRAILER_END_LF : TRAILER_LINE;
        this.lineBytes += 1;
        return true;
      case TRAILER_LINE_LF:
        if (b !== LF) return this.fail('bad trailer line');
        this.state = TRAILER_START;
        return true;
      default: // TRAILER_END_LF
        if (b !== LF) return this.fail('bad end of trailers');
        this.state = DONE;
        return true;
    }
  }

  /** Skips an extension or trailer line up to its CR; returns the offset after what was read. */
  private skipLine(chunk: Buffer, i: number): number {
    const cr = chunk.indexOf(CR, i);
    const stop = cr === -1 ? chunk.length : cr;
    const lf = chunk.indexOf(LF, i);
    if (lf !== -1 && lf < stop) return this.failAndStop(chunk, 'bare LF in a chunk line');
    this.lineBytes += stop - i;
    if (this.lineBytes > this.maxLineBytes) {
      this.state = FAILED;
      this.error = new H1HeadersTooLargeError(this.maxLineBytes);
      return chunk.length;
    }
    if (cr === -1) return stop;
    this.state = this.state === EXTENSION ? SIZE_LF : TRAILER_LINE_LF;
    return cr + 1;
  }

  private fail(problem: string): false {
    this.state = FAILED;
    this.error = new H1ProtocolError(problem);
    return false;
  }

  private failAndStop(chunk: Buffer, problem: string): number {
    this.fail(problem);
    return chunk.length;
  }
}
