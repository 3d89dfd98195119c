import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient, createNdjsonRequestLog, type RequestLog, type RequestLogEntry, type RequestLogRecord } from '../src/index.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { TARGETS } from './helpers/transports.js';
import { closedPort, readRequestBody, startServer, type TestServer } from './helpers/test-server.js';

/** What the server saw of one request. */
interface Seen {
  method: string;
  url: string;
  id: string | undefined;
  traceId: string | undefined;
  authorization: string | undefined;
  body: string;
}

const SECRET = 's3cr3t-Token-Value-0123456789';

async function route(seen: Seen[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readRequestBody(req);
  seen.push({
    method: req.method ?? '',
    url: req.url ?? '',
    id: req.headers['x-request-id'] as string | undefined,
    traceId: req.headers['x-trace-id'] as string | undefined,
    authorization: req.headers.authorization,
    body,
  });
  const url = new URL(req.url ?? '/', 'http://x');
  const status = /^\/status\/(\d{3})$/.exec(url.pathname);
  if (status) return void res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`status ${status[1]}`);
  if (url.pathname === '/secret') {
    // The secret comes back in a header, a cookie and the body: all must be redacted.
    return void res.writeHead(200, { 'set-cookie': [`sid=${SECRET}`, 'theme=dark'], 'x-echo-token': `token ${SECRET}`, 'x-api-key': 'server-key' }).end(`{"token":"${SECRET}"}`);
  }
  if (url.pathname === '/big') return void res.end('€'.repeat(2000));
  if (url.pathname === '/hang') return;
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
}

function readLog(file: string): RequestLogEntry[] {
  const text = readFileSync(file, 'utf8');
  if (text === '') return [];
  expect(text.endsWith('\n')).toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as RequestLogEntry);
}

