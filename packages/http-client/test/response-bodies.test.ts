import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient, type HttpClientOptions } from '../src/index.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { serveTarget, TARGETS } from './helpers/transports.js';
import { failure } from './helpers/failure.js';

/** The timeout of the stalled requests: long enough for a TLS handshake on a slow machine. */
const TIMEOUT_MS = 400;
/** How late a timeout may be seen on a machine four times slower and busy (the sweeper ticks every 10 ms). */
const MARGIN_MS = 1_600;
/** An endless body stops by itself after this long or this many bytes, so no test can leave it running. */
const ENDLESS_MAX_MS = 10_000;
const ENDLESS_MAX_BYTES = 1024 ** 3;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

function route(req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://x');
  switch (url.pathname) {
    case '/head-only':
      // Headers, then nothing: the body never comes.
      res.writeHead(200, { 'content-length': '1000' });
      res.flushHeaders();
      return;
    case '/half':
      res.writeHead(200, { 'content-length': '1000' });
      res.write('x'.repeat(500));
      return;
    case '/half-chunked':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x'.repeat(500));
      return;
    case '/endless':
      return endless(res);
    case '/declared':
      // Announces 10 MB, sends 1 KB: a limit below 10 MB fails it at the head.
      res.writeHead(200, { 'content-length': String(10 * 1024 * 1024) });
      res.write('x'.repeat(1024));
      return;
    case '/late-tail': {
      // 256 KiB now, the last byte 200 ms later: the latency must cover it, discarded or not.
      res.writeHead(200, { 'content-length': String(CHUNK.length * 4 + 1) });
      for (let i = 0; i < 4; i++) res.write(CHUNK);
      const timer = setTimeout(() => res.end('!'), 200);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    case '/json':
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"kept":true}');
      return;
    default:
      res.writeHead(404).end();
  }
}

/** A chunked body that goes on until the client leaves (bounded by ENDLESS_MAX_*), honouring backpressure. */
function endless(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const started = Date.now();
  let sent = 0;
  const pump = (): void => {
    while (!res.destroyed && sent < ENDLESS_MAX_BYTES && Date.now() - started < ENDLESS_MAX_MS) {
      sent += CHUNK.length;
      if (!res.write(CHUNK)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

describe.each(TARGETS)('responses that stall, never end or are large ($name)', (target) => {
  const fixture = serveTarget(target, route);

  function user(options: HttpClientOptions = {}): { http: ReturnType<HttpClientProvider['forScope']>; step: FakeStep } {
    const step = new FakeStep('s');
    return { http: fixture.client(options).forScope({ baseUrl: fixture.server.url, step, cookies: undefined }), step };
  }

  describe('stalled responses fail as timeout within the request timeout', () => {
    it.each([
      ['headers and then nothing', '/head-only', false],
      ['half a content-length body and then silence', '/half', false],
      ['half a chunked body and then silence', '/half-chunked', false],
      ['half a body and then silence, body discarded', '/half', true],
    ])('%s', async (_what, path, discardBody) => {
      const { http, step } = user({ timeoutMs: TIMEOUT_MS });
      const started = performance.now();
      const err = await failure(http.get(path, { discardBody }));
      const elapsed = performance.now() - started;
      expect(err.category).toBe('timeout');
      expect(err.latencyMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
      expect(elapsed).toBeLessThan(TIMEOUT_MS + MARGIN_MS);
      expect(step.log.map((r) => `${r.endpoint} ${r.category}`)).toEqual([`${path} timeout`]);
    });
  });

  describe('maxResponseBytes', () => {
    it('fails a body that never ends as response-too-large once it passes the limit, long before the timeout', async () => {
      const { http, step } = user({ maxResponseBytes: 1024 * 1024, timeoutMs: 20_000 });
      const err = await failure(http.get('/endless'));
      expect(err.category).toBe('response-too-large');
      expect(err.message).toBe(
        `response-too-large: GET ${fixture.server.url}/endless: response body larger than 1 MiB (maxResponseBytes); ` +
          'discard it with { discardBody: true } or --discard-response-bodies, or raise --max-response-size',
      );
      expect(err.latencyMs).toBeLessThan(10_000);
      expect(step.log.map((r) => r.category)).toEqual(['response-too-large']);
    });

    it('fails at the head when content-length announces more than the limit', async () => {
      const { http, step } = user({ maxResponseBytes: 1024 * 1024 });
      const err = await failure(http.get('/declared'));
      expect(err.category).toBe('response-too-large');
      expect(step.log.map((r) => r.category)).toEqual(['response-too-large']);
    });

    it('keeps a body at the limit, and the client works on afterwards', async () => {
      const { http, step } = user({ maxResponseBytes: CHUNK.length * 4 + 1 });
      const res = await http.get('/late-tail');
      expect(res.body).toHaveLength(CHUNK.length * 4 + 1);
      await failure(http.get('/declared'));
      expect((await http.get('/json')).json()).toEqual({ kept: true });
      expect(step.log.map((r) => r.status ?? r.category)).toEqual([200, 'response-too-large', 200]);
    });

    it('refuses a limit that is not a whole number of bytes above 0', () => {
      expect(() => createHttpClient({ maxResponseBytes: 0 })).toThrow('maxResponseBytes must be a whole number of bytes above 0, got 0');
      expect(() => createHttpClient({ maxResponseBytes: 1.5 })).toThrow(RangeError);
    });
  });

  describe('discarded bodies', () => {
    it('are read to the end off the socket: the latency covers the body and the connection is reused', async () => {
      const { http, step } = user();
      const before = fixture.server.connections;
      for (let i = 0; i < 3; i++) {
        const res = await http.get('/late-tail', { discardBody: true });
        expect(res.status).toBe(200);
        expect(res.latencyMs).toBeGreaterThanOrEqual(190);
      }
      expect(fixture.server.connections - before).toBe(1);
      expect(step.log.map((r) => r.status)).toEqual([200, 200, 200]);
    });

    it('make body and json() throw, saying the body was discarded and how to keep it', async () => {
      const { http } = user();
      const res = await http.get('/json', { discardBody: true });
      const message = `the body of GET ${fixture.server.url}/json was discarded (discardBody, or --discard-response-bodies for the run): ` + 'pass { discardBody: false } to this request to keep it';
      expect(() => res.body).toThrow(message);
      expect(() => res.json()).toThrow(message);
      expect(res.headers['content-type']).toBe('application/json');
      expect(JSON.parse(JSON.stringify(res))).toMatchObject({ status: 200, bodyDiscarded: true, url: `${fixture.server.url}/json` });
    });

    it('are the default with discardResponseBodies, which a request overrides with discardBody: false', async () => {
      const { http } = user({ discardResponseBodies: true });
      await expect(http.get('/json').then((res) => res.body)).rejects.toThrow('was discarded');
      expect((await http.get('/json', { discardBody: false })).json()).toEqual({ kept: true });
    });

    it('have no size limit: a body that never ends runs into the timeout, not the limit', async () => {
      const { http, step } = user({ maxResponseBytes: 1024 * 1024, timeoutMs: 600 });
      const err = await failure(http.get('/endless', { discardBody: true }));
      expect(err.category).toBe('timeout');
      expect(step.log.map((r) => r.category)).toEqual(['timeout']);
    });
  });
});
