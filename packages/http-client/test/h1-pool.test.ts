import { createHash } from 'node:crypto';
import type { HttpClientProvider, HttpResponse } from '@go-heavy/core';
import { createHttpClient, HttpRequestError } from '../src/index.js';
import { H1Response } from '../src/h1/h1-response.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { startRawServer, type RawServer } from './helpers/raw-server.js';
import { closedPort, readRequestBody, startServer, type TestServer } from './helpers/test-server.js';
import { failure } from './helpers/failure.js';

const clients: HttpClientProvider[] = [];
const servers: Array<TestServer | RawServer> = [];

function client(options: { connections?: number; timeoutMs?: number } = {}): HttpClientProvider {
  const made = createHttpClient({ timeoutMs: 5_000, ...options });
  clients.push(made);
  return made;
}

async function server(...args: Parameters<typeof startServer>): Promise<TestServer> {
  const started = await startServer(...args);
  servers.push(started);
  return started;
}

async function raw(...args: Parameters<typeof startRawServer>): Promise<RawServer> {
  const started = await startRawServer(...args);
  servers.push(started);
  return started;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close({ force: true })));
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function user(provider: HttpClientProvider, baseUrl: string, step = new FakeStep('s')) {
  return { http: provider.forScope({ baseUrl, step, cookies: undefined }), step };
}

function bytesOf(res: HttpResponse): Buffer {
  expect(res).toBeInstanceOf(H1Response);
  return (res as H1Response).rawBody();
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('connections', () => {
  it('reuses one keep-alive connection for 50 sequential requests', async () => {
    const target = await server((_req, res) => res.end('ok'));
    const { http, step } = user(client(), target.url);
    for (let i = 0; i < 50; i++) expect((await http.get(`/k/${i}`)).body).toBe('ok');
    expect([target.connections, target.received.length, step.log.length]).toEqual([1, 50, 50]);
  });

  it('opens at most `connections` sockets and queues the rest in order', async () => {
    const target = await server((req, res) => {
      setTimeout(() => res.end(req.url), 20);
    });
    const { http, step } = user(client({ connections: 2 }), target.url);
    const results = await Promise.all(Array.from({ length: 10 }, (_v, i) => http.get(`/p/${i}`)));
    expect(results.map((r) => r.body)).toEqual(Array.from({ length: 10 }, (_v, i) => `/p/${i}`));
    expect(target.connections).toBe(2);
    expect(target.received).toEqual(Array.from({ length: 10 }, (_v, i) => `GET /p/${i}`));
    expect(step.log).toHaveLength(10);
    // Queued requests count their wait: the last ones waited for four rounds of 20 ms.
    expect(Math.max(...step.log.map((r) => r.latencyMs))).toBeGreaterThanOrEqual(80);
  });

  it('drops a socket the server closed while idle, and sends the next request on a new one', async () => {
    const target = await server((_req, res) => res.end('ok'), { keepAliveTimeout: 50 });
    const { http, step } = user(client(), target.url);
    expect((await http.get('/a')).status).toBe(200);
    // Node 20's server closes keepAliveTimeout + 1 s (a fixed buffer) after the response.
    await sleep(1_200);
    expect((await http.get('/b')).status).toBe(200);
    expect(target.connections).toBe(2);
    expect(target.received).toEqual(['GET /a', 'GET /b']);
    expect(step.log.map((r) => r.status)).toEqual([200, 200]);
  });

  it('drops a socket a raw server closed 50 ms after its response', async () => {
    const target = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      setTimeout(() => socket.end(), 50);
    });
    const { http, step } = user(client(), target.url);
    expect((await http.get('/a')).body).toBe('ok');
    await sleep(200);
    expect((await http.get('/b')).body).toBe('ok');
    expect([target.connections, target.requests]).toEqual([2, 2]);
    expect(step.log.map((r) => r.status)).toEqual([200, 200]);
  });

  it('closes the connection after a `connection: close` response', async () => {
    const target = await server((_req, res) => res.setHeader('connection', 'close').end('bye'));
    const { http, step } = user(client(), target.url);
    for (let i = 0; i < 5; i++) expect((await http.get('/c')).body).toBe('bye');
    expect(target.connections).toBe(5);
    expect(step.log).toHaveLength(5);
  });

  it('reuses the connection after a HEAD response that announced a body', async () => {
    const target = await server((req, res) => res.writeHead(200, { 'content-length': 5 }).end(req.method === 'HEAD' ? undefined : 'hello'));
    const { http } = user(client(), target.url);
    const head = await http.request({ method: 'HEAD', url: '/h' });
    expect([head.status, head.body, head.headers['content-length']]).toEqual([200, '', '5']);
    expect((await http.get('/h')).body).toBe('hello');
    expect(target.connections).toBe(1);
  });

  it('keeps concurrent responses apart', async () => {
    const target = await server((req, res) => {
      setTimeout(() => res.end(`${req.url}:${'x'.repeat(Number(req.url!.slice(3)) * 97)}`), Math.random() * 5);
    });
    const { http, step } = user(client({ connections: 8 }), target.url);
    const bodies = await Promise.all(Array.from({ length: 200 }, (_v, i) => http.get(`/r/${i}`).then((r) => r.body)));
    bodies.forEach((body, i) => expect(body).toBe(`/r/${i}:${'x'.repeat(i * 97)}`));
    expect(step.log).toHaveLength(200);
    expect(target.connections).toBeLessThanOrEqual(8);
  });
});