describe.each(TARGETS)('request log, $name', ({ tls, client: target }) => {
  let server: TestServer;
  let seen: Seen[];
  let dir: string;
  let files = 0;

  beforeAll(async () => {
    server = await startServer((req, res) => void route(seen, req, res), { tls });
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-request-log-'));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    seen = [];
  });

  /** A client logging to a fresh file; `run` makes the requests, then client and log are closed. */
  async function withLog(
    options: Parameters<typeof createNdjsonRequestLog>[0] extends infer O ? Omit<O, 'path'> : never,
    run: (client: ReturnType<HttpClientProvider['forScope']>, step: FakeStep) => Promise<unknown>,
    clientOptions: { requestIdHeader?: string; timeoutMs?: number } = {},
  ): Promise<{ entries: RequestLogEntry[]; raw: string; stats: Awaited<ReturnType<RequestLog['close']>> }> {
    const file = path.join(dir, `log-${files++}`, 'requests.ndjson');
    const log = createNdjsonRequestLog({ path: file, ...options });
    const provider = createHttpClient({ ...target, requestLog: log, ...clientOptions });
    const step = new FakeStep('browse');
    try {
      await run(provider.forScope({ baseUrl: server.url, workflow: 'shop/buy', step, cookies: undefined }), step);
    } finally {
      await provider.close();
    }
    const stats = await log.close();
    return { entries: readLog(file), raw: readFileSync(file, 'utf8'), stats };
  }

  it('sends no request id and writes nothing without a log', async () => {
    const provider = createHttpClient(target);
    try {
      const http = provider.forScope({ baseUrl: server.url, step: new FakeStep('s'), cookies: undefined });
      await http.get('/a');
      await http.post('/b', { x: 1 });
    } finally {
      await provider.close();
    }
    expect(seen.map((s) => s.id)).toEqual([undefined, undefined]);
  });

  it('writes one line per request, its id the x-request-id the server saw', async () => {
    const { entries, stats } = await withLog({}, async (http, step) => {
      await http.get('/a?q=1');
      await http.post('/echo', { name: 'ada' }, { headers: { 'X-Trace': 't1' } });
      step.log.length = 0;
      await Promise.all(Array.from({ length: 20 }, (_, i) => http.get(`/par/${i}`)));
    });
    expect(stats).toEqual({ written: 22, dropped: 0 });
    expect(entries).toHaveLength(seen.length);
    expect(entries.map((e) => e.id).sort()).toEqual(seen.map((s) => s.id).sort());
    expect(new Set(entries.map((e) => e.id)).size).toBe(22);
    expect(entries[0]!.id).toMatch(/^[0-9a-f]{8}-\d+$/);
    const post = entries.find((e) => e.method === 'POST')!;
    expect(post).toEqual({
      id: seen.find((s) => s.method === 'POST')!.id,
      ts: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      workflow: 'shop/buy',
      step: 'browse',
      method: 'POST',
      url: `${server.url}/echo`,
      requestHeaders: { 'user-agent': 'go-heavy/0.1.0', 'x-trace': 't1', 'content-type': 'application/json', 'x-request-id': post.id },
      requestBody: '{"name":"ada"}',
      status: 200,
      responseHeaders: expect.objectContaining({ 'content-type': 'application/json' }),
      responseBody: '{"echo":"{\\"name\\":\\"ada\\"}"}',
      latencyMs: expect.any(Number),
      error: null,
    });
    expect(post.latencyMs).toBeGreaterThan(0);
    expect(Math.abs(Date.parse(post.ts) - Date.now())).toBeLessThan(60_000);
  });

  it('redacts Authorization, cookies, the headers named and the secret values, everywhere', async () => {
    const { entries, raw } = await withLog({ redactHeaders: ['X-Api-Key'], redactValues: [SECRET] }, async (http) => {
      await http.post(`/secret?token=${SECRET}`, `{"password":"${SECRET}"}`, {
        headers: { Authorization: `Bearer ${SECRET}`, cookie: 'sid=abc', 'X-API-KEY': 'client-key', 'x-note': `my ${SECRET}!` },
      });
    });
    // The server did get the real header: redaction is the log's alone.
    expect(seen[0]!.authorization).toBe(`Bearer ${SECRET}`);
    expect(raw).not.toContain(SECRET);
    expect(raw).not.toContain('client-key');
    expect(raw).not.toContain('server-key');
    const [entry] = entries;
    expect(entry!.url).toBe(`${server.url}/secret?token=[REDACTED]`);
    expect(entry!.requestHeaders).toMatchObject({ authorization: '[REDACTED]', cookie: '[REDACTED]', 'x-api-key': '[REDACTED]', 'x-note': 'my [REDACTED]!' });
    expect(entry!.requestBody).toBe('{"password":"[REDACTED]"}');
    expect(entry!.responseHeaders).toMatchObject({ 'set-cookie': '[REDACTED]', 'x-echo-token': 'token [REDACTED]', 'x-api-key': '[REDACTED]' });
    expect(entry!.responseBody).toBe('{"token":"[REDACTED]"}');
  });

  it('cuts bodies at the byte limit, on a character boundary, and says so', async () => {
    const { entries } = await withLog({ bodyLimit: 10, redactValues: ['SECRETXYZ'] }, async (http) => {
      await http.post('/echo', 'short');
      // The secret straddles byte 10: none of it may be left at the cut.
      await http.post('/status/200', '1234567SECRETXYZ tail');
      await http.get('/big');
    });
    expect(entries[0]).toMatchObject({ requestBody: 'short', responseBody: '{"echo":"s' });
    expect(entries[0]!.requestBodyTruncated).toBeUndefined();
    expect(entries[0]!.responseBodyTruncated).toBe(true);
    expect(entries[1]).toMatchObject({ requestBody: '1234567', requestBodyTruncated: true, responseBody: 'status 200' });
    expect(entries[1]!.responseBodyTruncated).toBeUndefined();
    // '€' is 3 bytes: 3 of them fit in 10.
    expect(entries[2]).toMatchObject({ requestBody: null, responseBody: '€€€', responseBodyTruncated: true });
  });

  it('says a discarded response body was discarded instead of logging it', async () => {
    const { entries } = await withLog({}, async (http) => {
      await http.post('/echo', 'abc', { discardBody: true });
      await http.post('/echo', 'def');
    });
    expect(entries[0]).toMatchObject({ status: 200, requestBody: 'abc', responseBody: null, responseBodyDiscarded: true });
    expect(entries[1]).toMatchObject({ status: 200, responseBody: '{"echo":"def"}' });
    expect(entries[1]!.responseBodyDiscarded).toBeUndefined();
  });

  it('keeps none of the bodies with a limit of 0', async () => {
    const { entries } = await withLog({ bodyLimit: 0 }, (http) => http.post('/echo', 'abc'));
    expect(entries[0]).toMatchObject({ requestBody: '', requestBodyTruncated: true, responseBody: '', responseBodyTruncated: true });
  });

  it('samples requests, every one still carrying its id', async () => {
    const { entries } = await withLog({ sample: 0.5 }, async (http) => {
      for (let i = 0; i < 400; i++) await http.get(`/s/${i}`);
    });
    expect(seen).toHaveLength(400);
    const ids = new Set(seen.map((s) => s.id));
    expect(ids.size).toBe(400);
    // Binomial(400, 0.5): sd 10, so ±60 is six of them.
    expect(entries.length).toBeGreaterThan(140);
    expect(entries.length).toBeLessThan(260);
    for (const e of entries) expect(ids.has(e.id)).toBe(true);
  });

  it('keeps only failures with failedOnly: statuses from 400 and requests with no response', async () => {
    const refused = `${tls ? 'https' : 'http'}://127.0.0.1:${await closedPort()}`;
    const { entries } = await withLog(
      { failedOnly: true },
      async (http) => {
        for (const code of [200, 204, 302, 399, 400, 404, 500, 503]) await http.get(`/status/${code}`);
        await expect(http.get(`${refused}/x`)).rejects.toThrow('ECONNREFUSED');
        await expect(http.get('/hang', { timeoutMs: 100 })).rejects.toThrow('timeout');
      },
      { timeoutMs: 5_000 },
    );
    expect(entries.map((e) => e.status)).toEqual([400, 404, 500, 503, null, null]);
    expect(entries[4]).toMatchObject({ url: `${refused}/x`, status: null, responseHeaders: null, responseBody: null, error: { category: 'ECONNREFUSED' } });
    expect(entries[4]!.error!.message).toContain('ECONNREFUSED');
    expect(entries[5]).toMatchObject({ error: { category: 'timeout' } });
    expect(entries[5]!.latencyMs).toBeGreaterThanOrEqual(99);
    // The timed-out request did reach the server, with its id.
    expect(seen.find((s) => s.url === '/hang')!.id).toBe(entries[5]!.id);
  });

  it('lets two clients share one file: the first empties it, the second appends, every line whole, ids by prefix', async () => {
    const file = path.join(dir, `shared-${files++}`, 'requests.ndjson');
    mkdirSync(path.dirname(file));
    writeFileSync(file, 'left over from an earlier run\n');
    const first = createNdjsonRequestLog({ path: file, bodyLimit: 1 << 20 });
    writeFileSync(file, 'written after the first log opened\n', { flag: 'a' });
    // Opened after the first, as a worker thread's log is: keeps what is there.
    const second = createNdjsonRequestLog({ path: file, bodyLimit: 1 << 20, append: true });
    const clients = [createHttpClient({ ...target, requestLog: first, requestIdPrefix: 'run7-' }), createHttpClient({ ...target, requestLog: second, requestIdPrefix: 'run7-w1-' })];
    const PER_CLIENT = 60;
    try {
      // Large lines (6 KB bodies) written by both logs at once: a torn or interleaved write would break a line.
      await Promise.all(
        clients.map((provider) => {
          const http = provider.forScope({ baseUrl: server.url, step: new FakeStep('s'), cookies: undefined });
          return Promise.all(Array.from({ length: PER_CLIENT }, () => http.get('/big')));
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    expect(await first.close()).toEqual({ written: PER_CLIENT, dropped: 0 });
    expect(await second.close()).toEqual({ written: PER_CLIENT, dropped: 0 });
    const text = readFileSync(file, 'utf8');
    // The first log emptied the file when it opened; the second kept what was written since.
    expect(text).not.toContain('left over');
    expect(text.startsWith('written after the first log opened\n')).toBe(true);
    expect(text.endsWith('\n')).toBe(true);
    const entries = text
      .split('\n')
      .slice(1, -1)
      .map((line) => JSON.parse(line) as RequestLogEntry);
    expect(entries).toHaveLength(2 * PER_CLIENT);
    for (const e of entries) expect(e.responseBody).toBe('€'.repeat(2000));
    const ids = entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(2 * PER_CLIENT);
    expect(ids.filter((id) => /^run7-\d+$/.test(id))).toHaveLength(PER_CLIENT);
    expect(ids.filter((id) => /^run7-w1-\d+$/.test(id))).toHaveLength(PER_CLIENT);
    expect(seen.map((s) => s.id!).sort()).toEqual([...ids].sort());
  });

  it('sends the id in the header named, and keeps a request id the user set', async () => {
    const { entries } = await withLog(
      {},
      async (http) => {
        await http.get('/a');
        await http.get('/b', { headers: { 'X-Trace-Id': 'mine-1' } });
      },
      { requestIdHeader: 'X-Trace-Id' },
    );
    expect(seen.map((s) => s.id)).toEqual([undefined, undefined]);
    expect(seen.map((s) => s.traceId)).toEqual([entries[0]!.id, 'mine-1']);
    expect(entries[1]!.id).toBe('mine-1');
    expect(entries[0]!.requestHeaders['x-trace-id']).toBe(entries[0]!.id);
  });
});

describe('request log options', () => {
  it('refuses a bad sample, body limit or id header', () => {
    const file = path.join(os.tmpdir(), 'never-written.ndjson');
    expect(() => createNdjsonRequestLog({ path: file, sample: 0 })).toThrow('sample must be a number above 0 and at most 1, got 0');
    expect(() => createNdjsonRequestLog({ path: file, sample: 1.5 })).toThrow(RangeError);
    expect(() => createNdjsonRequestLog({ path: file, bodyLimit: -1 })).toThrow('bodyLimit must be a whole number of bytes, 0 or more, got -1');
    expect(() => createHttpClient({ requestIdHeader: 'x id' })).toThrow('requestIdHeader must be a header name');
    expect(() => createHttpClient({ requestIdPrefix: 'a b-' })).toThrow('requestIdPrefix must be at most 64 visible ASCII characters (no spaces), got "a b-"');
  });

  it('fails at once when the file cannot be opened', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-blocked-'));
    try {
      // A file where its folder should be.
      writeFileSync(path.join(dir, 'file'), '');
      expect(() => createNdjsonRequestLog({ path: path.join(dir, 'file', 'requests.ndjson') })).toThrow(/ENOTDIR|EEXIST/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('request log under a disk that does not keep up', () => {
  // A FIFO nobody reads stands for the slow disk (Linux, as on CI and the dev machines).
  it('drops and counts lines beyond its memory bound instead of growing or blocking', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-fifo-'));
    const fifo = path.join(dir, 'log.fifo');
    execFileSync('mkfifo', [fifo]);
    // A reader that reads nothing until the end: the pipe (64 KiB) fills, then writes wait.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    let received = 0;
    let lines = 0;
    try {
      const log = createNdjsonRequestLog({ path: fifo, maxBufferedBytes: 256 * 1024, bodyLimit: 1000 });
      const body = 'x'.repeat(1000);
      const total = 3000;
      const start = performance.now();
      // 30 turns of 100 records: each turn's write() calls return at once.
      for (let turn = 0; turn < 30; turn++) {
        for (let i = 0; i < 100; i++) log.write(fakeRecord(`${turn}-${i}`, body));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(performance.now() - start).toBeLessThan(5_000);
      const closed = log.close();
      // Drain the pipe so the pending writes (and close) can finish; bounded by a deadline.
      const buffer = Buffer.alloc(65_536);
      const deadline = Date.now() + 10_000;
      let done = false;
      void closed.then(() => (done = true));
      // Until the writer closed and the pipe is empty (a read of 0 bytes after close).
      let eof = false;
      while (!eof && Date.now() < deadline) {
        try {
          const n = readSync(reader, buffer);
          for (let i = 0; i < n; i++) if (buffer[i] === 10) lines++;
          received += n;
          eof = n === 0 && done;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
          await new Promise((resolve) => setTimeout(resolve, 1));
        }
      }
      const stats = await closed;
      expect(stats.dropped).toBeGreaterThan(0);
      expect(stats.written + stats.dropped).toBe(total);
      // What arrived through the pipe is exactly what was counted as written.
      expect(lines).toBe(stats.written);
      expect(received).toBeGreaterThan(stats.written * 1000);
    } finally {
      closeSync(reader);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function fakeRecord(id: string, body: string): RequestLogRecord {
  return {
    id,
    startedAt: Date.now(),
    workflow: 'w',
    step: 's',
    method: 'POST',
    url: 'http://127.0.0.1:1/x',
    requestHeaders: { 'user-agent': 'go-heavy/0.1.0' },
    requestBody: body,
    response: undefined,
    error: undefined,
    latencyMs: 1,
  };
}
