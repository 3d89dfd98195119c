import { constantProfile, runTest, workflow, type HttpClient, type HttpClientProvider, type Load, type PlannedWorkflow, type RequestScope, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

function plan(definition: Workflow<unknown>, overrides: Partial<RunPlan> = {}): RunPlan {
  const planned: PlannedWorkflow = { name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } };
  return {
    workflows: [planned],
    load: { model: 'closed', users: constantProfile(1, null) },
    durationMs: null,
    iterations: 3,
    warmupMs: 0,
    gracefulStopMs: 5000,
    uniqueUsers: null,
    iterationTimeoutMs: 100,
    ...overrides,
  };
}

async function run(p: RunPlan, http: HttpClientProvider = inMemoryHttp()) {
  const recorder = new CountingRecorder();
  const started = performance.now();
  await runTest(p, { http, createRecorder: () => recorder });
  return { m: recorder.workflows.get('svc/wf')!, recorder, elapsed: performance.now() - started };
}

const never = () => new Promise<never>(() => {});

describe('--iteration-timeout', () => {
  it('fails an iteration that never ends, fails its open steps, runs its cleanups LIFO and moves on', async () => {
    const events: string[] = [];
    const wf = workflow({
      async run(ctx) {
        for (const n of [0, 1, 2])
          ctx.cleanup(() => {
            events.push(`${ctx.iteration}:${n}`);
          });
        await ctx.step('outer', () => ctx.step('stuck', never));
      },
    });
    const { m, elapsed } = await run(plan(wf));
    expect(m.failed).toBe(3);
    expect(m.ok).toBe(0);
    expect(m.reasons).toEqual(Array(3).fill('iteration timeout: still running after 100ms'));
    expect([m.steps.get('outer')!.failed, m.steps.get('stuck')!.failed]).toEqual([3, 3]);
    expect([m.steps.get('outer')!.ok, m.steps.get('stuck')!.ok]).toEqual([0, 0]);
    expect(events).toEqual(['0:2', '0:1', '0:0', '1:2', '1:1', '1:0', '2:2', '2:1', '2:0']);
    // Three timeouts of 100 ms one after the other, nothing waited for at the end.
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(2500);
  });

  it('counts nothing twice when the abandoned code ends late: its steps, checks and requests', async () => {
    let lateRequest: unknown;
    const wf = workflow({
      async run(ctx) {
        await ctx.step('slow', () => new Promise((resolve) => setTimeout(resolve, 250)));
        ctx.check(false, 'late check');
        lateRequest = await ctx.http.get('/after').catch((err: Error) => err.message);
      },
    });
    const { m, recorder } = await run(plan(wf, { iterations: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(m.failed).toBe(1);
    expect(m.steps.get('slow')).toMatchObject({ ok: 0, failed: 1 });
    expect(m.checks).toEqual([]);
    expect(recorder.requestCount).toBe(0);
    expect(lateRequest).toMatch(/iteration timeout: this iteration was abandoned/);
  });

  it('aborts ctx.signal and wakes ctx.sleep of the abandoned iteration', async () => {
    let aborted: unknown;
    let woke = -1;
    const wf = workflow({
      async run(ctx) {
        const signal = ctx.signal;
        const start = performance.now();
        await ctx.sleep(60_000);
        woke = performance.now() - start;
        aborted = signal.aborted;
      },
    });
    const { m } = await run(plan(wf, { iterations: 1 }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(m.reasons).toEqual(['iteration timeout: still running after 100ms']);
    expect(aborted).toBe(true);
    expect(woke).toBeGreaterThanOrEqual(95);
    expect(woke).toBeLessThan(2000);
  });

  it('gives the fresh context a working ctx.http: the next iteration of the slot is recorded normally', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.step('req', () => ctx.http.get('/x'));
        if (ctx.iteration === 0) await never();
      },
    });
    const { m, recorder } = await run(plan(wf));
    expect(m.failed).toBe(1);
    expect(m.ok).toBe(2);
    expect(m.steps.get('req')!.requests).toEqual(['GET /x', 'GET /x', 'GET /x']);
    expect(recorder.requestCount).toBe(3);
  });

  it('open model: a slot freed at the timeout takes the next start instead of dropping it', async () => {
    const open: Load = { model: 'open', rate: constantProfile(20, null), maxUsers: 1, distribution: 'regular', jitter: 0 };
    const wf = workflow({ run: never });
    const { m } = await run(plan(wf, { load: open, durationMs: 1000, iterations: null, iterationTimeoutMs: 30 }));
    expect(m.failed).toBe(20);
    expect(m.dropped).toBe(0);
  });

  it('without a timeout nothing changes: a slow iteration succeeds', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.step('s', () => ctx.sleep(150));
      },
    });
    const { m } = await run(plan(wf, { iterations: 2, iterationTimeoutMs: null }));
    expect([m.ok, m.failed]).toEqual([2, 0]);
  });

  it('records a request in flight at the timeout once, when it ends; those still running at the end are cut', async () => {
    const http = slowHttp();
    // Iteration 0's request ends at 150 ms, after its timeout (100 ms) and before the run ends
    // (300 ms); those of iterations 1 and 2 would take 10 s and are cut when the run ends.
    const wf = workflow({
      async run(ctx) {
        await ctx.step('call', () => ctx.http.get(ctx.iteration === 0 ? '/slow?ms=150' : '/slow?ms=10000'));
      },
    });
    const { m, recorder, elapsed } = await run(plan(wf, { iterations: 3 }), http);
    expect(elapsed).toBeLessThan(5000);
    expect(m.failed).toBe(3);
    expect(m.steps.get('call')).toMatchObject({ ok: 0, failed: 3 });
    expect(http.outcomes).toEqual(['GET /slow?ms=150 200', 'GET /slow?ms=10000 interrupted', 'GET /slow?ms=10000 interrupted']);
    expect(m.steps.get('call')!.requests).toHaveLength(3);
    expect(recorder.requestCount).toBe(3);
    expect(http.closed).toEqual([true]);
  });
});

