import { constantProfile, Engine, parseThreshold, runTest, workflow, WorkflowInitError, type PlannedWorkflow, type Reporter, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

function plan(definition: Workflow<unknown>, overrides: Partial<RunPlan> = {}): RunPlan {
  const planned: PlannedWorkflow = { name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } };
  return { workflows: [planned], load: { model: 'closed', users: constantProfile(3, null) }, durationMs: null, iterations: 10, warmupMs: 0, gracefulStopMs: 1000, uniqueUsers: null, ...overrides };
}

function run(p: RunPlan) {
  const recorders: CountingRecorder[] = [];
  const http = inMemoryHttp();
  const result = runTest(p, {
    http,
    createRecorder: () => {
      const r = new CountingRecorder();
      recorders.push(r);
      return r;
    },
  });
  return { result, recorders, http };
}

describe('Engine', () => {
  it('runs exactly the requested iterations across users, with init once and cleanups in LIFO order', async () => {
    const events: string[] = [];
    const users = new Set<number>();
    const wf = workflow({
      async init(ctx) {
        ctx.cleanup(() => {
          events.push('init-cleanup-1');
        });
        ctx.cleanup(() => {
          events.push('init-cleanup-2');
        });
        events.push('init');
        return { token: 't' };
      },
      async run(ctx, data) {
        users.add(ctx.userIndex);
        expect(data.token).toBe('t');
        ctx.cleanup(() => {
          events.push(`it-${ctx.iteration}-a`);
        });
        ctx.cleanup(() => {
          events.push(`it-${ctx.iteration}-b`);
        });
        await ctx.step('one', () => ctx.http.get('/x'));
      },
      async cleanup() {
        events.push('cleanup');
      },
    });
    const { result, recorders } = run(plan(wf));
    await result;
    const wfMetrics = recorders[0]!.workflows.get('svc/wf')!;
    expect(wfMetrics.ok).toBe(10);
    expect(wfMetrics.failed).toBe(0);
    expect(wfMetrics.steps.get('one')!.ok).toBe(10);
    expect(recorders[0]!.requestCount).toBe(10);
    expect(users).toEqual(new Set([0, 1, 2]));
    expect(events[0]).toBe('init');
    expect(events.slice(-3)).toEqual(['cleanup', 'init-cleanup-2', 'init-cleanup-1']);
    // Per iteration: b registered last, so it runs first; every iteration ran both.
    for (let i = 0; i < 10; i++) {
      expect(events.indexOf(`it-${i}-b`)).toBeGreaterThan(-1);
      expect(events.indexOf(`it-${i}-b`)).toBeLessThan(events.indexOf(`it-${i}-a`));
    }
  });

  it.each([
    ['without an iteration timeout', null],
    ['with an iteration timeout', 10_000],
  ])("an iteration's time includes its ctx.cleanup callbacks (%s)", async (_name, iterationTimeoutMs) => {
    const CLEANUP_MS = 150;
    const wf = workflow({
      async run(ctx) {
        // The workflow's own code is instant; its cleanup takes CLEANUP_MS.
        ctx.cleanup(() => new Promise<void>((resolve) => setTimeout(resolve, CLEANUP_MS)));
      },
    });
    const { result, recorders } = run(plan(wf, { iterations: 3, iterationTimeoutMs }));
    await result;
    const times = recorders[0]!.workflows.get('svc/wf')!.iterationMs;
    expect(times).toHaveLength(3);
    // Timers may fire a millisecond early on some platforms; never 150 ms early.
    for (const ms of times) expect(ms).toBeGreaterThanOrEqual(CLEANUP_MS - 5);
  });

  it('counts thrown errors and failed checks as failed iterations without crashing the run', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.step('maybe', async () => {
          ctx.check(ctx.iteration % 2 === 0, 'even');
        });
        if (ctx.iteration % 5 === 4) throw new TypeError('boom');
      },
    });
    const { result, recorders } = run(plan(wf));
    await result;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(m.ok + m.failed).toBe(10);
    // Odd iterations fail their check (5); iterations 4 and 9 throw, 9 is also odd.
    expect(m.failed).toBe(6);
    expect(m.reasons.filter((r) => r === 'check: even')).toHaveLength(5);
    expect(m.reasons).toContain('TypeError: boom');
    expect(m.steps.get('maybe')!.failed).toBe(5);
    expect(m.checks.filter(([, ok]) => ok)).toHaveLength(5);
  });

  it('ctx.check with its arguments swapped (plain JavaScript) fails the iteration saying so, and records no check', async () => {
    const wf = workflow({
      async run(ctx) {
        (ctx.check as unknown as (name: string, ok: boolean) => boolean)('status ok', false);
      },
    });
    const { result, recorders } = run(plan(wf));
    await result;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(m.failed).toBe(10);
    expect(new Set(m.reasons)).toEqual(new Set(['TypeError: ctx.check(condition, name): expected the name second, as a string, got boolean (arguments swapped?)']));
    expect(m.checks).toHaveLength(0);
  });

  it('stops at the duration, lets running iterations finish within the graceful stop', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(20);
      },
    });
    const started = performance.now();
    const { result, recorders } = run(plan(wf, { durationMs: 300, iterations: null }));
    const res = (await result) as unknown as { meta: { durationMs: number; interrupted: boolean } };
    const elapsed = performance.now() - started;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2000);
    expect(m.interrupted).toBe(0);
    // 3 users, ~20 ms each, ~300 ms: about 45 iterations; far from 0 and bounded above.
    expect(m.ok).toBeGreaterThan(20);
    expect(m.ok).toBeLessThan(60);
    expect(res.meta.interrupted).toBe(false);
  });

  it('interrupts iterations that outlive the graceful stop and counts them as interrupted, not failed', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(60_000);
      },
    });
    const { result, recorders, http } = run(plan(wf, { durationMs: 100, iterations: null, gracefulStopMs: 100 }));
    const started = performance.now();
    await result;
    expect(performance.now() - started).toBeLessThan(3000);
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(m.interrupted).toBe(3);
    expect(m.failed).toBe(0);
    expect(http.closed).toEqual([true]);
  });

  it('stop() ends the run early and marks it interrupted', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(10);
      },
    });
    const http = inMemoryHttp();
    const recorder = new CountingRecorder();
    const engine = new Engine(plan(wf, { durationMs: 60_000, iterations: null }), { http, createRecorder: () => recorder });
    setTimeout(() => engine.stop(), 150);
    const started = performance.now();
    const res = (await engine.run()) as unknown as { meta: { interrupted: boolean } };
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.meta.interrupted).toBe(true);
    expect(recorder.workflows.get('svc/wf')!.ok).toBeGreaterThan(0);
  });

  it('keeps warm-up iterations in a separate recorder', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(10);
        await ctx.http.get('/w');
      },
    });
    const { result, recorders } = run(plan(wf, { durationMs: 200, iterations: null, warmupMs: 200 }));
    const res = (await result) as unknown as { meta: { warmup: { iterations: number; requests: number } } };
    const [measured, warmup] = recorders;
    expect(warmup!.iterationCount).toBeGreaterThan(10);
    expect(measured!.iterationCount).toBeGreaterThan(10);
    expect(res.meta.warmup.iterations).toBe(warmup!.iterationCount);
    expect(res.meta.warmup.requests).toBe(warmup!.requestCount);
    // Each iteration made one request, in the phase the iteration started in.
    expect(measured!.requestCount).toBe(measured!.iterationCount);
  });

  it('fails the test with WorkflowInitError when init throws, still running init cleanups', async () => {
    const ran: string[] = [];
    const wf = workflow({
      async init(ctx) {
        ctx.cleanup(() => {
          ran.push('cleanup');
        });
        throw new Error('no token');
      },
      async run() {},
    });
    await expect(run(plan(wf)).result).rejects.toThrow(WorkflowInitError);
    await expect(run(plan(wf)).result).rejects.toThrow('svc/wf (wf.ts): init failed: no token');
    expect(ran).toEqual(['cleanup', 'cleanup']);
  });

  it('records requests outside steps under "(no step)" and in init under "(init)"', async () => {
    const wf = workflow({
      async init(ctx) {
        await ctx.http.get('/setup');
      },
      async run(ctx) {
        await ctx.http.get('/loose');
      },
    });
    const { result, recorders } = run(plan(wf, { iterations: 2 }));
    await result;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(m.steps.get('(init)')!.requests).toEqual(['GET /setup']);
    expect(m.steps.get('(no step)')!.requests).toEqual(['GET /loose', 'GET /loose']);
  });

  it('counts synchronous workflows that return, throw or register cleanups exactly once each', async () => {
    const cleaned: number[] = [];
    const wf = workflow({
      // Not async: the engine's hot path chains whatever run returns, or catches what it throws.
      run(ctx) {
        if (ctx.iteration % 3 === 1) throw new Error('sync throw');
        if (ctx.iteration % 3 === 2)
          ctx.cleanup(() => {
            cleaned.push(ctx.iteration);
          });
      },
    });
    const { result, recorders } = run(plan(wf, { iterations: 30 }));
    await result;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect([m.ok, m.failed]).toEqual([20, 10]);
    expect(m.reasons).toEqual(Array(10).fill('sync throw'));
    expect(cleaned.sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => 3 * i + 2));
  });

  it('counts an error that carries a failureReason under it, not under its message', async () => {
    class ClientError extends Error {
      override name = 'ClientError';
      constructor(
        readonly failureReason: string,
        message: string,
      ) {
        super(message);
      }
    }
    const wf = workflow({
      run(ctx) {
        throw new ClientError('ECONNREFUSED: GET /posts/{id}', `ECONNREFUSED: GET http://127.0.0.1:1/posts/${ctx.iteration}`);
      },
    });
    const { result, recorders } = run(plan(wf, { iterations: 6 }));
    await result;
    const m = recorders[0]!.workflows.get('svc/wf')!;
    expect(m.reasons).toEqual(Array(6).fill('ClientError: ECONNREFUSED: GET /posts/{id}'));
  });

  it('does not starve timers when iterations never await I/O', async () => {
    const wf = workflow({ run() {} });
    const { result, recorders } = run(plan(wf, { durationMs: 200, iterations: null }));
    await result;
    expect(recorders[0]!.workflows.get('svc/wf')!.ok).toBeGreaterThan(100);
  });
});

