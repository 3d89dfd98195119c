import type net from 'node:net';
import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient, HttpRequestError } from '../src/index.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { startRawServer, type RawServer } from './helpers/raw-server.js';

/**
 * Servers that close keep-alive connections under the client's feet: right after each response
 * (which the pool must not race), or while a request is on its way (which an idempotent request
 * survives by one retry on a fresh connection, RFC 9112 §9.3.1).
 */

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok';
const clients: HttpClientProvider[] = [];
const servers: RawServer[] = [];

async function raw(respond: Parameters<typeof startRawServer>[0]): Promise<RawServer> {
  const server = await startRawServer(respond);
  servers.push(server);
  return server;
}

function user(baseUrl: string) {
  const provider = createHttpClient({ timeoutMs: 5_000 });
  clients.push(provider);
  const step = new FakeStep('s');
  return { http: provider.forScope({ baseUrl, step, cookies: undefined }), step };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true })));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const N = 30;

describe('a server that closes each connection right after a keep-alive response', () => {
  it('(write, then close the socket) answers every sequential GET: no failure, one retry', async () => {
    const target = await raw((socket) => {
      socket.write(OK);
      socket.destroy();
    });
    const { http, step } = user(target.url);
    const statuses: Array<number | string> = [];
    for (let i = 0; i < N; i++)
      statuses.push(
        await http.get(`/${i}`).then(
          (r) => r.status,
          (e: HttpRequestError) => e.category,
        ),
      );
    // Before the fix, every second request was written on the closed socket: 15 × ECONNRESET.
    expect(statuses).toEqual(Array(N).fill(200));
    expect(step.log.map((r) => r.status ?? r.category)).toEqual(Array(N).fill(200));
    // The first request caught by the close went out again; after it the pool reads the FIN
    // before reusing a socket, so no other request is caught.
    expect(step.retried).toEqual(['GET /1']);
    // The retried request never reached the server the first time (its socket was closed).
    expect([target.requests, target.connections]).toEqual([N, N]);
  });

  it('(half-close: end after the response) answers every sequential GET; the server sees the retried one twice', async () => {
    let answered = 0;
    const target = await raw((socket) => {
      // Still readable after end(): a request written on it arrives, but cannot be answered.
      if (socket.writableEnded) return;
      answered++;
      socket.end(OK);
    });
    const { http, step } = user(target.url);
    for (let i = 0; i < N; i++) expect((await http.get(`/${i}`)).body).toBe('ok');
    expect(step.log).toHaveLength(N);
    expect(step.retried).toEqual(['GET /1']);
    expect([answered, target.requests]).toEqual([N, N + 1]);
  });

  it('never retries a POST: the one request caught by the close fails, the others pass', async () => {
    const target = await raw((socket) => {
      socket.write(OK);
      socket.destroy();
    });
    const { http, step } = user(target.url);
    const outcomes: Array<number | string> = [];
    for (let i = 0; i < 10; i++)
      outcomes.push(
        await http.post(`/${i}`, 'x').then(
          (r) => r.status,
          (e: HttpRequestError) => e.category,
        ),
      );
    // Before the fix: 5 × ECONNRESET, every second one.
    expect(outcomes).toEqual([200, 'ECONNRESET', 200, 200, 200, 200, 200, 200, 200, 200]);
    expect(step.retried).toEqual([]);
    expect(target.requests).toBe(9);
  });

  it('costs nothing per request against a server that keeps its connections', async () => {
    const target = await raw((socket) => socket.write(OK));
    const { http, step } = user(target.url);
    for (let i = 0; i < N; i++) expect((await http.get(`/${i}`)).status).toBe(200);
    expect([target.connections, target.requests, step.retried.length]).toEqual([1, N, 0]);
  });
});

/**
 * A server whose behaviour a request's path chooses. On a socket that already answered once:
 * `/reset` closes it without a byte, `/late-reset` does so after 150 ms, `/byte-reset` sends the
 * status line first. A socket's first request is answered, except `/always-reset`, which never is.
 */
async function choosyServer(): Promise<RawServer> {
  const answered = new WeakSet<net.Socket>();
  return raw((socket, _index, head) => {
    const path = head.split(' ', 2)[1]!.split('?')[0]!;
    const method = head.split(' ', 1)[0]!;
    if (path === '/always-reset' || (answered.has(socket) && path !== '/ok')) {
      if (path === '/late-reset') setTimeout(() => socket.destroy(), 150);
      else if (path === '/byte-reset') socket.end('HTTP/1.1 200 OK\r\n');
      else socket.destroy();
      return;
    }
    answered.add(socket);
    socket.write(method === 'HEAD' ? 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n' : OK);
  });
}

describe('a reused connection the server closes while a request is on its way', () => {
  it.each([
    ['GET', true],
    ['HEAD', true],
    ['OPTIONS', true],
    ['TRACE', true],
    ['PUT', true],
    ['DELETE', true],
    ['POST', false],
    ['PATCH', false],
  ])('%s: retried once on a fresh connection when idempotent (%s)', async (method, idempotent) => {
    const target = await choosyServer();
    const { http, step } = user(target.url);
    expect((await http.get('/ok')).status).toBe(200);
    // Past the moment of the response: this is a server closing an idle connection, not one
    // that closes after each response, so the pool is not made wary by it.
    await sleep(30);
    const second = await http.request({ method, url: '/reset' }).then(
      (r) => r.status,
      (e: HttpRequestError) => e.category,
    );
    expect(second).toBe(idempotent ? 200 : 'ECONNRESET');
    expect(step.retried).toEqual(idempotent ? [`${method} /reset`] : []);
    expect(step.log.map((r) => r.status ?? r.category)).toEqual([200, second]);
    // The first sending and the retry both reached the server.
    expect(target.requests).toBe(idempotent ? 3 : 2);
    // The next request reuses the retry's connection at once: the pool did not turn wary.
    expect((await http.get('/ok')).status).toBe(200);
    expect(target.connections).toBe(2);
  });

  it('measures the retried request from its first dispatch', async () => {
    const target = await choosyServer();
    const { http, step } = user(target.url);
    await http.get('/ok');
    const res = await http.get('/late-reset');
    expect(res.status).toBe(200);
    expect(step.retried).toEqual(['GET /late-reset']);
    expect(res.latencyMs).toBeGreaterThanOrEqual(145);
    expect(step.log[1]!.latencyMs).toBe(res.latencyMs);
  });

  it('does not retry once a byte of the response came', async () => {
    const target = await choosyServer();
    const { http, step } = user(target.url);
    await http.get('/ok');
    const err = await http.get('/byte-reset').then(
      () => undefined,
      (e: HttpRequestError) => e,
    );
    expect(err?.category).toBe('ECONNRESET');
    expect([step.retried, target.requests]).toEqual([[], 2]);
  });

  it('does not retry on a fresh connection, and retries only once', async () => {
    const target = await choosyServer();
    const { http, step } = user(target.url);
    expect(await http.get('/always-reset').catch((e: HttpRequestError) => e.category)).toBe('ECONNRESET');
    expect([step.retried.length, target.requests]).toEqual([0, 1]);
    await http.get('/ok');
    // Reused, reset, retried on a fresh connection, reset again there: fails, no third sending.
    expect(await http.get('/always-reset').catch((e: HttpRequestError) => e.category)).toBe('ECONNRESET');
    expect(step.retried).toEqual(['GET /always-reset']);
    expect(target.requests).toBe(4);
    expect(step.log.map((r) => r.status ?? r.category)).toEqual(['ECONNRESET', 200, 'ECONNRESET']);
  });
});