/**
 * A client whose requests answer after the `ms` of their query, unless force-closed first (then they fail as
 * interrupted), each recorded once under the step it was made in.
 */
function slowHttp(): HttpClientProvider & { outcomes: string[]; closed: boolean[] } {
  const pending = new Set<() => void>();
  const outcomes: string[] = [];
  const closed: boolean[] = [];
  const base = inMemoryHttp();
  return {
    outcomes,
    closed,
    createCookieJar: base.createCookieJar,
    forScope(scope: RequestScope): HttpClient {
      const call = (method: string, url: string) => {
        const metrics = scope.step.request(method, url);
        const ms = Number(/ms=(\d+)/.exec(url)![1]);
        return new Promise<never>((resolve, reject) => {
          const cut = () => {
            clearTimeout(timer);
            metrics.recordError(0, 'interrupted');
            outcomes.push(`${method} ${url} interrupted`);
            reject(new Error('interrupted'));
          };
          const timer = setTimeout(() => {
            pending.delete(cut);
            metrics.recordResponse(ms, 200);
            outcomes.push(`${method} ${url} 200`);
            resolve({ status: 200, headers: {}, body: '', url, latencyMs: ms } as never);
          }, ms);
          pending.add(cut);
        });
      };
      return {
        get: (u) => call('GET', u),
        delete: (u) => call('DELETE', u),
        post: (u) => call('POST', u),
        put: (u) => call('PUT', u),
        patch: (u) => call('PATCH', u),
        request: (o) => call(o.method, o.url),
      };
    },
    async close(options?: { force?: boolean }) {
      closed.push(Boolean(options?.force));
      if (options?.force) for (const cut of pending) cut();
      pending.clear();
    },
  };
}
