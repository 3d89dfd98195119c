import { existsSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const MIXED = `import { workflow } from '@go-heavy/core';
import { pathFor } from '../../common/paths';

export default workflow({
  name: 'mixed',
  async init(ctx) {
    const res = await ctx.http.get('/fast?from=init');
    return { ready: res.status === 200 };
  },
  async run(ctx, data) {
    ctx.check(data.ready, 'init ran');
    await ctx.step('fast and slow', async () => {
      const fast = await ctx.http.get(pathFor('fast') + '?n=' + ctx.iteration);
      ctx.check(fast.status === 200, 'fast is 200');
      await ctx.http.get('/slow', { name: '/slow-endpoint' });
    });
    await ctx.step('statuses', async () => {
      const res = await ctx.http.post('/echo', { iteration: ctx.iteration });
      ctx.check(res.json<{ iteration: number }>().iteration === ctx.iteration, 'echo');
      // Every fourth iteration meets a 404, every fifth a 500: failures the checks count.
      const code = ctx.iteration % 5 === 0 ? 500 : ctx.iteration % 4 === 0 ? 404 : 204;
      const status = await ctx.http.get('/status/' + code, { name: '/status/{code}' });
      ctx.check(status.status < 400, 'no error status');
    });
  },
});
`;

const USERS = `import { workflow } from '@go-heavy/core';
export default workflow({
  async userInit(ctx) {
    await ctx.http.get('/login?user=u' + ctx.user.id);
    ctx.user.state.logins = ((ctx.user.state.logins as number) ?? 0) + 1;
  },
  async run(ctx) {
    const me = await ctx.http.get('/whoami');
    ctx.check(me.body === 'u' + ctx.user.id, 'cookie of this user');
    ctx.check(ctx.user.state.logins === 1, 'logged in once');
    await ctx.sleep(5);
  },
});
`;

const HANG = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/hang'); } });
`;

const PLAIN = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('ping', () => ctx.http.get('/fast')); } });
`;

describe('go-heavy run (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({
    'common/paths.ts': `export const pathFor = (name: string): string => '/' + name;\n`,
    'services/api/mixed.ts': MIXED,
    'services/api/plain.ts': PLAIN,
    'services/api/helpers.ts': 'export const notAWorkflow = true;\n',
    'services/people/users.ts': USERS,
    'services/stuck/hang.ts': HANG,
  });
  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(() => {
    target.stats.requests = 0;
    target.stats.byPath.clear();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const env = () => ({ BASE_URL: target.url });

  it('runs a workflow for a number of iterations and reports exact counts at three levels', async () => {
    const out = path.join(project.root, 'out/iterations.json');
    const res = await runCli(['run', 'api/mixed', '--root', project.root, '--users', '4', '--iterations', '40', '--out', out, '--quiet'], { env: env() });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    // 1 request in init + 4 per iteration.
    expect(target.stats.requests).toBe(1 + 40 * 4);
    expect(result.summary.requests).toBe(target.stats.requests);
    const wf = result.workflows[0]!;
    expect(wf.name).toBe('api/mixed');
    expect(wf.runs).toBe(40);
    // Iterations 0,5,..,35 hit 500 (8) and 4,8,12,16,24,28,32,36 hit 404 (8): 16 failed.
    expect(wf.failed).toBe(16);
    expect(wf.statusCodes).toEqual({ '200': 1 + 40 * 3, '204': 24, '404': 8, '500': 8 });
    expect(wf.checks).toEqual(
      expect.arrayContaining([
        { name: 'no error status', passed: 24, failed: 16 },
        { name: 'init ran', passed: 40, failed: 0 },
      ]),
    );
    expect(wf.failureReasons).toEqual({ 'check: no error status': 16 });
    const steps = Object.fromEntries(wf.steps.map((s) => [s.name, s]));
    expect(Object.keys(steps).sort()).toEqual(['(init)', 'fast and slow', 'statuses']);
    const slow = steps['fast and slow']!.requests.find((r) => r.endpoint === '/slow-endpoint')!;
    expect(slow.method).toBe('GET');
    expect(slow.runs).toBe(40);
    // The server waits 50 ms: every latency is at least that, and on loopback not much more.
    expect(slow.latencyMs.min).toBeGreaterThanOrEqual(49);
    expect(slow.latencyMs.p50).toBeLessThan(150);
    const fast = steps['fast and slow']!.requests.find((r) => r.endpoint === '/fast')!;
    expect(fast.runs).toBe(40);
    expect(fast.latencyMs.p50).toBeLessThan(slow.latencyMs.p50);
    expect(steps['statuses']!.requests.map((r) => `${r.method} ${r.endpoint}`)).toEqual(['POST /echo', 'GET /status/{code}']);
    // A workflow iteration includes its steps: at least the 50 ms wait.
    expect(wf.latencyMs.min).toBeGreaterThanOrEqual(49);
    expect(result.load).toMatchObject({ model: 'closed', users: 4, iterations: 40, durationMs: null, warmupMs: 0 });
    expect(result.warmup).toBeNull();
  });

  it('runs every workflow of a service side by side for a duration, warm-up kept apart', async () => {
    const out = path.join(project.root, 'out/duration.json');
    const res = await runCli(['run', 'api', '--root', project.root, '--users', '3', '--duration', '2s', '--warmup', '1s', '--out', out], { env: env() });
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.workflows.map((w) => w.name).sort()).toEqual(['api/mixed', 'api/plain']);
    expect(result.warmup).not.toBeNull();
    expect(result.warmup!.requests).toBeGreaterThan(0);
    // Nothing is lost: the server saw exactly the measured requests plus the warm-up's.
    expect(target.stats.requests).toBe(result.summary.requests + result.warmup!.requests);
    expect(result.durationMs).toBeGreaterThanOrEqual(2000);
    expect(result.durationMs).toBeLessThan(4000);
    expect(result.timeline.length).toBeGreaterThanOrEqual(2);
    expect(result.timeline.length).toBeLessThanOrEqual(4);
    expect(result.timeline.reduce((n, p) => n + p.iterations, 0)).toBe(result.workflows.reduce((n, w) => n + w.runs, 0));
    // The summary names each workflow and the percentiles header.
    expect(res.stdout).toContain('api/mixed');
    expect(res.stdout).toContain('api/plain');
    expect(res.stdout).toMatch(/P50/);
    expect(res.stdout).toContain(result.testId);
  });

  it('counts refused connections as errors, not crashes', async () => {
    const out = path.join(project.root, 'out/refused.json');
    const res = await runCli(['run', 'api/plain', '--root', project.root, '--iterations', '5', '--out', out, '--quiet'], { env: { BASE_URL: 'http://127.0.0.1:9' } });
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    expect(wf.failed).toBe(5);
    expect(wf.errors).toEqual({ ECONNREFUSED: 5 });
    expect(Object.keys(wf.failureReasons)).toHaveLength(1);
    expect(Object.keys(wf.failureReasons)[0]).toMatch(/ECONNREFUSED/);
  });

  it('stops gracefully on SIGINT, still writing the summary and the results, with exit code 130', async () => {
    const out = path.join(project.root, 'out/sigint.json');
    const started = Date.now();
    const res = await runCli(['run', 'api/plain', '--root', project.root, '--users', '2', '--duration', '60s', '--warmup', '0s', '--out', out], {
      env: env(),
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 2500),
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.code).toBe(130);
    expect(existsSync(out)).toBe(true);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(true);
    expect(result.summary.requests).toBe(target.stats.requests);
    expect(result.summary.requests).toBeGreaterThan(0);
    expect(res.stdout).toMatch(/interrupted/i);
  });

  it('--unique-users: each identity logs in once and keeps its own cookies', async () => {
    const out = path.join(project.root, 'out/users.json');
    const res = await runCli(
      ['run', 'people/users', '--root', project.root, '--rate', '200', '--max-users', '10', '--unique-users', '4', '--duration', '1s', '--warmup', '0s', '--out', out, '--quiet'],
      { env: env() },
    );
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    // The cap on concurrency is the 4 identities, not --max-users.
    expect(result.load).toMatchObject({ model: 'open', maxUsers: 4, uniqueUsers: 4 });
    expect(target.stats.byPath.get('GET /login')).toBe(4);
    expect(wf.steps.find((s) => s.name === '(user init)')!.runs).toBe(4);
    expect(wf.checks).toEqual(
      expect.arrayContaining([
        { name: 'cookie of this user', passed: wf.runs, failed: 0 },
        { name: 'logged in once', passed: wf.runs, failed: 0 },
      ]),
    );
    expect(wf.runs).toBeGreaterThan(100);
    expect(result.summary.requests).toBe(target.stats.requests);
  });

  it('a second Ctrl-C cuts hanging iterations short at once, still writing the results', async () => {
    const out = path.join(project.root, 'out/double-sigint.json');
    const started = Date.now();
    const res = await runCli(['run', 'stuck/hang', '--root', project.root, '--users', '3', '--duration', '60s', '--warmup', '0s', '--graceful-stop', '60s', '--out', out], {
      env: env(),
      onSpawn: (child) => {
        setTimeout(() => child.kill('SIGINT'), 2000);
        setTimeout(() => child.kill('SIGINT'), 3000);
      },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(res.code).toBe(130);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(true);
    expect(result.summary.workflowsInterrupted).toBe(3);
    expect(result.workflows[0]!.errors).toEqual({ interrupted: 3 });
    expect(result.summary.requests).toBe(target.stats.requests);
    expect(res.stdout).toMatch(/INTERRUPTED/);
  });

  it('--graceful-stop: iterations still running after it are cut short and counted as interrupted', async () => {
    const out = path.join(project.root, 'out/graceful.json');
    const started = Date.now();
    const res = await runCli(['run', 'stuck/hang', '--root', project.root, '--users', '2', '--duration', '1s', '--warmup', '0s', '--graceful-stop', '1s', '--out', out, '--quiet'], { env: env() });
    // 1 s of load, 1 s of graceful stop, then the cut: well under the 30 s default.
    expect(Date.now() - started).toBeLessThan(8000);
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(false);
    expect(result.summary).toMatchObject({ workflowsInterrupted: 2, workflowsFailed: 0, workflowsSucceeded: 0 });
    expect(result.workflows[0]!.errors).toEqual({ interrupted: 2 });
    expect(result.load.gracefulStopMs).toBe(1000);
  });
});
