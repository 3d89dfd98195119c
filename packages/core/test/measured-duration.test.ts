import { constantProfile, Engine, runTest, workflow, type Load, type PlannedWorkflow, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

// The rates of a report are per second of the measured phase: `durationMs` is the planned phase
// when it ran to its end, the time actually run when it was stopped early, and the time to the
// last iteration's end when the iteration budget ended it.

function plan(definition: Workflow<unknown>, load: Load, overrides: Partial<RunPlan> = {}): RunPlan {
  const planned: PlannedWorkflow = { name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } };
  return { workflows: [planned], load, durationMs: 1000, iterations: null, warmupMs: 0, gracefulStopMs: 5000, uniqueUsers: null, ...overrides };
}

const open = (rate: number): Load => ({ model: 'open', rate: constantProfile(rate, null), maxUsers: 10, distribution: 'regular', jitter: 0 });
const closed = (users: number): Load => ({ model: 'closed', users: constantProfile(users, null) });
type Meta = { meta: { durationMs: number } };

async function durationOf(p: RunPlan): Promise<{ durationMs: number; elapsed: number; iterations: number }> {
  const recorder = new CountingRecorder();
  const started = performance.now();
  const res = (await runTest(p, { http: inMemoryHttp(), createRecorder: () => recorder })) as unknown as Meta;
  return { durationMs: res.meta.durationMs, elapsed: performance.now() - started, iterations: recorder.iterationCount };
}

describe('measured duration (the denominator of every rate)', () => {
  it('open model: the planned phase, not the time to the last start', async () => {
    // 10/s for 1 s starts at 0, 100, …, 900 ms: the last start is 100 ms before the end.
    const wf = workflow({
      async run(ctx) {
        await ctx.http.get('/x');
      },
    });
    const { durationMs, iterations } = await durationOf(plan(wf, open(10)));
    expect(iterations).toBe(10);
    expect(durationMs).toBe(1000);
  });

  it('open model with a warm-up: the planned measured phase', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.http.get('/x');
      },
    });
    const { durationMs } = await durationOf(plan(wf, open(10), { durationMs: 600, warmupMs: 300 }));
    expect(durationMs).toBe(600);
  });

  it('closed model: the planned phase, not the end of the graceful stop', async () => {
    // Iterations of 150 ms: the last ones end up to 150 ms after the 500 ms phase.
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(150);
      },
    });
    const { durationMs, elapsed } = await durationOf(plan(wf, closed(2), { durationMs: 500 }));
    expect(elapsed).toBeGreaterThanOrEqual(500);
    expect(durationMs).toBe(500);
  });

  it('stopped early: the time run up to the stop, without the graceful stop after it', async () => {
    // One iteration of 400 ms, stopped at ~200 ms: it runs on in the graceful stop, outside the rate.
    const wf = workflow({
      async run() {
        await new Promise((resolve) => setTimeout(resolve, 400));
      },
    });
    const engine = new Engine(plan(wf, closed(1), { durationMs: 60_000 }), { http: inMemoryHttp(), createRecorder: () => new CountingRecorder() });
    let stoppedAt = 0;
    setTimeout(() => {
      stoppedAt = performance.now();
      engine.stop();
    }, 200);
    const started = performance.now();
    const res = (await engine.run()) as unknown as Meta;
    const ended = performance.now();
    expect(ended - stoppedAt).toBeGreaterThanOrEqual(100);
    expect(Math.abs(res.meta.durationMs - (stoppedAt - started))).toBeLessThan(50);
  });

  it('iteration-limited: up to the end of the last iteration', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(40);
      },
    });
    const { durationMs, elapsed, iterations } = await durationOf(plan(wf, closed(1), { durationMs: null, iterations: 5 }));
    expect(iterations).toBe(5);
    expect(durationMs).toBeGreaterThanOrEqual(5 * 40 - 5);
    expect(durationMs).toBeLessThanOrEqual(elapsed);
  });

  it('a duration with an iteration budget spent first: up to the last iteration, not the duration', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(20);
      },
    });
    const { durationMs, iterations } = await durationOf(plan(wf, closed(1), { durationMs: 30_000, iterations: 3 }));
    expect(iterations).toBe(3);
    expect(durationMs).toBeGreaterThanOrEqual(3 * 20 - 5);
    expect(durationMs).toBeLessThan(5000);
  });
});
