import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpClient, RequestScope } from '@go-heavy/core';
import type { RequestLog, RequestLogRecord } from '../src/index.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { failure } from './helpers/failure.js';
import { serveTarget, TARGETS } from './helpers/transports.js';
import { closedPort, readRequestBody, startServer, type TestServer } from './helpers/test-server.js';

/** What the echo route saw of a request. */
interface Echo {
  method: string;
  url: string;
  body: string;
  contentType: string | null;
  authorization: string | null;
  cookie: string | null;
}

/**
 * `/to/<status>?location=…` answers `status` with that location (none when absent);
 * `/chain/<n>` redirects (302) to `/chain/<n-1>` down to `/chain/0`, which answers 200;
 * `/loop` redirects to itself; `/login` sets a cookie and redirects to `/echo`; anything else echoes.
 */
async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const body = await readRequestBody(req);
  const to = /^\/to\/(\d{3})$/.exec(url.pathname);
  const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
  if (to) {
    const location = url.searchParams.get('location');
    res.writeHead(Number(to[1]), location === null ? {} : { location }).end(`redirect ${to[1]}`);
  } else if (chain && chain[1] !== '0') {
    res.writeHead(302, { location: `/chain/${Number(chain[1]) - 1}` }).end();
  } else if (chain) {
    res.end('end of chain');
  } else if (url.pathname === '/loop') {
    res.writeHead(302, { location: '/loop' }).end();
  } else if (url.pathname === '/login') {
    res.writeHead(302, { location: '/echo', 'set-cookie': 'sid=abc; Path=/' }).end();
  } else {
    const echo: Echo = {
      method: req.method ?? '',
      url: req.url ?? '',
      body,
      contentType: req.headers['content-type'] ?? null,
      authorization: req.headers.authorization ?? null,
      cookie: req.headers.cookie ?? null,
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(echo));
  }
}

/** `location` as a query parameter of the `/to/<status>` route. */
function to(status: number, location: string): string {
  return `/to/${status}?location=${encodeURIComponent(location)}`;
}

/** The log of a step as `METHOD endpoint status-or-category` lines, in order. */
function lines(step: FakeStep): string[] {
  return step.log.map((r) => `${r.step} ${r.method} ${r.endpoint} ${r.status ?? r.category}`);
}

