import { createHttpClient } from '../src/index.js';
import type { HttpClientProvider } from '@go-heavy/core';
import { FakeStep } from './helpers/fake-metrics.js';
import { startServer, type TestServer } from './helpers/test-server.js';
import { failure } from './helpers/failure.js';

describe('https with a self-signed certificate', () => {
  let secure: TestServer;
  let plain: TestServer;
  const clients: HttpClientProvider[] = [];

  function client(options: Parameters<typeof createHttpClient>[0] = {}): HttpClientProvider {
    const made = createHttpClient({ timeoutMs: 5_000, ...options });
    clients.push(made);
    return made;
  }

  beforeAll(async () => {
    secure = await startServer((_req, res) => res.end('over tls'), { tls: true });
    plain = await startServer((_req, res) => res.end('plain'));
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close({ force: true })));
  });
  afterAll(async () => {
    await secure.close();
    await plain.close();
  });

  it('fails by default as tls-cert, saying why and how to accept it, and counts it once', async () => {
    const step = new FakeStep('s');
    const err = await failure(client().forScope({ baseUrl: secure.url, step, cookies: undefined }).get('/x'));
    expect(err.category).toBe('tls-cert');
    expect((err.cause as { code?: string }).code).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(err.message).toBe(
      `tls-cert: GET ${secure.url}/x: the server's certificate is not trusted: self-signed certificate (DEPTH_ZERO_SELF_SIGNED_CERT); ` +
        'accept it with insecure: true (go-heavy run --insecure), or trust its CA with NODE_EXTRA_CA_CERTS',
    );
    expect(step.log).toEqual([{ step: 's', method: 'GET', endpoint: '/x', latencyMs: err.latencyMs, category: 'tls-cert' }]);
    // The handshake failed: no request reached the server.
    expect(secure.received).toEqual([]);
  });

  it('accepts it with insecure: true, over one keep-alive connection', async () => {
    const step = new FakeStep('s');
    const user = client({ insecure: true }).forScope({ baseUrl: secure.url, step, cookies: undefined });
    const before = secure.connections;
    for (let i = 0; i < 5; i++) expect((await user.get(`/ok/${i}`)).body).toBe('over tls');
    expect(step.log.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(secure.connections - before).toBe(1);
  });

  it('fails as tls when the server does not speak TLS, and says so', async () => {
    const step = new FakeStep('s');
    const url = plain.url.replace('http:', 'https:');
    const err = await failure(client({ insecure: true }).forScope({ baseUrl: url, step, cookies: undefined }).get('/x'));
    expect(err.category).toBe('tls');
    expect(err.message).toMatch(new RegExp(`^tls: GET ${url}/x: TLS handshake failed \\(ERR_SSL_[A-Z_]+\\): does the server speak TLS on this port\\?$`));
    expect(step.log.map((r) => r.category)).toEqual(['tls']);
  });
});
