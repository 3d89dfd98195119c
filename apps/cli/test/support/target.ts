import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the test server saw, to compare with what go-heavy reported. */
export interface TargetStats {
  requests: number;
  byPath: Map<string, number>;
  /** Every request in the order it arrived: method, URL and headers (names lower-case). */
  seen: SeenRequest[];
}

/** One request as the server received it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
}

/**
 * A real HTTP server on 127.0.0.1 with known behaviour:
 * `/fast` 200 at once (and `/` and `/health`, which the workflow `go-heavy init` writes visits), `/slow` 200 after 50 ms, `/status/<code>` answers that code,
 * `/echo` returns the request body, `/hang` never answers, `/login?user=U` sets the cookie
 * `session=U` and `/whoami` answers with the session cookie it was sent. Counts every request on
 * arrival and keeps its method, URL and headers in `stats.seen`.
 */
export async function startTarget(): Promise<{ url: string; stats: TargetStats; close(): Promise<void> }> {
  const stats: TargetStats = { requests: 0, byPath: new Map(), seen: [] };
  const server = http.createServer((req, res) => {
    stats.requests++;
    stats.seen.push({ method: req.method ?? '', url: req.url ?? '/', headers: req.headers });
    const pathname = (req.url ?? '/').split('?')[0]!;
    stats.byPath.set(`${req.method} ${pathname}`, (stats.byPath.get(`${req.method} ${pathname}`) ?? 0) + 1);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (pathname === '/fast' || pathname === '/' || pathname === '/health') return res.end('ok');
      if (pathname === '/slow') return void setTimeout(() => res.end('slow'), 50);
      if (pathname === '/echo') return res.end(Buffer.concat(chunks));
      if (pathname === '/hang') return;
      if (pathname === '/login') {
        const user = new URL(req.url ?? '/', 'http://x').searchParams.get('user') ?? '';
        res.setHeader('set-cookie', `session=${user}; Path=/; HttpOnly`);
        return res.end('welcome');
      }
      if (pathname === '/whoami') return res.end(/session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? 'nobody');
      const status = /^\/status\/(\d{3})$/.exec(pathname);
      if (status) {
        res.statusCode = Number(status[1]);
        return res.end();
      }
      res.statusCode = 404;
      res.end('not found');
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
