import { H1Response } from '../src/h1/h1-response.js';
import { COMPLETE, FAILED, NEED_MORE, ResponseParser, type ParseResult } from '../src/h1/response-parser.js';
import { BodyDiscardedError, ResponseTooLargeError } from '../src/response-limits.js';

/** Feeds `bytes` cut into pieces of `size` bytes; returns the first result that is not NEED_MORE. */
function feed(parser: ResponseParser, bytes: Buffer, size: number): ParseResult {
  for (let at = 0; at < bytes.length; at += size) {
    const result = parser.execute(bytes.subarray(at, at + size));
    if (result !== NEED_MORE) return result;
  }
  return NEED_MORE;
}

const body = 'x'.repeat(1000);
const CHUNKED = Buffer.from(`HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n1f4\r\n${body.slice(0, 500)}\r\n1f4\r\n${body.slice(500)}\r\n0\r\n\r\n`, 'latin1');
const LENGTH = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: 1000\r\n\r\n${body}`, 'latin1');
const UNTIL_CLOSE = Buffer.from(`HTTP/1.1 200 OK\r\n\r\n${body}`, 'latin1');
/** Piece sizes: one byte at a time, odd sizes that split framing, and all at once. */
const SIZES = [1, 7, 64, 499, 501, 100_000];

describe('the HTTP/1.1 parser with discarded bodies and a body limit', () => {
  it.each(SIZES)('discards a chunked or content-length body, however it is split (pieces of %i)', (size) => {
    for (const bytes of [CHUNKED, LENGTH]) {
      const parser = new ResponseParser();
      parser.reset(false, true, 10);
      // The limit does not apply to a discarded body.
      expect(feed(parser, bytes, size)).toBe(COMPLETE);
      expect(parser.body).toBeUndefined();
      expect(parser.bodyParts).toBeUndefined();
      const res = new H1Response(parser, 'http://h', '/p', 'GET', 1);
      expect(res.bodyDiscarded).toBe(true);
      expect(() => res.body).toThrow(BodyDiscardedError);
    }
  });

  it.each(SIZES)('keeps a body of exactly the limit, however it is split (pieces of %i)', (size) => {
    for (const bytes of [CHUNKED, LENGTH]) {
      const parser = new ResponseParser();
      parser.reset(false, false, 1000);
      expect(feed(parser, bytes, size)).toBe(COMPLETE);
      expect(new H1Response(parser, 'http://h', '/p', 'GET', 1).body).toBe(body);
    }
  });

  it.each(SIZES)('fails a chunked or close-delimited body one byte above the limit (pieces of %i)', (size) => {
    for (const bytes of [CHUNKED, UNTIL_CLOSE]) {
      const parser = new ResponseParser();
      parser.reset(false, false, 999);
      expect(feed(parser, bytes, size)).toBe(FAILED);
      expect(parser.error).toBeInstanceOf(ResponseTooLargeError);
      expect((parser.error as ResponseTooLargeError).code).toBe('GO_HEAVY_RESPONSE_TOO_LARGE');
    }
  });

  it('fails at the head when content-length is above the limit, before any body byte', () => {
    const parser = new ResponseParser();
    parser.reset(false, false, 999);
    const head = LENGTH.subarray(0, LENGTH.indexOf('\r\n\r\n') + 4);
    expect(parser.execute(head)).toBe(FAILED);
    expect(parser.error).toBeInstanceOf(ResponseTooLargeError);
  });

  it('forgets the mode at the next reset: the connection keeps the next body', () => {
    const parser = new ResponseParser();
    parser.reset(false, true, 10);
    expect(feed(parser, LENGTH, 64)).toBe(COMPLETE);
    parser.reset(false);
    expect(feed(parser, LENGTH, 64)).toBe(COMPLETE);
    expect(new H1Response(parser, 'http://h', '/p', 'GET', 1).body).toBe(body);
  });
});
