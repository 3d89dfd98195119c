import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { startNginx, startSlowUpstream, type Nginx } from './support/nginx.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

// The open model and the profiles against a real nginx: counts equal nginx's log, and the
// per-second timeline of the results follows the requested shape.

const ONE = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('get', () => ctx.http.get('/fast')); } });
`;
const SLOW = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('slow', () => ctx.http.get('/slow')); } });
`;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Starts per timeline second, without the final partial sample. */
const startsPerSecond = (r: RunResult) => r.timeline.filter((p, i) => i < r.timeline.length - 1 || p.started > 0).map((p) => p.started);

describe('go-heavy run, open model and profiles, against nginx', () => {
  let nginx: Nginx;
  let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
  const project = makeProject({ 'services/web/one.ts': ONE, 'services/web/slow.ts': SLOW });
  beforeAll(async () => {
    upstream = await startSlowUpstream(100);
    nginx = await startNginx({ upstream: upstream.url });
  });
  beforeEach(async () => {
    await nginx.reset();
  });
  afterAll(async () => {
    await nginx?.stop();
    await upstream?.close();
    project.remove();
  });
  const run = async (name: string, args: string[], onSpawn?: (child: ChildProcess) => void) => {
    const file = path.join(project.root, 'out', `${name}.json`);
    const res = await runCli(['run', ...args, '--root', project.root, '--out', file, '--quiet'], { env: { BASE_URL: nginx.url }, onSpawn });
    return { res, file };
  };

  it('--rate 200 --duration 5s: nginx receives 1000 requests (within 1 %), all reported', async () => {
    const { res, file } = await run('rate', ['web/one', '--rate', '200', '--duration', '5s', '--warmup', '0s']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    const seen = await nginx.requests();
    expect(seen).toBe(result.summary.requests);
    expect(Math.abs(seen - 1000)).toBeLessThanOrEqual(10);
    expect(result.load).toMatchObject({ model: 'open', rate: 200, users: null, distribution: 'regular', jitter: 0 });
    expect(result.summary.droppedIterations).toBe(0);
    // The scheduler's own lag is measured and reported for every start.
    expect(result.scheduler!.starts).toBe(seen);
    expect(result.scheduler!.lagMs.p50).toBeLessThan(5);
    const perSecond = startsPerSecond(result);
    expect(sum(perSecond)).toBe(seen);
    for (const n of perSecond.slice(0, 4)) expect(Math.abs(n - 200)).toBeLessThanOrEqual(10);
  });

  it('a slow endpoint with a low --max-users: starts + dropped == scheduled, exactly', async () => {
    // 100/s for 2 s = 200 scheduled; 3 users on a 100 ms endpoint can start about 30/s.
    const { res, file } = await run('dropped', ['web/slow', '--rate', '100', '--max-users', '3', '--duration', '2s', '--warmup', '0s']);
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    const started = result.scheduler!.starts;
    expect(started + result.summary.droppedIterations).toBe(200);
    expect(wf.dropped).toBe(result.summary.droppedIterations);
    expect(result.summary.droppedIterations).toBeGreaterThan(100);
    expect(started).toBe(wf.runs + wf.interrupted);
    expect(await nginx.requests()).toBe(started);
    expect(sum(result.timeline.map((p) => p.dropped))).toBe(result.summary.droppedIterations);
    expect(res.stdout).toMatch(/dropped: raise --max-users/);
  });

  it('--ramp-up: the rate rises linearly, second by second', async () => {
    // 0 → 200/s over 4 s: 25, 75, 125, 175 starts in the four seconds, 400 in all.
    const { res, file } = await run('ramp', ['web/one', '--rate', '200', '--ramp-up', '4s', '--duration', '4s']);
    expect(res.code).toBe(0);
    const result = readResults(file);
    expect(result.warmup).toBeNull();
    const perSecond = startsPerSecond(result);
    expect(Math.abs(sum(perSecond) - 400)).toBeLessThanOrEqual(4);
    [25, 75, 125, 175].forEach((expected, i) => expect(Math.abs(perSecond[i]! - expected)).toBeLessThanOrEqual(12));
    expect(await nginx.requests()).toBe(result.summary.requests);
  });

  it('--stages of rates: up, hold, down', async () => {
    const { res, file } = await run('stages', ['web/one', '--stages', '2s:100/s,2s:100/s,2s:0/s']);
    expect(res.code).toBe(0);
    const result = readResults(file);
    expect(result.load.durationMs).toBe(6000);
    const perSecond = startsPerSecond(result);
    expect(Math.abs(sum(perSecond) - 400)).toBeLessThanOrEqual(4);
    [25, 75, 100, 100, 75, 25].forEach((expected, i) => expect(Math.abs(perSecond[i]! - expected)).toBeLessThanOrEqual(10));
    expect(await nginx.requests()).toBe(result.summary.requests);
  });

  it('--shape gaussian: the volume arrives as a bell curve around the peak', async () => {
    const { res, file } = await run('gaussian', ['web/one', '--shape', 'gaussian', '--volume', '600', '--peak', '3s', '--stddev', '1s', '--duration', '6s']);
    expect(res.code).toBe(0);
    const result = readResults(file);
    const perSecond = startsPerSecond(result);
    expect(Math.abs(sum(perSecond) - 600)).toBeLessThanOrEqual(6);
    // Seconds 3 and 4 straddle the peak and hold the most; the tails are small and alike.
    const top = Math.max(...perSecond);
    expect([perSecond[2], perSecond[3]]).toContain(top);
    expect(perSecond[0]!).toBeLessThan(top / 4);
    expect(Math.abs(perSecond[0]! - perSecond[5]!)).toBeLessThanOrEqual(10);
    expect(await nginx.requests()).toBe(result.summary.requests);
  });

  it('closed model --stages of users: the busy users follow the profile', async () => {
    const { res, file } = await run('users', ['web/slow', '--stages', '2s:10,2s:10,1s:0']);
    expect(res.code).toBe(0);
    const result = readResults(file);
    expect(result.load).toMatchObject({ model: 'closed', users: 10 });
    const users = result.timeline.map((p) => p.users);
    expect(users[0]!).toBeLessThanOrEqual(6);
    expect(Math.max(...users.slice(1, 4))).toBe(10);
    expect(await nginx.requests()).toBe(result.summary.requests);
  });

  it('SIGINT in the open model: exit 130, complete results, counts equal nginx', async () => {
    const started = Date.now();
    const { res, file } = await run('sigint', ['web/one', '--rate', '100', '--duration', '60s', '--warmup', '0s', '--graceful-stop', '5s'], (child) => setTimeout(() => child.kill('SIGINT'), 2500));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.code).toBe(130);
    const result = readResults(file);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(true);
    expect(await nginx.requests()).toBe(result.summary.requests);
    expect(result.summary.requests).toBeGreaterThan(100);
  });
});
