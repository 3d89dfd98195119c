// The load mix through the built CLI: a service's --users and --rate split across its workflows
// by --mix, checked at a real server that counts each workflow's requests and how many of them
// it holds at once.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

/** Per path: requests seen and the most held at once. `/slow/*` answers after 100 ms. */
interface PathStats {
  requests: number;
  open: number;
  peak: number;
}

async function startCountingServer() {
  const stats = new Map<string, PathStats>();
  const server = http.createServer((req, res) => {
    const key = (req.url ?? '/').split('?')[0]!;
    const s = stats.get(key) ?? { requests: 0, open: 0, peak: 0 };
    stats.set(key, s);
    s.requests++;
    s.peak = Math.max(s.peak, ++s.open);
    const done = () => {
      s.open--;
      res.end('ok');
    };
    if (key.startsWith('/slow/')) setTimeout(done, 100);
    else done();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats: (key: string) => stats.get(key) ?? { requests: 0, open: 0, peak: 0 },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const flow = (pathname: string) => `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('get', () => ctx.http.get('${pathname}')); } });
`;

describe('go-heavy run --mix', () => {
  let server: Awaited<ReturnType<typeof startCountingServer>>;
  let project: ReturnType<typeof makeProject>;
  beforeAll(async () => {
    server = await startCountingServer();
    project = makeProject({
      'services/held/env.default': `BASE_URL=${server.url}\n`,
      'services/held/a.ts': flow('/slow/a'),
      'services/held/b.ts': flow('/slow/b'),
      'services/paced/env.default': `BASE_URL=${server.url}\n`,
      'services/paced/a.ts': flow('/fast/a'),
      'services/paced/b.ts': flow('/fast/b'),
    });
  });
  afterAll(async () => {
    project.remove();
    await server.close();
  });

  it('--users 10 --mix a=9,b=1 runs 9 and 1 concurrent users, and the summary says so with the total', async () => {
    const out = path.join(project.root, 'held.json');
    const res = await runCli(['run', 'held', '--root', project.root, '--users', '10', '--mix', 'a=9,b=1', '--duration', '1500ms', '--warmup', '0', '--out', out], { timeoutMs: 60_000 });
    expect(res.stderr).not.toMatch(/at .*\(/);
    expect(res.code).toBe(0);
    // Each user holds one request at a time for 100 ms: the server sees exactly each share at once.
    expect(server.stats('/slow/a').peak).toBe(9);
    expect(server.stats('/slow/b').peak).toBe(1);
    expect(res.stdout).toMatch(/^ {2}Load +closed model: 10 users, 1\.5 s$/m);
    expect(res.stdout).toMatch(/^ +held\/a 9 users \(90 %\)$/m);
    expect(res.stdout).toMatch(/^ +held\/b 1 user \(10 %\)$/m);
    expect(res.stdout).toMatch(/^ +total 10 users$/m);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.load.workflows!.map((w) => [w.name, w.users, w.weight])).toEqual([
      ['held/a', 9, 9],
      ['held/b', 1, 1],
    ]);
    // Every request the server saw is counted once, per workflow.
    const requests = (name: string) => result.workflows.find((w) => w.name === name)!.requests;
    expect(requests('held/a')).toBe(server.stats('/slow/a').requests);
    expect(requests('held/b')).toBe(server.stats('/slow/b').requests);
  });

  it('--rate 100 --mix a=3,b=1 --duration 2s starts 150 and 50 iterations exactly', async () => {
    const out = path.join(project.root, 'paced.json');
    const res = await runCli(['run', 'paced', '--root', project.root, '--rate', '100', '--mix', 'a=3,b=1', '--duration', '2s', '--warmup', '0', '--out', out], { timeoutMs: 60_000 });
    expect(res.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const wf = (name: string) => result.workflows.find((w) => w.name === name)!;
    // Started = ended + cut short + dropped: the schedule's count, whatever the machine's speed.
    const started = (name: string) => wf(name).runs + wf(name).interrupted + wf(name).dropped;
    expect(started('paced/a')).toBe(150);
    expect(started('paced/b')).toBe(50);
    expect(wf('paced/a').requests).toBe(server.stats('/fast/a').requests);
    expect(wf('paced/b').requests).toBe(server.stats('/fast/b').requests);
    expect(res.stdout).toMatch(/^ +paced\/a 75\/s, up to 75 users \(75 %\)$/m);
    expect(res.stdout).toMatch(/^ +paced\/b 25\/s, up to 25 users \(25 %\)$/m);
    expect(res.stdout).toMatch(/^ +total 100\/s$/m);
  });
});
