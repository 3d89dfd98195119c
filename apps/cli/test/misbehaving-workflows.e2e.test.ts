import path from 'node:path';
import type { RunResult, WorkflowResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startRestartableTarget } from './support/restartable-target.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

// Workflow code that misbehaves, run together for 3 s: the run must survive every one of them,
// count each as it deserves, run every iteration's cleanups last-registered first, end on time
// and exit. Each cleanup tells the server its index, so the order is seen where it happened.
const CLEANUPS = `export function cleanups(ctx: import('@go-heavy/core').WorkflowContext, name: string): void {
  const it = ctx.iteration;
  for (const n of [0, 1, 2]) {
    ctx.cleanup(async () => {
      await ctx.http.get('/fast?cleanup=' + name + '&it=' + it + '&n=' + n, { name: '/fast?cleanup' });
      if (name === 'cleanup-throws' && n === 1) throw new Error('cleanup 1 failed');
    });
  }
}
`;

const wf = (name: string, body: string) => `import { workflow } from '@go-heavy/core';
import { cleanups } from '../../common/cleanups';
export default workflow({
  name: '${name}',
  ${body}
});
`;

const FILES = {
  'common/cleanups.ts': CLEANUPS,
  // Throws synchronously from a plain (not async) run; its first cleanup (run last) paces it.
  'services/bad/throws.ts': wf(
    'throws',
    `run(ctx) {
    ctx.cleanup(() => ctx.sleep(20));
    cleanups(ctx, 'throws');
    throw new TypeError('thrown on purpose');
  },`,
  ),
  // Rejects: with an Error on even iterations, with a plain string on odd ones.
  'services/bad/rejects.ts': wf(
    'rejects',
    `async run(ctx) {
    cleanups(ctx, 'rejects');
    await ctx.sleep(20);
    if (ctx.iteration % 2 === 0) throw new RangeError('rejected on purpose');
    return Promise.reject('not an error');
  },`,
  ),
  // Never resolves, inside a step: bounded by --iteration-timeout.
  'services/bad/never.ts': wf(
    'never',
    `async run(ctx) {
    cleanups(ctx, 'never');
    await ctx.step('stuck', () => new Promise(() => {}));
  },`,
  ),
  // Leaves a setInterval and an hour-long setTimeout behind, every iteration.
  'services/bad/leaks.ts': wf(
    'leaks',
    `async run(ctx) {
    cleanups(ctx, 'leaks');
    setInterval(() => {}, 10);
    setTimeout(() => {}, 3_600_000);
    await ctx.sleep(20);
  },`,
  ),
  // Its middle cleanup throws; the others still run.
  'services/bad/cleanup-throws.ts': wf(
    'cleanup-throws',
    `async run(ctx) {
    cleanups(ctx, 'cleanup-throws');
    await ctx.sleep(20);
  },`,
  ),
  // Leaves a rejected promise and a throwing timer behind: nobody awaits them.
  'services/bad/strays.ts': wf(
    'strays',
    `async run(ctx) {
    cleanups(ctx, 'strays');
    void Promise.reject(new Error('nobody awaits this'));
    setTimeout(() => { throw new Error('thrown in a timer'); }, 1);
    await ctx.sleep(20);
  },`,
  ),
  // Its request is still in flight when the iteration times out.
  'services/inflight/call.ts': `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    // Iteration 0's answer comes at 500 ms, after its timeout (300 ms), before the run ends;
    // the later ones would take 10 s and are cut when the run ends.
    await ctx.step('call', () => ctx.http.get(ctx.iteration === 0 ? '/x?delay=500' : '/x?delay=10000', { name: '/x' }));
  },
});
`,
};

const RUN_S = 3;
const TIMEOUT_MS = 400;

