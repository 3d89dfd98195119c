import { errorCategory } from '../src/error-category.js';
import { H1ClientClosedError, H1DestroyedError, H1HeadersTooLargeError, H1ProtocolError, H1SocketClosedError } from '../src/h1/errors.js';
import { HEAD_CACHE_SIZE, MAX_COPIED_BODY, RequestEncoder } from '../src/h1/request-head.js';
import { defaultHeaders, requestHeaders } from '../src/headers.js';

const defaults = defaultHeaders('go-heavy/test');

function text(bytes: Buffer): string {
  return bytes.toString('latin1');
}

describe('RequestEncoder', () => {
  it('writes a GET with host and the default headers, and no content-length', () => {
    const encoder = new RequestEncoder('127.0.0.1:8080', defaults);
    expect(text(encoder.encode('GET', '/a?b=1', defaults.plain, undefined))).toBe('GET /a?b=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nuser-agent: go-heavy/test\r\n\r\n');
    expect([encoder.largeBody, encoder.closeRequested]).toEqual([undefined, false]);
  });

  it('caches the head of requests with only the default headers, per method and path', () => {
    const encoder = new RequestEncoder('h', defaults);
    const first = encoder.encode('GET', '/x', defaults.plain, undefined);
    expect(encoder.encode('GET', '/x', defaults.plain, undefined)).toBe(first);
    expect(encoder.encode('DELETE', '/x', defaults.plain, undefined)).toBe(encoder.encode('DELETE', '/x', defaults.plain, undefined));
    expect(text(encoder.encode('DELETE', '/x', defaults.plain, undefined))).toMatch(/^DELETE \/x HTTP\/1.1\r\n/);
    // Bounded: a full cache is cleared, then fills again.
    for (let i = 0; i < HEAD_CACHE_SIZE; i++) encoder.encode('GET', `/id/${i}`, defaults.plain, undefined);
    expect(encoder.encode('GET', '/x', defaults.plain, undefined)).not.toBe(first);
    expect(text(encoder.encode('GET', '/x', defaults.plain, undefined))).toBe(text(first));
  });

  it('sends content-length: 0 for a POST, PUT or PATCH without body', () => {
    const encoder = new RequestEncoder('h', defaults);
    expect(text(encoder.encode('POST', '/x', defaults.plain, undefined))).toBe('POST /x HTTP/1.1\r\nhost: h\r\nuser-agent: go-heavy/test\r\ncontent-length: 0\r\n\r\n');
  });

  it('appends a small body to the head, counting UTF-8 bytes', () => {
    const encoder = new RequestEncoder('h', defaults);
    const out = encoder.encode('POST', '/x', requestHeaders(defaults, undefined, true), '{"a":"€"}');
    expect(out.toString('utf8')).toBe('POST /x HTTP/1.1\r\nhost: h\r\nuser-agent: go-heavy/test\r\ncontent-type: application/json\r\ncontent-length: 11\r\n\r\n{"a":"€"}');
    const bytes = encoder.encode('PUT', '/y', defaults.plain, new Uint8Array([0, 1, 2, 255]));
    expect(bytes.subarray(bytes.length - 4)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(text(bytes)).toContain('content-length: 4\r\n\r\n');
  });

  it('leaves a large body to be written after the head', () => {
    const encoder = new RequestEncoder('h', defaults);
    const body = 'x'.repeat(MAX_COPIED_BODY + 1);
    const head = encoder.encode('POST', '/x', defaults.plain, body);
    expect(text(head)).toMatch(new RegExp(`content-length: ${body.length}\\r\\n\\r\\n$`));
    expect(Buffer.from(encoder.largeBody!).toString()).toBe(body);
    encoder.encode('GET', '/x', defaults.plain, undefined);
    expect(encoder.largeBody).toBeUndefined();
  });

  it("takes the user's host and headers, repeats arrays, ignores content-length and notes connection: close", () => {
    const encoder = new RequestEncoder('h', defaults);
    const headers = requestHeaders(defaults, { Host: 'virtual.test', 'X-Multi': ['1', '2'], 'Content-Length': '99', Connection: 'close' }, false);
    expect(text(encoder.encode('GET', '/', headers, undefined))).toBe('GET / HTTP/1.1\r\nuser-agent: go-heavy/test\r\nhost: virtual.test\r\nx-multi: 1\r\nx-multi: 2\r\nconnection: close\r\n\r\n');
    expect(encoder.closeRequested).toBe(true);
  });

  it('refuses what cannot be sent, before anything is', () => {
    const encoder = new RequestEncoder('h', defaults);
    const bad = (user: Record<string, string>) => () => encoder.encode('GET', '/', requestHeaders(defaults, user, false), undefined);
    expect(bad({ 'x-a': 'one\r\nx-injected: 1' })).toThrow(/invalid value for request header 'x-a'/);
    expect(bad({ 'x-a': 'nul\0' })).toThrow(/invalid value/);
    expect(bad({ 'x-a': 'snow ☃' })).toThrow(/invalid value/);
    expect(bad({ 'bad name': '1' })).toThrow(/invalid request header name/);
    expect(bad({ 'transfer-encoding': 'chunked' })).toThrow(/transfer-encoding/);
    expect(() => encoder.encode('GE T', '/', defaults.plain, undefined)).toThrow(/invalid request method/);
    expect(text(encoder.encode('GET', '/', requestHeaders(defaults, { 'x-a': 'tab\tand latin-1 \xe9' }, false), undefined))).toContain('x-a: tab\tand latin-1 \xe9\r\n');
  });
});

describe('error categories of the HTTP/1.1 transport', () => {
  it('maps its errors to the metrics categories', () => {
    expect(errorCategory(new H1SocketClosedError())).toBe('ECONNRESET');
    expect(errorCategory(new H1ClientClosedError())).toBe('interrupted');
    expect(errorCategory(new H1DestroyedError())).toBe('interrupted');
    expect(errorCategory(new H1ProtocolError('bad status line'))).toBe('other');
    expect(errorCategory(new H1HeadersTooLargeError(65536))).toBe('other');
  });
});
