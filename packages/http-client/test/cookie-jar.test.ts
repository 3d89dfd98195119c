import { createHttpClient } from '@go-heavy/http-client';
import type { RequestMetrics, StepMetrics } from '@go-heavy/core';
import { TARGETS } from './helpers/transports.js';
import { startServer, type TestServer } from './helpers/test-server.js';

/** Records nothing: these tests look at the cookies a real server sees. */
const step: StepMetrics = {
  name: 's',
  request: (): RequestMetrics => ({ recordResponse() {}, recordError() {}, recordRetry() {} }),
  record() {},
  metric: () => ({ add() {} }),
};

describe.each(TARGETS)('cookie jar ($name)', ({ tls, client: target }) => {
  let server: TestServer;
  let url: string;
  const seen: Array<string | undefined> = [];
  beforeAll(async () => {
    server = await startServer(
      (req, res) => {
        seen.push(req.headers.cookie);
        if (req.url === '/login') res.setHeader('set-cookie', ['session=abc; Path=/; HttpOnly', 'theme=dark; Path=/app']);
        if (req.url === '/logout') res.setHeader('set-cookie', 'session=; Max-Age=0; Path=/');
        if (req.url === '/foreign') res.setHeader('set-cookie', 'evil=1; Domain=example.com');
        if (req.url === '/secure') res.setHeader('set-cookie', 'token=t1; Secure; Path=/');
        res.end('ok');
      },
      { tls },
    );
    url = server.url;
  });
  afterAll(() => server.close());

  it('keeps cookies per identity, honours Path and Max-Age, refuses foreign domains', async () => {
    const provider = createHttpClient({ timeoutMs: 2000, ...target });
    const alice = provider.createCookieJar();
    const bob = provider.createCookieJar();
    const scope = { baseUrl: url, step, cookies: alice };
    const client = provider.forScope(scope);
    seen.length = 0;
    await client.get('/login');
    await client.get('/home');
    await client.get('/app/settings', { headers: { cookie: 'own=1' } });
    await client.get('/foreign');
    await client.get('/home');
    scope.cookies = bob;
    await client.get('/home');
    scope.cookies = alice;
    await client.get('/logout');
    await client.get('/app/x');
    alice.clear();
    await client.get('/home');
    expect(seen).toEqual([undefined, 'session=abc', 'own=1; session=abc; theme=dark', 'session=abc', 'session=abc', undefined, 'session=abc', 'theme=dark', undefined]);
    await provider.close();
  });

  it('sends a Secure cookie back over https only', async () => {
    const provider = createHttpClient({ timeoutMs: 2000, ...target });
    const client = provider.forScope({ baseUrl: url, step, cookies: provider.createCookieJar() });
    seen.length = 0;
    await client.get('/secure');
    await client.get('/home');
    expect(seen).toEqual([undefined, tls ? 'token=t1' : undefined]);
    await provider.close();
  });
});