describe('Engine.abort', () => {
  /** Runs `run` for 60 s with a 60 s graceful stop, stopped at 100 ms and aborted at 200 ms. */
  async function stopThenAbort(run: Workflow['run']) {
    const http = inMemoryHttp();
    const recorder = new CountingRecorder();
    const engine = new Engine(plan(workflow({ run }), { durationMs: 60_000, iterations: null, gracefulStopMs: 60_000 }), { http, createRecorder: () => recorder });
    setTimeout(() => engine.stop(), 100);
    setTimeout(() => engine.abort(), 200);
    const started = performance.now();
    const result = (await engine.run()) as unknown as { meta: { interrupted: boolean } };
    return { elapsedMs: performance.now() - started, http, interrupted: recorder.workflows.get('svc/wf')!.interrupted, result };
  }

  it('cuts running iterations short at once and force-closes the client', async () => {
    const { elapsedMs, http, interrupted, result } = await stopThenAbort(async (ctx) => {
      await ctx.sleep(60_000);
    });
    expect(elapsedMs).toBeLessThan(2000);
    expect(http.closed).toEqual([true]);
    expect(interrupted).toBe(3);
    expect(result.meta.interrupted).toBe(true);
  });

  it('after a stop, ends the graceful wait at once for iterations hung outside any request or sleep (written off)', async () => {
    const { elapsedMs, http, interrupted } = await stopThenAbort(() => new Promise(() => {}));
    // The abort grace (1 s) for the cut to take, not the 60 s graceful stop.
    expect(elapsedMs).toBeLessThan(10_000);
    expect(http.closed).toEqual([true]);
    expect(interrupted).toBe(3);
  });
});

