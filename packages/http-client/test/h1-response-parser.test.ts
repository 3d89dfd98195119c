import { H1HeadersTooLargeError, H1ProtocolError } from '../src/h1/errors.js';
import { H1Response } from '../src/h1/h1-response.js';
import { MAX_HEADER_BYTES } from '../src/header-limit.js';
import { COMPLETE, FAILED, MAX_HEAD_BLOCK_BYTES, NEED_MORE, ResponseParser, type ParseResult } from '../src/h1/response-parser.js';

/** What feeding a response to the parser gave. */
interface Outcome {
  result: ParseResult;
  /** How many pieces were fed before the parser stopped asking for more. */
  fed: number;
  /** Bytes of the last piece fed that were left after the response. */
  left: number;
  parser: ResponseParser;
}

function feed(pieces: Buffer[], noBody = false, parser = new ResponseParser()): Outcome {
  parser.reset(noBody);
  let result: ParseResult = NEED_MORE;
  let fed = 0;
  let left = 0;
  for (const piece of pieces) {
    fed++;
    result = parser.execute(piece);
    if (result !== NEED_MORE) {
      left = result === COMPLETE ? piece.length - parser.end : 0;
      break;
    }
  }
  return { result, fed, left, parser };
}

function response(parser: ResponseParser): H1Response {
  return new H1Response(parser, 'http://h', '/p', 'GET', 1);
}

/** `bytes` cut at `at`: the two pieces of every split position. */
function splitAt(bytes: Buffer, at: number): Buffer[] {
  return [bytes.subarray(0, at), bytes.subarray(at)];
}

/** Every way to cut `bytes` in two, then one byte at a time, then a few three-way cuts. */
function splits(bytes: Buffer): Buffer[][] {
  const all: Buffer[][] = [[bytes]];
  for (let at = 1; at < bytes.length; at++) all.push(splitAt(bytes, at));
  all.push(Array.from(bytes, (_b, i) => bytes.subarray(i, i + 1)));
  for (let a = 1; a < bytes.length; a += 7) {
    for (let b = a + 1; b < bytes.length; b += 5) all.push([bytes.subarray(0, a), bytes.subarray(a, b), bytes.subarray(b)]);
  }
  return all;
}

const CONTENT_LENGTH = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 11\r\nSet-Cookie: a=1\r\nset-cookie: b=2\r\nX-Pad:   spaced  \r\n\r\nhello world');
const CHUNKED = Buffer.from(
  'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n' +
    '5;name=value\r\nhello\r\n6 ; x="y"\r\n world\r\nA\r\n0123456789\r\n0;last\r\nX-Trailer: t\r\nX-Other: u\r\n\r\n',
);
const NO_CONTENT = Buffer.from('HTTP/1.1 204 No Content\r\nContent-Length: 5\r\nDate: today\r\n\r\n');
const HEAD = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1234\r\nContent-Type: text/html\r\n\r\n');
const UNTIL_CLOSE = Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end\r\n\r\nof the stream');
const INTERIM = Buffer.from('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a.css>\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');

