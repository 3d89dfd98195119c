import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { runCli } from './support/cli.js';
import { startNginx, startSlowUpstream, type Nginx } from './support/nginx.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

// The closed model against a real nginx: what nginx logged must equal what go-heavy reported.

const TWO = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('two requests', async () => {
      const fast = await ctx.http.get('/fast');
      ctx.check(fast.status === 200, 'fast is 200');
      const missing = await ctx.http.get('/status/404', { name: '/status/{code}' });
      ctx.check(missing.status === 404, 'missing is 404');
    });
  },
});
`;

const SLOW = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('slow', async () => {
      const res = await ctx.http.get('/slow');
      ctx.check(res.status === 200, 'slow is 200');
    });
  },
});
`;

const FAST_THEN_SLOW = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('fast then slow', async () => {
      await ctx.http.get('/fast');
      await ctx.http.get('/slow');
    });
  },
});
`;

const SLOW_MS = 100;

describe('go-heavy run, closed model, against nginx', () => {
  let nginx: Nginx;
  let upstream: Awaited<ReturnType<typeof startSlowUpstream>>;
  const project = makeProject({
    'services/nginx/two.ts': TWO,
    'services/nginx/slow.ts': SLOW,
    'services/nginx/fast-then-slow.ts': FAST_THEN_SLOW,
  });
  beforeAll(async () => {
    upstream = await startSlowUpstream(SLOW_MS);
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
  const env = () => ({ BASE_URL: nginx.url });
  const out = (name: string) => path.join(project.root, 'out', `${name}.json`);

  it('users × iterations: every request nginx logged is reported, status classes included', async () => {
    const file = out('iterations');
    const res = await runCli(['run', 'nginx/two', '--root', project.root, '--users', '5', '--iterations', '200', '--out', file, '--quiet'], { env: env() });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    expect(result.load).toMatchObject({ model: 'closed', users: 5, iterations: 200, durationMs: null, warmupMs: 0 });
    expect(result.warmup).toBeNull();

    expect(await nginx.requests()).toBe(400);
    expect(result.summary.requests).toBe(400);
    expect(await nginx.byPath()).toEqual(
      new Map([
        ['GET /fast', 200],
        ['GET /status/404', 200],
      ]),
    );
    expect(await nginx.byStatus()).toEqual(
      new Map([
        [200, 200],
        [404, 200],
      ]),
    );

    const wf = result.workflows[0]!;
    expect(wf.name).toBe('nginx/two');
    expect(wf.runs).toBe(200);
    expect(wf.failed).toBe(0);
    expect(wf.statusClasses).toMatchObject({ '2xx': 200, '4xx': 200, '5xx': 0 });
    expect(wf.statusCodes).toEqual({ '200': 200, '404': 200 });
    const requests = wf.steps.find((s) => s.name === 'two requests')!.requests;
    expect(requests.map((r) => [`${r.method} ${r.endpoint}`, r.runs])).toEqual([
      ['GET /fast', 200],
      ['GET /status/{code}', 200],
    ]);
  });

  it('users × duration with warm-up: nginx saw the measured requests plus the warm-up ones', async () => {
    const file = out('duration');
    const res = await runCli(['run', 'nginx/two', '--root', project.root, '--users', '4', '--duration', '2s', '--warmup', '1s', '--out', file, '--quiet'], { env: env() });
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    expect(result.load).toMatchObject({ model: 'closed', users: 4, durationMs: 2000, warmupMs: 1000 });
    expect(result.warmup).not.toBeNull();
    expect(result.warmup!.requests).toBeGreaterThan(0);
    expect(result.summary.requests).toBeGreaterThan(0);
    expect(result.summary.workflowsInterrupted).toBe(0);

    const seen = await nginx.requests();
    expect(seen).toBe(result.summary.requests + result.warmup!.requests);
    // Iterations are never cut in two: nginx saw as many 404s as 200s.
    const byStatus = await nginx.byStatus();
    expect(byStatus.get(200)).toBe(seen / 2);
    expect(byStatus.get(404)).toBe(seen / 2);
    expect(result.workflows[0]!.statusClasses['4xx']).toBe(result.workflows[0]!.statusClasses['2xx']);
  });

  it(`a slow endpoint behind nginx (${SLOW_MS} ms upstream): every request counted, latency includes the wait`, async () => {
    const file = out('slow');
    const upstreamBefore = upstream.requests();
    const res = await runCli(['run', 'nginx/slow', '--root', project.root, '--users', '10', '--duration', '2s', '--warmup', '0s', '--out', file, '--quiet'], { env: env() });
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    expect(result.warmup).toBeNull();

    const seen = await nginx.requests();
    expect(seen).toBe(result.summary.requests);
    expect(await nginx.byPath()).toEqual(new Map([['GET /slow', seen]]));
    expect(await nginx.byStatus()).toEqual(new Map([[200, seen]]));
    // nginx proxied each one exactly once (no retries to the upstream).
    expect(upstream.requests() - upstreamBefore).toBe(seen);

    const wf = result.workflows[0]!;
    expect(wf.runs).toBe(seen);
    expect(wf.failed).toBe(0);
    expect(wf.latencyMs.p50).toBeGreaterThanOrEqual(SLOW_MS);
    expect(wf.latencyMs.min).toBeGreaterThanOrEqual(SLOW_MS - 1);
    const slow = wf.steps[0]!.requests[0]!;
    expect(slow.endpoint).toBe('/slow');
    expect(slow.latencyMs.min).toBeGreaterThanOrEqual(SLOW_MS - 1);
    // 10 users for 2 s of 100 ms iterations: at most 21 each (the last one started before the end);
    // on loopback, at least half of the ideal 200.
    expect(wf.runs).toBeLessThanOrEqual(10 * (2000 / SLOW_MS + 1));
    expect(wf.runs).toBeGreaterThanOrEqual(100);
  });

  it('SIGINT mid-run: exits 130 within the graceful stop, results complete and equal to what nginx saw', async () => {
    const file = out('sigint');
    let sigintAt = 0;
    const timers: NodeJS.Timeout[] = [];
    // Interrupt 2 s after the first request reached nginx (bundling the workflow comes first).
    const interruptUnderLoad = (child: ChildProcess) => {
      const giveUpAt = Date.now() + 20_000;
      const poll = () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (statSync(nginx.accessLog).size > 0 || Date.now() > giveUpAt) {
          timers.push(
            setTimeout(() => {
              sigintAt = Date.now();
              child.kill('SIGINT');
            }, 2_000),
          );
        } else {
          timers.push(setTimeout(poll, 20));
        }
      };
      poll();
    };
    const res = await runCli(['run', 'nginx/fast-then-slow', '--root', project.root, '--users', '4', '--duration', '60s', '--warmup', '0s', '--graceful-stop', '5s', '--out', file], {
      env: env(),
      timeoutMs: 40_000,
      onSpawn: interruptUnderLoad,
    });
    const exitedAt = Date.now();
    for (const t of timers) clearTimeout(t);

    expect(sigintAt).toBeGreaterThan(0);
    expect(exitedAt - sigintAt).toBeLessThan(10_000);
    expect(res.signal).toBeNull();
    expect(res.code).toBe(130);
    expect(res.stdout).toMatch(/interrupted/i);
    expect(existsSync(file)).toBe(true);
    const result = readResults(file);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(true);
    expect(result.warmup).toBeNull();

    const seen = await nginx.requests();
    expect(seen).toBeGreaterThan(0);
    expect(result.summary.requests).toBe(seen);
    // The first Ctrl-C lets running iterations finish (well within 5 s): none was cut short.
    expect(result.summary.workflowsInterrupted).toBe(0);
    const byPath = await nginx.byPath();
    expect(byPath.get('GET /fast')).toBe(byPath.get('GET /slow'));
    expect(result.workflows[0]!.runs).toBe(seen / 2);
  }, 50_000);
});