describe('thresholds', () => {
  it('evaluates thresholds on the results, and abortOnFail stops the run early', async () => {
    const wf = workflow({
      async run(ctx) {
        ctx.check(false, 'always fails');
        await ctx.sleep(10);
      },
    });
    const thresholds = [parseThreshold('svc/wf error-rate < 1%', true), parseThreshold('* failed >= 1')];
    const started = performance.now();
    const { result } = run(plan(wf, { durationMs: 30_000, iterations: null, thresholds }));
    const res = (await result) as unknown as { summary: { abortedBy: string | null }; thresholds: Array<{ expr: string; ok: boolean; actual: number | null }> };
    // Checked once a second: the first check fails it, long before the 30 s.
    expect(performance.now() - started).toBeLessThan(4000);
    expect(res.summary.abortedBy).toBe('svc/wf error-rate < 1%');
    expect(res.thresholds).toEqual([
      { expr: 'svc/wf error-rate < 1%', ok: false, actual: 100, stat: 'error-rate' },
      { expr: '* failed >= 1', ok: true, actual: expect.any(Number), stat: 'failed' },
    ]);
  });

  it('an iteration that finds no free user identity fails with that reason instead of an unhandled rejection', async () => {
    // The engine takes plain data: a plan whose concurrency exceeds its unique users (config
    // refuses it) must still end with every start counted, never a rejection nobody awaits.
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const wf = workflow({
        async run(ctx) {
          await ctx.sleep(300);
          await ctx.http.get('/x');
        },
      });
      const recorders: CountingRecorder[] = [];
      await runTest(plan(wf, { load: { model: 'open', rate: constantProfile(20, null), maxUsers: 4, distribution: 'regular', jitter: 0 }, durationMs: 500, iterations: null, uniqueUsers: 1 }), {
        http: inMemoryHttp(),
        createRecorder: () => {
          const r = new CountingRecorder();
          recorders.push(r);
          return r;
        },
      });
      await new Promise((resolve) => setImmediate(resolve));
      const metrics = recorders[0]!.workflows.get('svc/wf')!;
      expect(rejections).toEqual([]);
      expect(metrics.reasons.length).toBeGreaterThan(0);
      expect(new Set(metrics.reasons)).toEqual(new Set(['no free user identity: concurrency exceeds --unique-users']));
      // Only the iterations that had the identity sent a request.
      expect(recorders[0]!.requestCount).toBe(metrics.ok);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });

  it('live readers share one view per second; the full snapshot is taken once, at the end', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(20);
      },
    });
    // Never fails, so it is checked at every tick; two reporters read the view, one twice.
    const thresholds = [parseThreshold('svc/wf failed < 1000000', true)];
    const seen: Array<{ sameView: boolean; requests: number }> = [];
    const reader: Reporter = {
      name: 'reader',
      onProgress(update) {
        const view = update.view();
        seen.push({ sameView: update.view() === view, requests: view.summary.requests });
      },
    };
    const other: Reporter = { name: 'other', onProgress: (update) => void update.view() };
    const recorders: CountingRecorder[] = [];
    const res = await runTest(plan(wf, { durationMs: 2_500, iterations: null, thresholds }), {
      http: inMemoryHttp(),
      createRecorder: () => {
        const r = new CountingRecorder();
        recorders.push(r);
        return r;
      },
      reporters: [reader, other],
    });
    expect(res.summary.abortedBy).toBeNull();
    // Ticks at 1 s and 2 s (a slow machine may miss the second before the end).
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen.length).toBeLessThanOrEqual(2);
    expect(seen.every((s) => s.sameView)).toBe(true);
    expect(recorders[0]!.views).toBe(seen.length);
    expect(recorders[0]!.snapshots).toBe(1);
  });
});

describe('ctx.log', () => {
  it('writes through the sink with workflow, step, user and iteration bound, and skips disabled levels', async () => {
    const lines: Array<[string, string, Record<string, unknown>]> = [];
    const log = { enabled: (level: string) => level !== 'debug', write: (level: string, message: string, fields: Record<string, unknown>) => lines.push([level, message, fields]) };
    const wf = workflow({
      init(ctx) {
        ctx.log.info('starting');
      },
      async run(ctx) {
        ctx.log.debug('never kept');
        await ctx.step('pay', () => ctx.log.warn('slow payment', { ms: 12 }));
      },
    });
    await runTest(plan(wf, { iterations: 2, load: { model: 'closed', users: constantProfile(1, null) } }), { http: inMemoryHttp(), createRecorder: () => new CountingRecorder(), log });
    expect(lines).toEqual([
      ['info', 'starting', { workflow: 'svc/wf', step: '(init)', user: -1, iteration: -1 }],
      ['warn', 'slow payment', { ms: 12, workflow: 'svc/wf', step: 'pay', user: 0, iteration: 0 }],
      ['warn', 'slow payment', { ms: 12, workflow: 'svc/wf', step: 'pay', user: 0, iteration: 1 }],
    ]);
  });
});
