import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpClient, HttpClientProvider, RequestScope } from '@go-heavy/core';
import { createHttpClient } from '../src/index.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { TARGETS } from './helpers/transports.js';
import { readRequestBody, startServer, type TestServer } from './helpers/test-server.js';

/** What the echo route saw. */
interface Echo {
  method: string;
  url: string;
  contentType: string | null;
  userAgent: string | null;
  trace: string | null;
  body: string;
}

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const status = /^\/status\/(\d{3})$/.exec(url.pathname);
  if (status) {
    res.writeHead(Number(status[1]), { 'content-type': 'text/plain' }).end(`status ${status[1]}`);
  } else if (url.pathname === '/text') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<html>not json</html>');
  } else if (url.pathname === '/utf8') {
    // '€' is three bytes: split it across two writes.
    const bytes = Buffer.from('prix: 5€ ✓', 'utf8');
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    res.write(bytes.subarray(0, 9));
    setImmediate(() => res.end(bytes.subarray(9)));
  } else if (url.pathname === '/bom') {
    // A UTF-8 byte order mark before the JSON, as some Windows stacks send.
    res.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.from('\ufeff{"with":"bom"}', 'utf8'));
  } else if (url.pathname === '/slow') {
    const timer = setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms')));
    res.on('close', () => clearTimeout(timer));
  } else {
    const echo: Echo = {
      method: req.method ?? '',
      url: req.url ?? '',
      contentType: req.headers['content-type'] ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      trace: (req.headers['x-trace'] as string | undefined) ?? null,
      body: await readRequestBody(req),
    };
    res.writeHead(200, { 'content-type': 'application/json', 'set-cookie': ['a=1', 'b=2'] }).end(JSON.stringify(echo));
  }
}

