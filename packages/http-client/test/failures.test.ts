import type { IncomingMessage, ServerResponse } from 'node:http';
import { FakeStep } from './helpers/fake-metrics.js';
import { serveTarget, TARGETS } from './helpers/transports.js';
import { closedPort } from './helpers/test-server.js';
import { failure } from './helpers/failure.js';

/** Longest a dripping response keeps writing, so no test can leave it running. */
const MAX_DRIP_CHUNKS = 100;

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  if (url.pathname === '/hang') return; // never answers; server.close() drops it
  if (url.pathname === '/reset') {
    req.socket.destroy();
  } else if (url.pathname === '/drip') {
    // Headers at once, then one byte every 50 ms: never idle long enough for an idle timeout.
    res.writeHead(200, { 'content-type': 'text/plain' });
    let sent = 0;
    const timer = setInterval(() => {
      res.write('.');
      if (++sent >= MAX_DRIP_CHUNKS) {
        clearInterval(timer);
        res.end();
      }
    }, 50);
    res.on('close', () => clearInterval(timer));
  } else if (url.pathname === '/slow') {
    const timer = setTimeout(() => res.end('late'), Number(url.searchParams.get('ms')));
    res.on('close', () => clearTimeout(timer));
  } else {
    res.end('ok');
  }
}

describe.each(TARGETS)('$name', (target) => {
  const fixture = serveTarget(target, route);
  const client = fixture.client;

  describe('requests that get no response', () => {
    it('records ECONNREFUSED for a port where nothing listens', async () => {
      const port = await closedPort();
      const step = new FakeStep('s');
      const url = `${target.tls ? 'https' : 'http'}://127.0.0.1:${port}/x?q=1`;
      const err = await failure(client().forScope({ baseUrl: undefined, step, cookies: undefined }).get(url));
      expect(err.message).toBe(`ECONNREFUSED: GET ${url}`);
      expect(err).toMatchObject({ category: 'ECONNREFUSED', method: 'GET', url });
      expect((err.cause as { code?: string }).code).toBe('ECONNREFUSED');
      expect(step.log).toEqual([{ step: 's', method: 'GET', endpoint: '/x', latencyMs: err.latencyMs, category: 'ECONNREFUSED' }]);
    });

    it("gives a failure reason with the request's name, else its path without the query: one per endpoint, not one per id", async () => {
      const port = await closedPort();
      const base = `${target.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
      const http = client().forScope({ baseUrl: base, step: new FakeStep('s'), cookies: undefined });
      const named = await Promise.all([26, 29].map((id) => failure(http.get(`/posts/${id}/comments`, { name: '/posts/{id}/comments' }))));
      expect(named.map((e) => e.failureReason)).toEqual(Array(2).fill('ECONNREFUSED: GET /posts/{id}/comments'));
      expect(named.map((e) => e.endpoint)).toEqual(Array(2).fill('/posts/{id}/comments'));
      // The message still names the URL that failed.
      expect(named[1]!.message).toBe(`ECONNREFUSED: GET ${base}/posts/29/comments`);
      const unnamed = await Promise.all([1, 2].map((id) => failure(http.post(`/search?id=${id}`, 'q'))));
      expect(unnamed.map((e) => e.failureReason)).toEqual(Array(2).fill('ECONNREFUSED: POST /search'));
    });

    it('records timeout for a server that never answers, close to timeoutMs', async () => {
      const step = new FakeStep('s');
      const started = performance.now();
      const err = await failure(client().forScope({ baseUrl: fixture.server.url, step, cookies: undefined }).get('/hang', { timeoutMs: 200 }));
      const elapsed = performance.now() - started;
      expect(err.category).toBe('timeout');
      expect(elapsed).toBeGreaterThanOrEqual(195);
      expect(elapsed).toBeLessThan(1_000);
      expect(step.log.map((r) => r.category)).toEqual(['timeout']);
    });

    it('bounds the whole response: a slow-drip body times out too', async () => {
      const step = new FakeStep('s');
      const started = performance.now();
      const err = await failure(client({ timeoutMs: 300 }).forScope({ baseUrl: fixture.server.url, step, cookies: undefined }).get('/drip'));
      expect(err.category).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(step.log.map((r) => r.category)).toEqual(['timeout']);
    });

    it('records ECONNRESET when the server destroys the socket', async () => {
      const step = new FakeStep('s');
      const err = await failure(client().forScope({ baseUrl: fixture.server.url, step, cookies: undefined }).post('/reset', { a: 1 }));
      expect(err.category).toBe('ECONNRESET');
      expect(step.log.map((r) => `${r.method} ${r.endpoint} ${r.category}`)).toEqual(['POST /reset ECONNRESET']);
    });

    it('records one error and one response when requests fail and succeed in turn', async () => {
      const step = new FakeStep('s');
      const user = client().forScope({ baseUrl: fixture.server.url, step, cookies: undefined });
      await failure(user.get('/reset'));
      expect((await user.get('/ok')).status).toBe(200);
      await failure(user.get('/reset'));
      expect(step.log.map((r) => r.category ?? r.status)).toEqual(['ECONNRESET', 200, 'ECONNRESET']);
    });
  });

  describe('close', () => {
    it('with force fails in-flight requests as interrupted, before and during the body', async () => {
      const step = new FakeStep('s');
      const provider = client();
      const user = provider.forScope({ baseUrl: fixture.server.url, step, cookies: undefined });
      const before = fixture.server.received.length;
      const waiting = failure(user.get('/hang'));
      const reading = failure(user.get('/drip'));
      await fixture.server.receivedAtLeast(before + 2);
      // Long enough for the drip's headers and first chunks to reach the client.
      await new Promise((resolve) => setTimeout(resolve, 120));
      const started = performance.now();
      await provider.close({ force: true });
      const [a, b] = await Promise.all([waiting, reading]);
      expect(performance.now() - started).toBeLessThan(500);
      expect([a.category, b.category]).toEqual(['interrupted', 'interrupted']);
      expect(step.log.map((r) => `${r.endpoint} ${r.category}`).sort()).toEqual(['/drip interrupted', '/hang interrupted']);
    });

    it('without force lets in-flight requests finish, then refuses new ones as interrupted', async () => {
      const step = new FakeStep('s');
      const provider = client();
      const user = provider.forScope({ baseUrl: fixture.server.url, step, cookies: undefined });
      const inFlight = user.get('/slow?ms=100');
      await fixture.server.receivedAtLeast(fixture.server.received.length + 1);
      await provider.close();
      expect((await inFlight).body).toBe('late');
      const same = await failure(user.get('/ok'));
      const other = await failure(user.get('http://127.0.0.1:1/x'));
      expect([same.category, other.category]).toEqual(['interrupted', 'interrupted']);
      expect(step.log.map((r) => r.status ?? r.category)).toEqual([200, 'interrupted', 'interrupted']);
    });

    it('with force after a graceful close interrupts what the graceful close was waiting for', async () => {
      const step = new FakeStep('s');
      const provider = client();
      const user = provider.forScope({ baseUrl: fixture.server.url, step, cookies: undefined });
      const hanging = failure(user.get('/hang'));
      await fixture.server.receivedAtLeast(fixture.server.received.length + 1);
      const graceful = provider.close();
      await provider.close({ force: true });
      await graceful;
      expect((await hanging).category).toBe('interrupted');
      expect(step.log).toHaveLength(1);
    });
  });
});
