import { isJsonBody, toPayload } from '../src/body.js';
import { defaultHeaders, requestHeaders } from '../src/headers.js';
import { endpointOf, isRelative, normalisePath, parseBaseUrl, parseHttpUrl } from '../src/url.js';

describe('body', () => {
  it('sends text and bytes as they are and anything else as JSON', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(toPayload('a=1')).toBe('a=1');
    expect(toPayload(bytes)).toBe(bytes);
    expect(toPayload(undefined)).toBeUndefined();
    expect(toPayload({ a: 1 })).toBe('{"a":1}');
    expect(toPayload([1, 'x'])).toBe('[1,"x"]');
    expect([isJsonBody('x'), isJsonBody(bytes), isJsonBody(undefined), isJsonBody({})]).toEqual([false, false, false, true]);
  });
});

describe('headers', () => {
  const defaults = defaultHeaders('go-heavy/test');

  it('reuses the default objects when the user passes no headers', () => {
    expect(requestHeaders(defaults, undefined, false)).toBe(defaults.plain);
    expect(requestHeaders(defaults, undefined, true)).toEqual({ 'user-agent': 'go-heavy/test', 'content-type': 'application/json' });
  });

  it('lower-cases user header names, lets them win and keeps their content type', () => {
    const headers = requestHeaders(defaults, { 'User-Agent': 'mine', 'X-Trace': 'abc', 'Content-Type': 'application/vnd.api+json', Skip: undefined }, true);
    expect(headers).toEqual({ 'user-agent': 'mine', 'x-trace': 'abc', 'content-type': 'application/vnd.api+json' });
    expect(defaults.plain).toEqual({ 'user-agent': 'go-heavy/test' });
  });
});

describe('url', () => {
  it('tells paths from absolute and protocol-relative URLs', () => {
    expect([isRelative('/x'), isRelative('//h/x'), isRelative('http://h/x'), isRelative('x')]).toEqual([true, false, false, false]);
  });

  it('appends relative paths to the BASE_URL path', () => {
    expect(parseBaseUrl('http://h:8080', '/x')).toEqual({ origin: 'http://h:8080', prefix: '' });
    expect(parseBaseUrl('https://h/api/', '/x')).toEqual({ origin: 'https://h', prefix: '/api' });
  });

  it('explains a missing or unusable BASE_URL', () => {
    expect(() => parseBaseUrl(undefined, '/x')).toThrow("relative URL '/x' needs BASE_URL to be set");
    expect(() => parseBaseUrl('', '/x')).toThrow("relative URL '/x' needs BASE_URL to be set");
    expect(() => parseBaseUrl('localhost:3000', '/x')).toThrow(/BASE_URL 'localhost:3000' is not http\(s\)/);
    expect(() => parseHttpUrl('nope')).toThrow(/URL 'nope' is not a valid URL/);
    expect(() => parseHttpUrl('ftp://h/x')).toThrow(/only http: and https: are supported/);
  });

  it('normalises only paths undici would refuse', () => {
    const path = '/a/b?c=1';
    expect(normalisePath(path, 'http://h')).toBe(path);
    expect(normalisePath('/a b?q=é#frag', 'http://h')).toBe('/a%20b?q=%C3%A9');
  });

  it('names the endpoint by the path without its query', () => {
    expect(endpointOf('/users/1?x=2')).toBe('/users/1');
    expect(endpointOf('/users')).toBe('/users');
  });
});
