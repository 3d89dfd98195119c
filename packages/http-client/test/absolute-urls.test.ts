import fc from 'fast-check';
import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient } from '../src/index.js';
import { isPlainUrlOn, pathAfterOrigin } from '../src/url.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { startRawServer, type RawServer } from './helpers/raw-server.js';

/** What WHATWG parsing sends for `url`: the request target go-heavy must send whichever way it splits. */
function parsed(url: string): { origin: string; path: string } {
  const u = new URL(url);
  return { origin: u.origin, path: u.pathname + u.search };
}

/** Odd absolute URLs: each either splits to exactly the parser's path, or falls back to it. */
const ODD = [
  'http://h/a/b?c=1&d=%41',
  'http://h/',
  'http://h/?',
  'http://h/a?x=/./..',
  'http://user:pw@h/a',
  'http://@h/a',
  'http://H/a',
  'HTTP://h/a',
  'http://h:80/a',
  'https://h:443/a',
  'http://h:8080/a',
  'http://h:08080/a',
  'http://[::1]:8080/a',
  'http://[0:0::1]/a',
  'http://127.1/a',
  'http://h/a/./b',
  'http://h/a/../b',
  'http://h/a/.',
  'http://h/a/..',
  'http://h/a/%2e/b',
  'http://h/a/%2E%2e/b',
  'http://h/a/.%2E/b',
  'http://h/.well-known/x',
  'http://h/a%20b',
  'http://h/a b',
  'http://h/a#frag',
  'http://h/a?q#frag',
  'http://h/a\\b',
  'http://h/a\tb',
  'http://h/a\nb',
  'http://h/é?q=é',
  "http://h/a?q='x'",
  'http://h/a"b<c>d`e{f}g|h^',
  'http://h/a?q="<>`{}|^',
  'http://h/a%zz',
  'http://h//a',
  'http://h/a ',
  'http://h',
];

describe('pathAfterOrigin', () => {
  it.each(ODD)('%s: the path the parser gives, or a fall-back to it', (url) => {
    const { origin, path } = parsed(url);
    const fast = pathAfterOrigin(url, origin);
    if (fast !== undefined) expect(fast).toBe(path);
    expect(isPlainUrlOn(url, origin)).toBe(fast !== undefined);
  });

  it('splits plain URLs and falls back for every form the parser rewrites', () => {
    const split = ODD.filter((url) => pathAfterOrigin(url, parsed(url).origin) !== undefined);
    expect(split).toEqual(['http://h/a/b?c=1&d=%41', 'http://h/', 'http://h/a?x=/./..', 'http://h:8080/a', 'http://[::1]:8080/a', 'http://h/a%20b', 'http://h/a%zz', 'http://h//a']);
  });

  it('never matches another origin that only shares a prefix', () => {
    expect(pathAfterOrigin('http://h:8080/a', 'http://h:80')).toBeUndefined();
    expect(pathAfterOrigin('http://hh/a', 'http://h')).toBeUndefined();
    expect(pathAfterOrigin('https://h/a', 'http://h')).toBeUndefined();
    expect(pathAfterOrigin('http://h.evil/a', 'http://h')).toBeUndefined();
    expect(pathAfterOrigin('http://h@evil/a', 'http://h')).toBeUndefined();
  });

  it('agrees with the parser on generated URLs', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      '0',
      '.',
      '..',
      '%2e',
      '%2E',
      '%41',
      '%',
      '-',
      '_',
      '~',
      '!',
      '$',
      '&',
      "'",
      '(',
      '*',
      '+',
      ',',
      ';',
      '=',
      ':',
      '@',
      ' ',
      '"',
      '<',
      '>',
      '\\',
      '^',
      '`',
      '{',
      '|',
      '}',
      '#',
      '?',
      '/',
      '\t',
      'é',
      '€',
      '\u0000',
      '\u007f',
    );
    const host = fc.constantFrom('h', 'H', 'h.example', '127.0.0.1', '[::1]', '[::FFFF:127.0.0.1]', 'xn--nxasmq6b', 'user@h', 'u:p@h');
    const port = fc.constantFrom('', ':80', ':443', ':8080', ':080');
    const scheme = fc.constantFrom('http', 'https', 'HTTP');
    const url = fc.tuple(scheme, host, port, fc.array(piece, { maxLength: 12 })).map(([s, h, p, parts]) => `${s}://${h}${p}/${parts.join('')}`);
    fc.assert(
      fc.property(url, (u) => {
        const { origin, path } = parsed(u);
        const fast = pathAfterOrigin(u, origin);
        return fast === undefined || fast === path;
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('absolute URLs over a real connection', () => {
  let server: RawServer;
  let provider: HttpClientProvider;
  const targets: string[] = [];

  beforeAll(async () => {
    server = await startRawServer((socket, _index, head) => {
      targets.push(head.split(' ')[1]!);
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    provider = createHttpClient({ timeoutMs: 5_000 });
  });

  afterAll(async () => {
    await provider.close();
    await server.close();
  });

  it('sends what the parser gives for every URL, before and after its origin is known', async () => {
    const port = new URL(server.url).port;
    const base = server.url;
    const urls = [
      `${base}/first`,
      `${base}/a/b?c=1&d=%41`,
      `${base}/a/./b/../c`,
      `${base}/a/%2e%2E/b`,
      `${base}/a b?q=é#frag`,
      `${base}/a\\b`,
      `${base}/a?q='x'`,
      `HTTP://127.0.0.1:${port}/upper`,
      `http://user:pw@127.0.0.1:${port}/userinfo`,
      `${base}`,
      `${base}/last?x=/./`,
    ];
    const step = new FakeStep('s');
    const http = provider.forScope({ baseUrl: undefined, step, cookies: undefined });
    targets.length = 0;
    // Twice: the first pass teaches the client the origin, the second takes the fast path.
    for (const url of [...urls, ...urls]) await http.get(url);
    const expected = [...urls, ...urls].map((u) => parsed(u).path);
    expect(targets).toEqual(expected);
    expect(step.log.map((r) => r.endpoint)).toEqual(expected.map((p) => p.split('?')[0]));
    expect(step.log.every((r) => r.status === 200)).toBe(true);
  });
});