describe('transport choice', () => {
  it('sends https: origins through undici, which speaks TLS (here to a plain server, so it fails)', async () => {
    const target = await server((_req, res) => res.end('plain'));
    const { http, step } = user(client({ timeoutMs: 2_000 }), target.url);
    const err = await failure(http.get(`${target.url.replace('http:', 'https:')}/tls`));
    expect(err.category).not.toBe('timeout');
    expect(step.log).toHaveLength(1);
    expect((await http.get('/plain')).body).toBe('plain');
  });

  it('validates the transport option', () => {
    expect(() => createHttpClient({ transport: 'h2' as never })).toThrow(/transport must be 'auto' or 'undici'/);
  });
});

describe('failures, each recorded once', () => {
  it('records ECONNREFUSED when nothing listens', async () => {
    const port = await closedPort();
    const { http, step } = user(client(), `http://127.0.0.1:${port}`);
    const err = await failure(http.get('/x'));
    expect(err.category).toBe('ECONNREFUSED');
    expect(step.log.map((r) => r.category)).toEqual(['ECONNREFUSED']);
  });

  it('records ECONNRESET, once and without retrying, when the server destroys the socket mid-body', async () => {
    const target = await raw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial');
      setTimeout(() => socket.destroy(), 20);
    });
    const { http, step } = user(client(), target.url);
    const err = await failure(http.get('/cut'));
    expect(err.category).toBe('ECONNRESET');
    await sleep(50);
    expect([target.requests, step.log.map((r) => r.category)]).toEqual([1, ['ECONNRESET']]);
  });

  it('records ECONNRESET when the server hangs up mid-chunked-body or before answering', async () => {
    const target = await raw((socket, index) => {
      if (index === 0) socket.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel');
      else socket.end();
    });
    const { http, step } = user(client(), target.url);
    expect((await failure(http.get('/chunked'))).category).toBe('ECONNRESET');
    expect((await failure(http.get('/silent'))).category).toBe('ECONNRESET');
    expect(target.requests).toBe(2);
    expect(step.log.map((r) => r.category)).toEqual(['ECONNRESET', 'ECONNRESET']);
  });

  it('times out a hanging request at its timeoutMs, with a timer per client not per request', async () => {
    const target = await server(() => {});
    const { http, step } = user(client(), target.url);
    const started = performance.now();
    const err = await failure(http.get('/hang', { timeoutMs: 200 }));
    const elapsed = performance.now() - started;
    expect(err.category).toBe('timeout');
    expect(elapsed).toBeGreaterThanOrEqual(195);
    expect(elapsed).toBeLessThan(300);
    expect(step.log.map((r) => r.category)).toEqual(['timeout']);
  });

  it('times out a shorter deadline sent after a longer one at its own time, and the longer one at its', async () => {
    const target = await server(() => {});
    const { http } = user(client(), target.url);
    const started = performance.now();
    const long = failure(http.get('/hang', { timeoutMs: 600 })).then((err) => ({ err, elapsed: performance.now() - started }));
    const short = failure(http.get('/hang', { timeoutMs: 150 })).then((err) => ({ err, elapsed: performance.now() - started }));
    const [first, second] = await Promise.all([short, long]);
    expect(first.err.category).toBe('timeout');
    expect(first.elapsed).toBeGreaterThanOrEqual(145);
    expect(first.elapsed).toBeLessThan(300);
    expect(second.err.category).toBe('timeout');
    expect(second.elapsed).toBeGreaterThanOrEqual(595);
    expect(second.elapsed).toBeLessThan(800);
  });

  it('times out a request still queued for a connection', async () => {
    const target = await server((req, res) => {
      if (req.url !== '/hang') res.end('ok');
    });
    const { http, step } = user(client({ connections: 1 }), target.url);
    const hanging = failure(http.get('/hang', { timeoutMs: 400 }));
    const queued = await failure(http.get('/queued', { timeoutMs: 100 }));
    expect(queued.category).toBe('timeout');
    expect(queued.latencyMs).toBeGreaterThanOrEqual(100);
    expect(queued.latencyMs).toBeLessThan(250);
    expect(target.received).toEqual(['GET /hang']);
    expect((await hanging).category).toBe('timeout');
    // The pool recovers: the timed-out socket was replaced.
    expect((await http.get('/after')).body).toBe('ok');
    expect(step.log.map((r) => `${r.endpoint} ${r.category ?? r.status}`)).toEqual(['/queued timeout', '/hang timeout', '/after 200']);
  });

  it('fails a header block over the limit as other', async () => {
    const target = await raw((socket) => socket.write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`));
    const { http, step } = user(client(), target.url);
    const err = await failure(http.get('/big'));
    expect([err.category, (err.cause as { code?: string }).code]).toEqual(['other', 'GO_HEAVY_H1_HEADERS_TOO_LARGE']);
    expect(step.log).toHaveLength(1);
  });

  it('fails a malformed response as other', async () => {
    const target = await raw((socket) => socket.write('HTTP/1.1 OK 200\r\n\r\n'));
    const { http, step } = user(client(), target.url);
    const err = await failure(http.get('/bad'));
    expect([err.category, (err.cause as { code?: string }).code]).toEqual(['other', 'GO_HEAVY_H1_PROTOCOL']);
    expect(step.log.map((r) => r.category)).toEqual(['other']);
  });

  it('fails a head with bare LF line ends as other at once, not at the timeout', async () => {
    const target = await raw((socket, index) => {
      if (index === 0) socket.write('HTTP/1.1 200 OK\nContent-Length: 2\n\nok');
      // Dripped: the bare LF comes in a packet of its own, after the status line.
      else {
        socket.write('HTTP/1.1 200 OK');
        setTimeout(() => socket.write('\nContent-Length: 2\n\nok'), 20);
      }
    });
    const { http, step } = user(client(), target.url);
    for (const path of ['/whole', '/dripped']) {
      const err = await failure(http.get(path, { timeoutMs: 3_000 }));
      expect([err.category, (err.cause as { code?: string }).code]).toEqual(['other', 'GO_HEAVY_H1_PROTOCOL']);
      // Without the fix it waited the whole 3 s and was recorded as a timeout.
      expect(err.latencyMs).toBeLessThan(1_500);
    }
    expect(step.log.map((r) => r.category)).toEqual(['other', 'other']);
    expect(target.requests).toBe(2);
  });

  it('rejects a request it cannot encode without recording it', async () => {
    const target = await server((_req, res) => res.end());
    const { http, step } = user(client(), target.url);
    await expect(http.get('/x', { headers: { 'x-a': 'a\r\nb: c' } })).rejects.toThrow(/invalid value for request header/);
    expect([step.log, target.received]).toEqual([[], []]);
  });
});

describe('exactly once', () => {
  it('records every request once under a mix of answers, resets, closes and hangs; retries only resets before an answer, once', async () => {
    const seen = [0, 0, 0, 0, 0];
    const target = await raw((socket, _index, head) => {
      const kind = Number(/\/(\d+)/.exec(head)![1]) % 5;
      seen[kind]++;
      if (kind === 0) socket.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
      else if (kind === 1) socket.destroy();
      else if (kind === 2) socket.end('HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok');
      else if (kind === 3) socket.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n');
      // kind 4 hangs until the timeout
    });
    const { http, step } = user(client({ connections: 4 }), target.url);
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_v, i) =>
        http.get(`/${i}`, { timeoutMs: i % 5 === 4 ? 30 : 5_000 }).then(
          (r) => `${i % 5} ${r.status}`,
          (e: HttpRequestError) => `${i % 5} ${e.category}`,
        ),
      ),
    );
    expect(new Set(outcomes)).toEqual(new Set(['0 200', '1 ECONNRESET', '2 200', '3 200', '4 timeout']));
    expect(step.log).toHaveLength(200);
    // Only the GETs the server reset without a byte of answer, on a reused connection, went out
    // a second time, each once (the second on a fresh connection, which is never retried).
    const retried = step.retried.map((r) => Number(r.slice('GET /'.length)));
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((i) => i % 5 === 1)).toBe(true);
    expect(new Set(retried).size).toBe(retried.length);
    // Each other request reached the server once; those that hang may time out still queued.
    expect([seen[0], seen[1], seen[2], seen[3]]).toEqual([40, 40 + retried.length, 40, 40]);
    expect(seen[4]).toBeLessThanOrEqual(40);
    expect(step.log.filter((r) => r.category !== undefined)).toHaveLength(80);
  });
});

describe('close', () => {
  it('with force interrupts the request in flight and the queued one', async () => {
    const target = await server(() => {});
    const provider = client({ connections: 1 });
    const { http, step } = user(provider, target.url);
    const inFlight = failure(http.get('/hang'));
    const queued = failure(http.get('/queued'));
    await target.receivedAtLeast(1);
    await provider.close({ force: true });
    expect([(await inFlight).category, (await queued).category]).toEqual(['interrupted', 'interrupted']);
    expect(step.log.map((r) => `${r.endpoint} ${r.category}`)).toEqual(['/queued interrupted', '/hang interrupted']);
  });

  it('gracefully lets in-flight and queued requests finish, then closes', async () => {
    const target = await server((_req, res) => setTimeout(() => res.end('done'), 30));
    const provider = client({ connections: 1 });
    const { http, step } = user(provider, target.url);
    const both = Promise.all([http.get('/a'), http.get('/b')]);
    await target.receivedAtLeast(1);
    await provider.close();
    expect((await both).map((r) => r.body)).toEqual(['done', 'done']);
    expect((await failure(http.get('/late'))).category).toBe('interrupted');
    expect(step.log.map((r) => r.status ?? r.category)).toEqual([200, 200, 'interrupted']);
  });
});

describe('bodies', () => {
  it('receives 1 MB intact, content-length and chunked', async () => {
    const big = Buffer.from(Array.from({ length: 1 << 20 }, (_v, i) => (i * 31 + (i >> 8)) % 256));
    const target = await server((req, res) => {
      if (req.url === '/chunked') {
        for (let at = 0; at < big.length; at += 100_003) res.write(big.subarray(at, at + 100_003));
        res.end();
      } else {
        res.writeHead(200, { 'content-length': big.length }).end(big);
      }
    });
    const { http } = user(client(), target.url);
    expect(sha(bytesOf(await http.get('/length')))).toBe(sha(big));
    const chunked = await http.get('/chunked');
    expect(chunked.headers['transfer-encoding']).toBe('chunked');
    expect(sha(bytesOf(chunked))).toBe(sha(big));
    expect(target.connections).toBe(1);
  });

  it('sends 1 MB request bodies intact, text and bytes', async () => {
    const target = await server((req, res) => {
      const hash = createHash('sha256');
      req.on('data', (chunk: Buffer) => hash.update(chunk));
      req.on('end', () => res.end(hash.digest('hex')));
    });
    const { http } = user(client(), target.url);
    const text = 'ü€'.repeat(200_000);
    expect((await http.post('/up', text)).body).toBe(sha(Buffer.from(text)));
    const bytes = new Uint8Array(1 << 20).map((_v, i) => i % 251);
    expect((await http.put('/up', bytes)).body).toBe(sha(bytes));
    expect((await http.post('/up', { small: true })).body).toBe(sha(Buffer.from('{"small":true}')));
    expect(target.connections).toBe(1);
  });

  it('decodes UTF-8 split across packets, and keeps binary bytes', async () => {
    const text = Buffer.from('prix: 5€ ✓ 日本語 🚀');
    const binary = Buffer.from(Array.from({ length: 1024 }, (_v, i) => (i * 13) % 256));
    const target = await raw((socket, index) => {
      const body = index === 0 ? text : binary;
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      // One byte per packet for the text, so multi-byte characters arrive split.
      let at = 0;
      const drip = () => {
        if (at >= body.length) return;
        const size = index === 0 ? 1 : 100;
        socket.write(body.subarray(at, (at += size)));
        setTimeout(drip, 1);
      };
      drip();
    });
    const { http } = user(client(), target.url);
    expect((await http.get('/text')).body).toBe('prix: 5€ ✓ 日本語 🚀');
    expect(bytesOf(await http.get('/binary')).equals(binary)).toBe(true);
    expect(target.connections).toBe(1);
  });

  it('reads a body delimited by the end of the connection, then opens a new one', async () => {
    const target = await raw((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: text/plain\r\n\r\nto the end'));
    const { http, step } = user(client(), target.url);
    expect((await http.get('/1')).body).toBe('to the end');
    expect((await http.get('/2')).body).toBe('to the end');
    expect([target.connections, step.log.length]).toEqual([2, 2]);
  });

  it('skips 100 Continue and closes a socket that sent bytes beyond the response', async () => {
    const target = await raw((socket) => socket.write('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokGARBAGE'));
    const { http, step } = user(client(), target.url);
    expect((await http.get('/1')).body).toBe('ok');
    expect((await http.get('/2')).body).toBe('ok');
    expect([target.connections, step.log.map((r) => r.status)]).toEqual([2, [200, 200]]);
  });

  it('echoes what node:http received', async () => {
    const target = await server(async (req, res) => res.end(`${req.method} ${req.headers['content-length']} ${await readRequestBody(req)}`));
    const { http } = user(client(), target.url);
    expect((await http.post('/e', 'abc')).body).toBe('POST 3 abc');
    expect((await http.post('/e')).body).toBe('POST 0 ');
    expect((await http.delete('/e')).body).toBe('DELETE undefined ');
  });
});