describe('workflow code that misbehaves', () => {
  const project = makeProject(FILES);
  afterAll(() => project.remove());

  describe('six workflows that throw, reject, hang, leak timers, fail a cleanup, leave errors behind', () => {
    let target: Awaited<ReturnType<typeof startTarget>>;
    let result: RunResult;
    let run: Awaited<ReturnType<typeof runCli>>;
    let elapsedMs: number;
    beforeAll(async () => {
      target = await startTarget();
      const out = path.join(project.root, 'bad.json');
      const started = Date.now();
      run = await runCli(
        // 2 users for each of the six workflows: a service's --users is split across its workflows.
        ['run', 'bad', '--users', '12', '--duration', `${RUN_S}s`, '--warmup', '0s', '--iteration-timeout', `${TIMEOUT_MS}ms`, '--out', out, '--quiet', '--no-history', '--root', project.root],
        { env: { BASE_URL: target.url }, timeoutMs: 40_000 },
      );
      elapsedMs = Date.now() - started;
      result = readResults(out);
    });
    afterAll(() => target.close());
    const named = (name: string): WorkflowResult => result.workflows.find((w) => w.name === `bad/${name}`)!;

    it('survives them all, ends on time and exits 0 although timers were left running', () => {
      expect(run.stderr).not.toMatch(/unexpected error| {4}at /);
      expect(run.code).toBe(0);
      expect(run.signal).toBeNull();
      expect(result.durationMs).toBe(RUN_S * 1000);
      expect(result.summary.interrupted).toBe(false);
      expect(result.summary.workflowsInterrupted).toBe(0);
      // Start-up, 3 s of load and the last timeouts: far from the hour the leaked timers ask for.
      expect(elapsedMs).toBeLessThan(25_000);
      expectConsistent(result);
      // Every request the server received is in the results, once.
      expect(result.summary.requests).toBe(target.stats.requests);
    });

    it('counts throws and rejections as failed iterations with their reasons', () => {
      const throws = named('throws');
      expect(throws.runs).toBeGreaterThan(10);
      expect(throws.failed).toBe(throws.runs);
      expect(throws.failureReasons).toEqual({ 'TypeError: thrown on purpose': throws.runs });
      const rejects = named('rejects');
      expect(rejects.runs).toBeGreaterThan(10);
      expect(rejects.failed).toBe(rejects.runs);
      expect(rejects.failureReasons['RangeError: rejected on purpose']).toBe(Math.ceil(rejects.runs / 2));
      expect(rejects.failureReasons['thrown: not an error']).toBe(Math.floor(rejects.runs / 2));
      expect(Object.keys(rejects.failureReasons)).toHaveLength(2);
    });

    it('fails an iteration that never ends at --iteration-timeout, with its step, and its user goes on', () => {
      const never = named('never');
      // 2 users, one timeout of 400 ms after another for 3 s: 7 or 8 each, give or take one.
      expect(never.runs).toBeGreaterThanOrEqual(2 * 5);
      expect(never.runs).toBeLessThanOrEqual(2 * 9);
      expect(never.failed).toBe(never.runs);
      expect(never.failureReasons).toEqual({ 'iteration timeout: still running after 400ms': never.runs });
      const stuck = never.steps.find((s) => s.name === 'stuck')!;
      expect(stuck.runs).toBe(never.runs);
      expect(stuck.failed).toBe(never.runs);
      expect(never.latencyMs.min).toBeGreaterThanOrEqual(TIMEOUT_MS - 1);
    });

    it('runs the cleanups of every iteration, last registered first, whatever the iteration did', () => {
      const order = new Map<string, number[]>();
      for (const { url } of target.stats.seen) {
        const m = /cleanup=([\w-]+)&it=(\d+)&n=(\d)/.exec(url);
        if (!m) continue;
        const key = `${m[1]}#${m[2]}`;
        order.set(key, [...(order.get(key) ?? []), Number(m[3])]);
      }
      for (const name of ['throws', 'rejects', 'never', 'leaks', 'cleanup-throws', 'strays']) {
        const iterations = [...order.entries()].filter(([key]) => key.startsWith(`${name}#`));
        // One set of cleanups per iteration counted, each complete and in LIFO order.
        expect([name, iterations.length]).toEqual([name, named(name).runs]);
        for (const [key, ns] of iterations) expect([key, ns]).toEqual([key, [2, 1, 0]]);
      }
    });

    it('fails the iteration whose cleanup threw, naming it; the others succeed', () => {
      const cleanupThrows = named('cleanup-throws');
      expect(cleanupThrows.failed).toBe(cleanupThrows.runs);
      expect(cleanupThrows.failureReasons).toEqual({ 'cleanup: cleanup 1 failed': cleanupThrows.runs });
      for (const name of ['leaks', 'strays']) {
        expect(named(name).runs).toBeGreaterThan(10);
        expect(named(name).succeeded).toBe(named(name).runs);
      }
    });

    it('warns once about each error no iteration awaited, without crashing', () => {
      const warnings = run.stderr.split('\n').filter((line) => line.includes('no iteration awaited'));
      expect(warnings).toEqual([expect.stringMatching(/^go-heavy: warning: .*: nobody awaits this$/), expect.stringMatching(/^go-heavy: warning: .*: thrown in a timer$/)]);
    });
  });

  it.each([
    [['--iteration-timeout', 'soon'], '--iteration-timeout: expected a duration like 10s, 500ms or 1m30s, got "soon"'],
    [['--iteration-timeout=-2s'], '--iteration-timeout: expected a duration like 10s, 500ms or 1m30s, got "-2s"'],
  ])('rejects a bad --iteration-timeout %j with one line and exit 2', async (flags, message) => {
    const run = await runCli(['run', 'inflight/call', ...flags, '--no-history', '--root', project.root], { env: { BASE_URL: 'http://127.0.0.1:9' }, timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`go-heavy: ${message}\n`);
    expect(run.stdout).toBe('');
  });

  it('rejects a bad iterationTimeout in heavy.config.ts with one line naming the file and field', async () => {
    const bad = makeProject({
      'services/svc/heavy.config.ts': `export default { iterationTimeout: 'later' };\n`,
      'services/svc/wf.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ run() {} });\n`,
    });
    try {
      const run = await runCli(['run', 'svc', '--no-history'], { cwd: bad.root, env: { BASE_URL: 'http://127.0.0.1:9' }, timeoutMs: 30_000 });
      expect(run.code).toBe(2);
      expect(run.stderr).toBe('go-heavy: services/svc/heavy.config.ts: iterationTimeout: expected a duration like 10s, 500ms or 1m30s, got "later"\n');
    } finally {
      bad.remove();
    }
  });

  it('counts a request in flight when its iteration timed out once, when it ends; those still running at the end as interrupted', async () => {
    const target = await startRestartableTarget(0);
    try {
      const out = path.join(project.root, 'inflight.json');
      const run = await runCli(['run', 'inflight/call', '--users', '1', '--iterations', '3', '--iteration-timeout', '300ms', '--out', out, '--quiet', '--no-history', '--root', project.root], {
        env: { BASE_URL: target.url },
        timeoutMs: 30_000,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = readResults(out);
      expectConsistent(result);
      const [wf] = result.workflows;
      expect(wf!.failed).toBe(3);
      expect(wf!.failureReasons).toEqual({ 'iteration timeout: still running after 300ms': 3 });
      const request = wf!.steps.find((s) => s.name === 'call')!.requests[0]!;
      // Three requests, three records: the late answer once, the two cut at the end once each.
      expect(result.summary.requests).toBe(3);
      expect(request.statusClasses['2xx']).toBe(1);
      expect(request.errors).toEqual({ interrupted: 2 });
      expect(target.stats.answered).toBe(1);
      expect(target.stats.answered + request.errors.interrupted!).toBe(result.summary.requests);
    } finally {
      await target.close();
    }
  });
});