describe('ResponseParser at every split position', () => {
  it('reads a content-length body with its headers', () => {
    for (const pieces of splits(CONTENT_LENGTH)) {
      const { result, fed, left, parser } = feed(pieces);
      expect([result, fed, left]).toEqual([COMPLETE, pieces.length, 0]);
      expect(parser.reusable).toBe(true);
      const res = response(parser);
      expect(res.status).toBe(200);
      expect(res.body).toBe('hello world');
      expect(res.headers).toEqual({ 'content-type': 'text/plain', 'content-length': '11', 'set-cookie': ['a=1', 'b=2'], 'x-pad': 'spaced' });
      expect(res.setCookie()).toEqual(['a=1', 'b=2']);
      expect(parser.head.hasSetCookie).toBe(true);
    }
  });

  it('reads a chunked body with chunk extensions and trailers', () => {
    for (const pieces of splits(CHUNKED)) {
      const { result, fed, left, parser } = feed(pieces);
      expect([result, fed, left]).toEqual([COMPLETE, pieces.length, 0]);
      expect(parser.reusable).toBe(true);
      const res = response(parser);
      expect(res.body).toBe('hello world0123456789');
      expect(res.headers['transfer-encoding']).toBe('chunked');
      expect(res.headers['x-trailer']).toBeUndefined();
    }
  });

  it('reads no body for 204, whatever content-length says', () => {
    for (const pieces of splits(NO_CONTENT)) {
      const { result, fed, left, parser } = feed(pieces);
      expect([result, fed, left]).toEqual([COMPLETE, pieces.length, 0]);
      expect(response(parser)).toMatchObject({ status: 204, body: '' });
    }
  });

  it('reads no body for HEAD', () => {
    for (const pieces of splits(HEAD)) {
      const { result, fed, left, parser } = feed(pieces, true);
      expect([result, fed, left]).toEqual([COMPLETE, pieces.length, 0]);
      expect(response(parser).body).toBe('');
      expect(response(parser).headers['content-length']).toBe('1234');
    }
  });

  it('reads a body without length until the connection closes, and does not reuse it', () => {
    for (const pieces of splits(UNTIL_CLOSE)) {
      const { result, parser } = feed(pieces);
      expect(result).toBe(NEED_MORE);
      expect(parser.finish()).toBe(COMPLETE);
      expect(parser.reusable).toBe(false);
      expect(response(parser).body).toBe('until the end\r\n\r\nof the stream');
    }
  });

  it('skips interim 1xx responses', () => {
    for (const pieces of splits(INTERIM)) {
      const { result, fed, left, parser } = feed(pieces);
      expect([result, fed, left]).toEqual([COMPLETE, pieces.length, 0]);
      expect(response(parser)).toMatchObject({ status: 200, body: 'ok' });
      expect(response(parser).headers).toEqual({ 'content-length': '2' });
    }
  });

  it('fails a header block held over 64 KiB while its end is awaited', () => {
    const big = Buffer.from(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(MAX_HEAD_BLOCK_BYTES)}\r\n\r\nok`);
    const positions = [1, 100, MAX_HEAD_BLOCK_BYTES - 10, MAX_HEAD_BLOCK_BYTES, MAX_HEAD_BLOCK_BYTES + 1, big.length - 4, big.length - 1];
    for (let at = 1; at < big.length; at += 4099) positions.push(at);
    for (const pieces of [[big], ...positions.map((at) => splitAt(big, at))]) {
      const { result, parser } = feed(pieces);
      expect(result).toBe(FAILED);
      expect(parser.error).toBeInstanceOf(H1HeadersTooLargeError);
    }
  });

  it.each([
    ['a misspelt protocol', 'HTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'],
    ['a two-digit status', 'HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n'],
    ['a four-digit status', 'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n'],
    ['HTTP/2', 'HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n'],
    ['a bare LF after the status line', 'HTTP/1.1 200 OK\nContent-Length: 0\r\n\r\n'],
    ['a header without colon', 'HTTP/1.1 200 OK\r\nContent-Length 0\r\n\r\n'],
    ['a space in a header name', 'HTTP/1.1 200 OK\r\nContent Length: 0\r\n\r\n'],
    ['a folded header line', 'HTTP/1.1 200 OK\r\nX-A: 1\r\n  2\r\nContent-Length: 0\r\n\r\n'],
    ['a bad content-length', 'HTTP/1.1 200 OK\r\nContent-Length: 12a\r\n\r\n'],
    ['conflicting content-lengths', 'HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab'],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n'],
    ['a chunk longer than its size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n'],
    ['a bare LF in a chunk extension', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;a\nb\r\nhello\r\n0\r\n\r\n'],
    ['a chunk size line without CR', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n'],
    ['a bad end of trailers', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX: 1\r\n\rx'],
    ['a switch of protocols', 'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'],
    // No CRLF CRLF will ever come: each must fail as soon as the bare LF is in, not wait.
    ['a head with bare LF line ends only', 'HTTP/1.1 200 OK\nContent-Length: 2\n\nok'],
    ['a bare LF ending a header line', 'HTTP/1.1 200 OK\r\nContent-Length: 2\n\r\nok'],
    ['a bare LF after CRLF', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\nok'],
    ['a bare LF after an interim response', 'HTTP/1.1 103 Early Hints\r\n\r\nHTTP/1.1 200 OK\nContent-Length: 2\n\nok'],
  ])('fails %s at every split position', (_what, text) => {
    for (const pieces of splits(Buffer.from(text))) {
      const { result, parser } = feed(pieces);
      expect(result).toBe(FAILED);
      expect(parser.error).toBeInstanceOf(H1ProtocolError);
    }
  });
});

/**
 * A response whose header names and values add up to `fieldBytes`, counted as undici counts
 * them: 'Content-Length' + '0' (15), 'X-Big' (5) and its value (blanks after the colon left out,
 * trailing blanks in), then `more` headers of a 1-byte name and an empty value.
 */
function headOf(fieldBytes: number, more = 0): Buffer {
  const value = 'v'.repeat(fieldBytes - 20 - more - 3) + ' \t ';
  return Buffer.from(`HTTP/1.1 200 Some Reason\r\nContent-Length: 0\r\nX-Big: \t ${value}\r\n${'a:  \r\n'.repeat(more)}\r\n`);
}

describe('ResponseParser limits', () => {
  it('accepts header names and values up to 16 KiB - 1 bytes, as undici does, and fails at 16 KiB', () => {
    expect(MAX_HEADER_BYTES).toBe(16_384);
    for (const more of [0, 1_000]) {
      const fits = headOf(MAX_HEADER_BYTES - 1, more);
      const over = headOf(MAX_HEADER_BYTES, more);
      for (const at of [1, 40, 8_000, fits.length - 3]) {
        expect(feed(splitAt(fits, at)).result).toBe(COMPLETE);
        const { result, parser } = feed(splitAt(over, at));
        expect(result).toBe(FAILED);
        expect(parser.error).toBeInstanceOf(H1HeadersTooLargeError);
        expect(parser.error!.message).toBe('response headers too large: the limit is 16384 bytes');
      }
    }
    // Each interim response has a limit of its own.
    const interim = Buffer.concat([Buffer.from('HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n'), headOf(MAX_HEADER_BYTES - 1)]);
    expect(feed([interim]).result).toBe(COMPLETE);
  });

  it('fails chunked trailers or a chunk extension over 16 KiB, counted as received', () => {
    const trailers = Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\nX-Big: ${'t'.repeat(MAX_HEADER_BYTES)}\r\n\r\n`);
    const extension = Buffer.from(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2;${'e'.repeat(MAX_HEADER_BYTES + 1)}\r\nok\r\n0\r\n\r\n`);
    for (const bytes of [trailers, extension]) {
      for (const pieces of [[bytes], splitAt(bytes, 80), splitAt(bytes, bytes.length - 5)]) {
        const { result, parser } = feed(pieces);
        expect(result).toBe(FAILED);
        expect(parser.error).toBeInstanceOf(H1HeadersTooLargeError);
      }
    }
  });
});

describe('ResponseParser framing', () => {
  it.each([
    ['HTTP/1.1 by default', 'HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', true],
    ['connection: close', 'HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n', false],
    ['close among other tokens', 'HTTP/1.1 200 OK\r\nConnection: upgrade, close\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.0 by default', 'HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', false],
    ['HTTP/1.0 with keep-alive', 'HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n', true],
    ['chunked and content-length at once', 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n', false],
  ])('reuses the connection or not: %s', (_what, text, reusable) => {
    const { result, parser } = feed([Buffer.from(text)]);
    expect(result).toBe(COMPLETE);
    expect(parser.reusable).toBe(reusable);
  });

  it('reads a body until close when the last transfer coding is not chunked', () => {
    const { result, parser } = feed([Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\nraw')]);
    expect(result).toBe(NEED_MORE);
    expect(parser.finish()).toBe(COMPLETE);
    expect(response(parser).body).toBe('raw');
  });

  it('reads no body for 304, and none for an empty content-length', () => {
    expect(feed([Buffer.from('HTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n')]).result).toBe(COMPLETE);
    const empty = feed([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n')]);
    expect([empty.result, response(empty.parser).body]).toEqual([COMPLETE, '']);
  });

  it('accepts a status line without a reason phrase', () => {
    const { result, parser } = feed([Buffer.from('HTTP/1.1 404\r\nContent-Length: 0\r\n\r\n')]);
    expect([result, parser.head.status]).toEqual([COMPLETE, 404]);
  });

  it('says where a response ended when more bytes follow it', () => {
    const { result, left } = feed([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n')]);
    expect([result, left]).toEqual([COMPLETE, 17]);
  });

  it('reports a response cut short by the end of the stream', () => {
    for (const text of ['', 'HTTP/1.1 200 OK\r\nContent-Le', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhel', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n']) {
      const { parser } = feed(text === '' ? [] : [Buffer.from(text)]);
      expect(parser.finish()).toBe(FAILED);
    }
  });

  it('keeps binary bytes and split UTF-8 intact, and is reused across responses', () => {
    const parser = new ResponseParser();
    const binary = Buffer.from(Array.from({ length: 512 }, (_v, i) => (i * 7) % 256));
    const bytes = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${binary.length}\r\n\r\n`), binary]);
    for (const pieces of splits(bytes).slice(0, 200)) {
      expect(feed(pieces, false, parser).result).toBe(COMPLETE);
      expect(response(parser).rawBody().equals(binary)).toBe(true);
    }
    const text = Buffer.from('prix: 5€ ✓ 日本');
    const utf8 = Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${text.length}\r\n\r\n`), text]);
    for (const pieces of splits(utf8)) {
      expect(feed(pieces, false, parser).result).toBe(COMPLETE);
      expect(response(parser).body).toBe('prix: 5€ ✓ 日本');
    }
  });

  it('parses headers only when asked, names lower-cased, values latin-1', () => {
    const { parser } = feed([Buffer.from('HTTP/1.1 200 OK\r\nX-Name: caf\xe9\r\nSet-Cookie: only=1\r\nContent-Length: 0\r\n\r\n', 'latin1')]);
    const res = response(parser);
    expect(res.setCookie()).toBe('only=1');
    expect(res.headers).toEqual({ 'x-name': 'café', 'set-cookie': 'only=1', 'content-length': '0' });
    expect(res.headers).toBe(res.headers);
    expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(res))).toMatchObject({ status: 200, body: '', url: 'http://h/p', headers: { 'x-name': 'café' } });
  });
});
