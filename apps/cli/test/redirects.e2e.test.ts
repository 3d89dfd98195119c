import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

/**
 * Each iteration follows a 301 (named, so its hop is named too), takes the same 301 by hand,
 * then runs into a redirect loop that --max-redirects stops.
 */
const FOLLOW = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('open', async () => {
      const res = await ctx.http.get('/old/' + ctx.iteration, { name: '/old/{id}' });
      ctx.check(res.status === 200 && res.url === ctx.env.BASE_URL + '/posts/' + ctx.iteration && res.redirects === 1, 'followed');
      const manual = await ctx.http.get('/old/' + ctx.iteration, { name: '/old/{id} (manual)', redirect: 'manual' });
      ctx.check(manual.status === 301 && manual.headers.location === '/posts/' + ctx.iteration, 'manual');
    });
    await ctx.step('loop', () => ctx.http.get('/loop'));
  },
});
`;

/** Many ids against a port where nothing listens: even iterations name the request, odd ones put the id in the query. */
const REFUSED = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    if (ctx.iteration % 2 === 0) await ctx.http.get('/posts/' + ctx.iteration + '/comments', { name: '/posts/{id}/comments' });
    else await ctx.http.get('/search?id=' + ctx.iteration);
  },
});
`;

const ITERATIONS = 4;

/** `/old/<id>` moved to `/posts/<id>`; `/loop` redirects to itself. Counts what it receives. */
async function startRedirectingTarget(): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const server = http.createServer((req, res) => {
    received.push(`${req.method} ${req.url}`);
    const old = /^\/old\/(\d+)$/.exec(req.url ?? '');
    if (old) return void res.writeHead(301, { location: `/posts/${old[1]}` }).end();
    if (req.url === '/loop') return void res.writeHead(302, { location: '/loop' }).end();
    res.end('post');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('go-heavy run: redirects and failure reasons (end to end)', () => {
  const project = makeProject({ 'services/web/follow.ts': FOLLOW, 'services/web/refused.ts': REFUSED });
  let target: Awaited<ReturnType<typeof startRedirectingTarget>>;
  beforeAll(async () => {
    target = await startRedirectingTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('follows redirects, records each hop once (results and request log), stops at --max-redirects and says so', async () => {
    const out = path.join(project.root, 'out', 'follow.json');
    const requestLog = path.join(project.root, 'out', 'requests.ndjson');
    const toolLog = path.join(project.root, 'out', 'tool.log');
    const res = await runCli(['run', 'web/follow', '--root', project.root, '--iterations', String(ITERATIONS), '--max-redirects', '2', '--log-requests', requestLog, '--out', out, '--quiet'], {
      env: { BASE_URL: target.url, GO_HEAVY_LOG_FILE: toolLog },
    });
    expect(res.stderr).not.toMatch(/\bat \S+:\d+:\d+/);
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    expect([wf.succeeded, wf.failed]).toEqual([ITERATIONS, 0]);
    expect(wf.checks).toEqual([
      { name: 'followed', passed: ITERATIONS, failed: 0 },
      { name: 'manual', passed: ITERATIONS, failed: 0 },
    ]);
    const requests = Object.fromEntries(wf.steps.flatMap((s) => s.requests.map((r) => [`${s.name} ${r.method} ${r.endpoint}`, { runs: r.runs, statusCodes: r.statusCodes }])));
    expect(requests).toEqual({
      // The 301 and its hop, both under the call's name.
      'open GET /old/{id}': { runs: 2 * ITERATIONS, statusCodes: { '200': ITERATIONS, '301': ITERATIONS } },
      'open GET /old/{id} (manual)': { runs: ITERATIONS, statusCodes: { '301': ITERATIONS } },
      // The first request and two hops, then the last 302 is returned.
      'loop GET /loop': { runs: 3 * ITERATIONS, statusCodes: { '302': 3 * ITERATIONS } },
    });
    // Every request the server saw is counted once, in the results and in the request log.
    const sent = 6 * ITERATIONS;
    expect(target.received).toHaveLength(sent);
    expect(result.summary.requests).toBe(sent);
    const entries = readFileSync(requestLog, 'utf8').trim().split('\n');
    expect(entries).toHaveLength(sent);
    expect(entries.filter((line) => (JSON.parse(line) as { url: string }).url === `${target.url}/posts/3`)).toHaveLength(1);
    // The limit is told once, in the tool's log, whose path the run prints.
    expect(res.stderr).toContain(`go-heavy: logs: ${toolLog}`);
    const warnings = readFileSync(toolLog, 'utf8')
      .split('\n')
      .filter((line) => line.includes('stopped after'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`GET /loop: stopped after 2 redirects (maxRedirects) and returned the last one, 302 from ${target.url}/loop`);
  }, 60_000);

  it('counts one failure reason per named endpoint, and one per path when the id is in the query', async () => {
    const out = path.join(project.root, 'out', 'refused.json');
    const iterations = 200;
    const port = await closedPort();
    const res = await runCli(['run', 'web/refused', '--root', project.root, '--iterations', String(iterations), '--out', out, '--quiet'], { env: { BASE_URL: `http://127.0.0.1:${port}` } });
    expect(res.code).toBe(0);
    const wf = readResults(out).workflows[0]!;
    expect(wf.failed).toBe(iterations);
    expect(wf.errors).toEqual({ ECONNREFUSED: iterations });
    expect(wf.failureReasons).toEqual({
      'HttpRequestError: ECONNREFUSED: GET /posts/{id}/comments': iterations / 2,
      'HttpRequestError: ECONNREFUSED: GET /search': iterations / 2,
    });
  }, 60_000);
});
