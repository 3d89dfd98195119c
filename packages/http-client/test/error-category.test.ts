import { HttpRequestError } from '../src/http-request-error.js';
import { errorCategory } from '../src/error-category.js';

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

describe('errorCategory', () => {
  it.each([
    ['ECONNREFUSED', 'ECONNREFUSED'],
    ['ECONNRESET', 'ECONNRESET'],
    ['UND_ERR_SOCKET', 'ECONNRESET'],
    ['ETIMEDOUT', 'timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['GO_HEAVY_DEADLINE', 'timeout'],
    ['ENOTFOUND', 'ENOTFOUND'],
    ['EPIPE', 'EPIPE'],
    ['UND_ERR_DESTROYED', 'interrupted'],
    ['UND_ERR_CLOSED', 'interrupted'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls-cert'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls-cert'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls-cert'],
    ['CERT_HAS_EXPIRED', 'tls-cert'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls-cert'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', 'tls'],
    ['EPROTO', 'tls'],
    ['GO_HEAVY_RESPONSE_TOO_LARGE', 'response-too-large'],
    ['EHOSTUNREACH', 'other'],
    ['UND_ERR_INVALID_ARG', 'other'],
  ])('maps code %s to %s', (code, category) => {
    expect(errorCategory(withCode(code))).toBe(category);
  });

  it('maps a TimeoutError (AbortSignal.timeout) to timeout', () => {
    expect(errorCategory(new DOMException('The operation timed out.', 'TimeoutError'))).toBe('timeout');
  });

  it('looks inside AggregateError (happy-eyeballs connect) and cause chains', () => {
    const aggregate = new AggregateError([withCode('ECONNREFUSED'), withCode('ECONNREFUSED')], 'connect failed');
    expect(errorCategory(aggregate)).toBe('ECONNREFUSED');
    expect(errorCategory(new Error('wrapped', { cause: withCode('ENOTFOUND') }))).toBe('ENOTFOUND');
  });

  it('says interrupted for anything once the client was force-closed', () => {
    expect(errorCategory(withCode('UND_ERR_SOCKET'), true)).toBe('interrupted');
    expect(errorCategory(new Error('anything'), true)).toBe('interrupted');
  });

  it('says other for what it does not know, non-errors and cycles included', () => {
    expect(errorCategory(new Error('no code'))).toBe('other');
    expect(errorCategory('a string')).toBe('other');
    expect(errorCategory(undefined)).toBe('other');
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(errorCategory(cyclic)).toBe('other');
  });
});

describe('HttpRequestError instanceof', () => {
  it('recognises errors from another copy of the package by their global brand', () => {
    const ours = new HttpRequestError('timeout', 'GET', 'http://127.0.0.1:1/x', undefined, 5);
    const fromAnotherCopy = Object.assign(new Error('x'), { [Symbol.for('go-heavy.http-request-error')]: true });
    expect(ours).toBeInstanceOf(HttpRequestError);
    expect(fromAnotherCopy instanceof HttpRequestError).toBe(true);
    expect(new Error('plain') instanceof HttpRequestError).toBe(false);
    expect(ours.message).toBe('timeout: GET http://127.0.0.1:1/x');
  });
});