describe.each(TARGETS)('redirects, $name', (target) => {
  const fixture = serveTarget(target, (req, res) => void route(req, res));
  /** A second origin (another port), for cross-origin hops. */
  let other: TestServer;
  let step: FakeStep;
  let scope: RequestScope;

  beforeAll(async () => {
    other = await startServer((req, res) => void route(req, res), { tls: target.tls });
  });
  afterAll(async () => {
    await other.close();
  });
  beforeEach(() => {
    step = new FakeStep('step');
    scope = { baseUrl: fixture.server.url, step, cookies: undefined };
  });

  function http(options: Parameters<typeof fixture.client>[0] = {}): HttpClient {
    return fixture.client(options).forScope(scope);
  }

  it('follows a chain, records every hop once under the step, and gives the final URL', async () => {
    const connections = fixture.server.connections;
    const res = await http().get('/chain/3');
    expect(res.status).toBe(200);
    expect(res.body).toBe('end of chain');
    expect(res.url).toBe(`${fixture.server.url}/chain/0`);
    expect(res.redirects).toBe(3);
    expect(lines(step)).toEqual(['step GET /chain/3 302', 'step GET /chain/2 302', 'step GET /chain/1 302', 'step GET /chain/0 200']);
    // Same origin, same pool: the hops reuse the first request's connection.
    expect(fixture.server.connections - connections).toBe(1);
  });

  it('resolves a relative location against the URL that answered, and drops its fragment', async () => {
    const res = await http().get(to(302, '../echo?x=1#frag'));
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${fixture.server.url}/echo?x=1`);
    expect(res.json<Echo>().url).toBe('/echo?x=1');
    expect(lines(step)).toEqual(['step GET /to/302 302', 'step GET /echo 200']);
  });

  it.each([
    [301, 'POST', 'GET', false],
    [302, 'POST', 'GET', false],
    [303, 'PUT', 'GET', false],
    [303, 'DELETE', 'GET', false],
    [301, 'PUT', 'PUT', true],
    [302, 'PATCH', 'PATCH', true],
    [307, 'POST', 'POST', true],
    [308, 'PUT', 'PUT', true],
  ])('a %i after a %s goes on with %s (body kept: %s)', async (status, method, next, keepsBody) => {
    const res = await http().request({ method, url: to(status, '/echo'), body: { n: 1 } });
    const echo = res.json<Echo>();
    expect(echo.method).toBe(next);
    expect(echo.body).toBe(keepsBody ? '{"n":1}' : '');
    expect(echo.contentType).toBe(keepsBody ? 'application/json' : null);
    expect(lines(step)).toEqual([`step ${method} /to/${status} ${status}`, `step ${next} /echo 200`]);
  });

  it("returns the 3xx as is with redirect: 'manual', and with maxRedirects 0", async () => {
    const manual = await http().get(to(302, '/echo'), { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.location).toBe('/echo');
    expect(manual.redirects).toBe(0);
    const none = await http({ maxRedirects: 0 }).get(to(301, '/echo'));
    expect(none.status).toBe(301);
    expect(lines(step)).toEqual(['step GET /to/302 302', 'step GET /to/301 301']);
  });

  it('returns a 3xx without a usable location as is: none, not http(s), not a URL', async () => {
    const client = http();
    const statuses = [(await client.get('/to/302')).status, (await client.get(to(301, 'mailto:a@b.c'))).status, (await client.get(to(307, 'http://[::1'))).status];
    expect(statuses).toEqual([302, 301, 307]);
    // 300 and 304 are not redirects to follow.
    expect((await client.get(to(300, '/echo'))).status).toBe(300);
    expect((await client.get(to(304, '/echo'))).status).toBe(304);
    expect(step.log).toHaveLength(5);
    // While the same client follows a usable one.
    expect((await client.get(to(302, '/echo'))).status).toBe(200);
    expect(step.log).toHaveLength(7);
  });

  it('stops at maxRedirects with the last 3xx, counted once, and warns once per endpoint', async () => {
    const warnings: string[] = [];
    const client = http({ maxRedirects: 3, warn: (m) => warnings.push(m) });
    const res = await client.get('/loop');
    expect(res.status).toBe(302);
    expect(res.redirects).toBe(3);
    expect(lines(step)).toEqual(Array(4).fill('step GET /loop 302'));
    await client.get('/loop');
    expect(step.log).toHaveLength(8);
    expect(warnings).toEqual([
      `GET /loop: stopped after 3 redirects (maxRedirects) and returned the last one, 302 from ${fixture.server.url}/loop; ` +
        'raise --max-redirects (maxRedirects in heavy.config.ts), or pass { redirect: "manual" } to handle it yourself',
    ]);
  });

  it('drops hand-made credentials on a hop to another origin, keeps them on the same origin', async () => {
    const headers = { authorization: 'Bearer t0k', cookie: 'own=1' };
    const same = (await http().get(to(302, '/echo'), { headers })).json<Echo>();
    expect([same.authorization, same.cookie]).toEqual(['Bearer t0k', 'own=1']);
    const cross = await http().get(to(302, `${other.url}/echo`), { headers });
    expect(cross.url).toBe(`${other.url}/echo`);
    const echo = cross.json<Echo>();
    expect([echo.authorization, echo.cookie]).toEqual([null, null]);
    expect(other.received).toContain('GET /echo');
  });

  it("sends the jar's cookies per hop, those the redirect set included", async () => {
    scope.cookies = fixture.client().createCookieJar();
    const res = await http().get('/login');
    expect(res.json<Echo>().cookie).toBe('sid=abc');
  });

  it('records the hops under the step of the call, even when the user has moved on', async () => {
    const call = http().get('/chain/2');
    scope.step = new FakeStep('later', step.log);
    await call;
    expect(lines(step)).toEqual(['step GET /chain/2 302', 'step GET /chain/1 302', 'step GET /chain/0 200']);
  });

  it('fails a call whose hop gets no response, that hop recorded with its category', async () => {
    const port = await closedPort();
    const hop = `${target.tls ? 'https' : 'http'}://127.0.0.1:${port}/gone/7?x=1`;
    const err = await failure(http().get(to(302, hop)));
    expect(err.category).toBe('ECONNREFUSED');
    expect(err.url).toBe(hop);
    expect(err.failureReason).toBe('ECONNREFUSED: GET /gone/7');
    expect(lines(step)).toEqual(['step GET /to/302 302', 'step GET /gone/7 ECONNREFUSED']);
  });

  it('records the hops of a named call under its name, each with its own method and status, as k6 tags them', async () => {
    const client = http();
    const res = await client.post(to(302, '/chain/1'), 'x', { name: '/entry/{id}' });
    expect(res.status).toBe(200);
    expect(lines(step)).toEqual(['step POST /entry/{id} 302', 'step GET /entry/{id} 302', 'step GET /entry/{id} 200']);
    const port = await closedPort();
    const err = await failure(client.get(to(307, `${target.tls ? 'https' : 'http'}://127.0.0.1:${port}/gone/7`), { name: '/entry/{id}' }));
    expect(err.failureReason).toBe('ECONNREFUSED: GET /entry/{id}');
  });

  it('logs every hop once in the request log, each with its own request id', async () => {
    const records: RequestLogRecord[] = [];
    const log: RequestLog = { sampled: () => true, write: (r) => records.push(r), close: async () => ({ written: records.length, dropped: 0 }) };
    const res = await http({ requestLog: log }).post(to(307, '/chain/1'), 'data');
    expect(res.status).toBe(200);
    expect(records.map((r) => `${r.method} ${r.url} ${r.response?.status} ${String(r.requestBody)}`)).toEqual([
      `POST ${fixture.server.url}/to/307?location=%2Fchain%2F1 307 data`,
      `POST ${fixture.server.url}/chain/1 302 data`,
      `GET ${fixture.server.url}/chain/0 200 undefined`,
    ]);
    expect(new Set(records.map((r) => r.id)).size).toBe(3);
    expect(step.log).toHaveLength(3);
  });

  it("rejects a redirect option that is neither 'follow' nor 'manual', recording nothing", async () => {
    await expect(http().get('/echo', { redirect: 'error' as 'manual' })).rejects.toThrow(`redirect must be 'follow' or 'manual', got "error"`);
    expect(step.log).toEqual([]);
  });
});

describe('maxRedirects option', () => {
  it.each([-1, 1.5, Number.NaN])('rejects %p', async (value) => {
    const { createHttpClient } = await import('../src/index.js');
    expect(() => createHttpClient({ maxRedirects: value })).toThrow(`maxRedirects must be a whole number of 0 or more (0 follows none), got ${value}`);
  });
});
