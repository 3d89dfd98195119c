// --workers behaves as one thread does at the edges of a run: Ctrl-C stops every worker
// gracefully and still writes the summary, --out, the HTML report and the history; a second
// Ctrl-C cuts hung iterations short, counted as interrupted; init and cleanup run once.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

const steady = `import { workflow } from '@go-heavy/core';
export default workflow({
  async init(ctx) { await ctx.http.get('/init'); return { n: 1 }; },
  async run(ctx) { await ctx.http.get('/work'); },
  async cleanup(ctx) { await ctx.http.get('/cleanup'); },
});
`;
const fails = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { const res = await ctx.http.get('/fail'); ctx.check(res.status === 200, 'ok'); } });
`;
const hangs = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) { await ctx.http.get('/work'); await new Promise(() => {}); },
});
`;

describe('go-heavy run --workers: Ctrl-C, cleanups and history as on one thread', () => {
  let server: http.Server;
  let url: string;
  const seen = new Map<string, number>();
  let project: ReturnType<typeof makeProject>;
  const total = () => [...seen.values()].reduce((a, b) => a + b, 0);
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.set(req.url!, (seen.get(req.url!) ?? 0) + 1);
      res.statusCode = req.url === '/fail' ? 500 : 200;
      setTimeout(() => res.end('ok'), 5);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = makeProject({
      'services/shop/env.default': `BASE_URL=${url}\n`,
      'services/shop/steady.ts': steady,
      'services/stuck/env.default': `BASE_URL=${url}\n`,
      'services/stuck/hang.ts': hangs,
      'services/flaky/env.default': `BASE_URL=${url}\n`,
      'services/flaky/fails.ts': fails,
      'services/flaky/heavy.config.ts': `export default { thresholds: [{ expr: 'flaky/fails error-rate < 1%', abortOnFail: true }] };\n`,
    });
  });
  afterAll(async () => {
    project.remove();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('Ctrl-C: every worker stops gracefully; summary, --out, --html and history are written; init and cleanup ran once; exit 130', async () => {
    seen.clear();
    const out = path.join(project.root, 'out/int.json');
    const html = path.join(project.root, 'out/int.html');
    const started = Date.now();
    const res = await runCli(['run', 'shop', '--root', project.root, '--workers', '2', '--users', '4', '--duration', '60s', '--warmup', '0s', '--out', out, '--html', html], {
      timeoutMs: 60_000,
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 3000),
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.code).toBe(130);
    expect(res.stdout).toMatch(/INTERRUPTED/);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.workers).toBe(2);
    expect(result.summary.interrupted).toBe(true);
    expect(result.summary.workflowsFailed).toBe(0);
    expect(result.summary.requests).toBe(total());
    expect(seen.get('/init')).toBe(1);
    expect(seen.get('/cleanup')).toBe(1);
    expect(seen.get('/work')).toBeGreaterThan(0);
    expect(existsSync(html)).toBe(true);
    const history = await runCli(['history', 'shop', '--root', project.root, '--stat', 'runs'], { timeoutMs: 30_000 });
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(String(result.workflows[0]!.runs));
  }, 60_000);

  it("abortOnFail reads the workers' merged results each second: the run stops early, exit 99, every request counted", async () => {
    seen.clear();
    const out = path.join(project.root, 'out/abort.json');
    const started = Date.now();
    const res = await runCli(['run', 'flaky', '--root', project.root, '--workers', '2', '--users', '2', '--duration', '60s', '--warmup', '0s', '--no-history', '-q', '--out', out], {
      timeoutMs: 60_000,
    });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(res.code).toBe(99);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.abortedBy).toBe('flaky/fails error-rate < 1%');
    expect(result.summary.interrupted).toBe(false);
    expect(result.summary.requests).toBe(total());
    expect(result.summary.workflowsFailed).toBeGreaterThan(0);
  }, 60_000);

  it('a second Ctrl-C cuts hung iterations short in every worker: counted as interrupted, each request once', async () => {
    seen.clear();
    const out = path.join(project.root, 'out/double.json');
    const res = await runCli(
      ['run', 'stuck', '--root', project.root, '--workers', '2', '--users', '4', '--duration', '60s', '--warmup', '0s', '--graceful-stop', '60s', '--no-history', '-q', '--out', out],
      {
        timeoutMs: 60_000,
        onSpawn: (child) => {
          setTimeout(() => child.kill('SIGINT'), 2500);
          setTimeout(() => child.kill('SIGINT'), 4000);
        },
      },
    );
    expect(res.code).toBe(130);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.workflowsInterrupted).toBe(4);
    expect(result.summary.requests).toBe(total());
    expect(seen.get('/work')).toBe(4);
  }, 60_000);
});