describe.each(TARGETS)('$name', ({ tls, client: target }) => {
  let server: TestServer;
  let provider: HttpClientProvider;
  let step: FakeStep;
  let scope: RequestScope;
  let http: HttpClient;

  beforeAll(async () => {
    server = await startServer((req, res) => void route(req, res), { tls });
    provider = createHttpClient({ timeoutMs: 5_000, ...target });
  });

  afterAll(async () => {
    await provider.close();
    await server.close();
  });

  beforeEach(() => {
    step = new FakeStep('step');
    scope = { baseUrl: server.url, step, cookies: undefined };
    http = provider.forScope(scope);
  });

  describe('methods and bodies', () => {
    it('sends a GET with the default user-agent and no body', async () => {
      const res = await http.get('/echo');
      const echo = res.json<Echo>();
      expect(echo).toMatchObject({ method: 'GET', url: '/echo', body: '', contentType: null, userAgent: 'go-heavy/0.1.0' });
    });

    it('sends an object as JSON with content-type application/json', async () => {
      const echo = (await http.post('/echo', { name: 'ada', tags: [1, 2] })).json<Echo>();
      expect(echo).toMatchObject({ method: 'POST', contentType: 'application/json', body: '{"name":"ada","tags":[1,2]}' });
    });

    it('sends a string as is, with the content type the user chose', async () => {
      const echo = (await http.put('/echo', 'a=1&b=2', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } })).json<Echo>();
      expect(echo).toMatchObject({ method: 'PUT', contentType: 'application/x-www-form-urlencoded', body: 'a=1&b=2' });
    });

    it('sends bytes as they are', async () => {
      const echo = (await http.patch('/echo', new TextEncoder().encode('raw bytes'))).json<Echo>();
      expect(echo).toMatchObject({ method: 'PATCH', contentType: null, body: 'raw bytes' });
    });

    it('sends a DELETE', async () => {
      expect((await http.delete('/echo/7')).json<Echo>()).toMatchObject({ method: 'DELETE', url: '/echo/7' });
    });

    it('sends an array as JSON and keeps a JSON content type the user set', async () => {
      const res = await http.request({ method: 'post', url: '/echo', body: [1, 2], headers: { 'content-type': 'application/vnd.api+json' } });
      expect(res.json<Echo>()).toMatchObject({ method: 'POST', contentType: 'application/vnd.api+json', body: '[1,2]' });
    });

    it('merges user headers over the defaults, names lower-cased', async () => {
      const echo = (await http.get('/echo', { headers: { 'X-Trace': 'abc', 'User-Agent': 'mine/1' } })).json<Echo>();
      expect(echo).toMatchObject({ trace: 'abc', userAgent: 'mine/1' });
    });

    it('sends the configured user-agent', async () => {
      const other = createHttpClient({ userAgent: 'team-load/2', ...target });
      try {
        const echo = (await other.forScope(scope).get('/echo')).json<Echo>();
        expect(echo.userAgent).toBe('team-load/2');
      } finally {
        await other.close();
      }
    });
  });

  describe('tags', () => {
    it('records a tagged request as its own series, tags sorted, beside the untagged one', async () => {
      await http.get('/echo?q=1', { tags: { kind: 'search', page: '2' } });
      await http.get('/echo?q=2', { name: '/echo', tags: { page: '2', kind: 'search' } });
      await http.get('/echo');
      expect(step.log.map((r) => [r.method, r.endpoint, r.tags, r.status])).toEqual([
        ['GET', '/echo', '{kind=search,page=2}', 200],
        ['GET', '/echo', '{kind=search,page=2}', 200],
        ['GET', '/echo', undefined, 200],
      ]);
    });

    it.each([
      [{ kind: 5 }, 'tags: tag "kind": expected a string value, got number'],
      [{ 'my-kind': 'x' }, 'tags: tag "my-kind": expected a key of letters, digits and _ (not starting with a digit)'],
      [{ kind: 'a,b' }, 'tags: tag "kind": expected a value of 1 to 100 characters without { } = , or control characters, got "a,b"'],
      ['kind=search', 'tags: expected an object of string values like { kind: \'search\' }, got "kind=search"'],
    ])('rejects bad tags %j before sending, naming what was expected', async (tags, message) => {
      const before = server.received.length;
      await expect(http.get('/echo', { tags: tags as never })).rejects.toThrow(message);
      expect(server.received.length).toBe(before);
      expect(step.log).toEqual([]);
    });
  });

  describe('responses', () => {
    it('resolves and records 200, 404 and 500 alike', async () => {
      const statuses: number[] = [];
      for (const code of [200, 404, 500]) statuses.push((await http.get(`/status/${code}`)).status);
      expect(statuses).toEqual([200, 404, 500]);
      expect(step.log.map((r) => [r.endpoint, r.status])).toEqual([
        ['/status/200', 200],
        ['/status/404', 404],
        ['/status/500', 500],
      ]);
    });

    it('gives the body as text, headers as a plain object, the absolute URL and the latency', async () => {
      const res = await http.get('/echo?q=1');
      expect(typeof res.body).toBe('string');
      expect(res.headers['content-type']).toBe('application/json');
      expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
      expect(Object.getPrototypeOf(res.headers)).toBe(Object.prototype);
      expect(res.url).toBe(`${server.url}/echo?q=1`);
      expect(res.latencyMs).toBeGreaterThan(0);
      expect(res.latencyMs).toBe(step.log[0].latencyMs);
    });

    it('decodes UTF-8 split across chunks', async () => {
      expect((await http.get('/utf8')).body).toBe('prix: 5€ ✓');
    });

    it('drops a leading UTF-8 byte order mark, so json() parses such a body', async () => {
      const res = await http.get('/bom');
      expect(res.body).toBe('{"with":"bom"}');
      expect(res.json()).toEqual({ with: 'bom' });
    });

    it('parses JSON lazily and names the URL when the body is not JSON', async () => {
      const json = await http.get('/echo');
      expect(json.json()).toBe(json.json());
      const html = await http.get('/text');
      expect(() => html.json()).toThrow(`response to GET ${server.url}/text is not JSON (status 200, content-type text/html)`);
    });
  });

  describe('recording', () => {
    it('records each call once, under the path without query or the explicit name', async () => {
      await http.get('/users/17?expand=true');
      await http.get('/users/18', { name: '/users/{id}' });
      await http.post('/users', { a: 1 });
      expect(step.log.map((r) => `${r.step} ${r.method} ${r.endpoint} ${r.status}`)).toEqual(['step GET /users/17 200', 'step GET /users/{id} 200', 'step POST /users 200']);
    });

    it('reads scope.step when each request starts', async () => {
      const log = step.log;
      const login = new FakeStep('login', log);
      const browse = new FakeStep('browse', log);
      scope.step = login;
      await http.get('/a');
      scope.step = browse;
      await http.get('/b');
      // Started in `browse`, finishing after the user moved on: still recorded in `browse`.
      const pending = http.get('/slow?ms=30');
      scope.step = login;
      await pending;
      expect(log.map((r) => `${r.step} ${r.endpoint}`)).toEqual(['login /a', 'browse /b', 'browse /slow']);
    });

    it('sends absolute URLs to their own origin and appends relative ones to the BASE_URL path', async () => {
      const absolute = await http.get(`${server.url}/abs?x=1`);
      expect(absolute.json<Echo>().url).toBe('/abs?x=1');
      const prefixed = provider.forScope({ baseUrl: `${server.url}/api/v1/`, step, cookies: undefined });
      expect((await prefixed.get('/users')).json<Echo>().url).toBe('/api/v1/users');
      expect(step.log.map((r) => r.endpoint)).toEqual(['/abs', '/api/v1/users']);
    });

    it('rejects a relative URL without BASE_URL, recording nothing', async () => {
      const noBase = provider.forScope({ baseUrl: undefined, step, cookies: undefined });
      await expect(noBase.get('/x')).rejects.toThrow("relative URL '/x' needs BASE_URL to be set");
      await expect(http.get('ftp://example.invalid/x')).rejects.toThrow(/only http: and https:/);
      await expect(http.get('/x', { timeoutMs: 0 })).rejects.toThrow(RangeError);
      expect(step.log).toEqual([]);
    });
  });

  describe('connections', () => {
    it('reuses one keep-alive connection for sequential requests', async () => {
      const counted = await startServer((_req, res) => res.end('ok'), { tls });
      const client = createHttpClient(target);
      try {
        const user = client.forScope({ baseUrl: counted.url, step, cookies: undefined });
        for (let i = 0; i < 50; i++) await user.get(`/k/${i}`);
        expect(counted.received).toHaveLength(50);
        expect(counted.connections).toBe(1);
        expect(step.log).toHaveLength(50);
      } finally {
        await client.close();
        await counted.close();
      }
    });

    it('validates its options', () => {
      expect(() => createHttpClient({ timeoutMs: 0 })).toThrow(/timeoutMs/);
      expect(() => createHttpClient({ timeoutMs: Infinity })).toThrow(/timeoutMs/);
      expect(() => createHttpClient({ connections: 0 })).toThrow(/connections/);
      expect(() => createHttpClient({ connections: 1.5 })).toThrow(/connections/);
    });
  });
});
