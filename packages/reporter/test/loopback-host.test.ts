import { isLoopbackHost } from '../src/index.js';

describe('isLoopbackHost (the dashboard and go-heavy serve)', () => {
  test.each([
    ['127.0.0.1:8080', true],
    ['LOCALHOST:8080', true],
    ['[::1]:8080', true],
    ['127.0.0.1:8081', false],
    ['127.0.0.1', false],
    ['evil.example:8080', false],
    ['localhost.evil.example:8080', false],
    [undefined, false],
  ])('Host %s → %s', (host, ok) => {
    expect(isLoopbackHost(host, 8080)).toBe(ok);
  });

  test('a server that is not listening yet answers to nobody', () => {
    expect(isLoopbackHost('127.0.0.1:8080', undefined)).toBe(false);
  });
});
