import { setTimeout as delay } from 'node:timers/promises';
import { constantProfile, runTest, workflow, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

function plan(definition: Workflow<unknown>, iterations: number): RunPlan {
  return {
    workflows: [{ name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } }],
    load: { model: 'closed', users: constantProfile(4, null) },
    durationMs: null,
    iterations,
    warmupMs: 0,
    gracefulStopMs: 1000,
    uniqueUsers: null,
  };
}

async function run(definition: Workflow<unknown>, iterations: number) {
  const recorder = new CountingRecorder();
  await runTest(plan(definition, iterations), { http: inMemoryHttp(), createRecorder: () => recorder });
  return recorder.workflows.get('svc/wf')!;
}

describe('ctx.measure', () => {
  it('records timed work as a CUSTOM request of its step, with its latency, and returns its value', async () => {
    const values: number[] = [];
    const wf = await run(
      workflow({
        async run(ctx) {
          const v = await ctx.step('query', () =>
            ctx.measure('db: select user', async () => {
              await delay(30);
              return 7;
            }),
          );
          values.push(v);
        },
      }),
      6,
    );
    expect(values).toEqual([7, 7, 7, 7, 7, 7]);
    const step = wf.steps.get('query')!;
    expect(step.ok).toBe(6);
    expect(step.outcomes.map((o) => `${o.request} ${o.outcome}`)).toEqual(Array(6).fill('CUSTOM db: select user ok'));
    for (const o of step.outcomes) {
      expect(o.ms).toBeGreaterThanOrEqual(29);
      expect(o.ms).toBeLessThan(30 * 4 + 500);
    }
  });

  it("records a throw as an error of the error's category, else `custom`, rethrows it and fails the step and the iteration", async () => {
    const wf = await run(
      workflow({
        async run(ctx) {
          await ctx.step('publish', async () => {
            await ctx
              .measure('grpc: Charge', async () => {
                throw Object.assign(new Error('unavailable'), { category: 'UNAVAILABLE' });
              })
              .catch(() => undefined);
            await ctx.measure('queue: publish', () => {
              throw new Error('broker down');
            });
          });
        },
      }),
      3,
    );
    const step = wf.steps.get('publish')!;
    expect(step.failed).toBe(3);
    expect(step.outcomes.map((o) => `${o.request} ${o.outcome}`).sort()).toEqual([...Array(3).fill('CUSTOM grpc: Charge ! UNAVAILABLE'), ...Array(3).fill('CUSTOM queue: publish ! custom')]);
    expect(wf.failed).toBe(3);
    expect(wf.reasons).toEqual(['broker down', 'broker down', 'broker down']);
  });

  it('rejects a missing name or function without recording anything', async () => {
    const errors: string[] = [];
    const wf = await run(
      workflow({
        async run(ctx) {
          await ctx.measure('', async () => 1).catch((e: Error) => errors.push(e.message));
          await ctx.measure('x', undefined as never).catch((e: Error) => errors.push(e.message));
        },
      }),
      1,
    );
    expect(errors).toEqual(['ctx.measure(name, fn): name must be a non-empty string', 'ctx.measure("x", fn): fn must be a function']);
    expect([...wf.steps.values()].flatMap((s) => s.outcomes)).toEqual([]);
  });
});

describe('ctx.uniqueId', () => {
  it('hands out ids unique across users and iterations, in init and run', async () => {
    const ids: string[] = [];
    await run(
      workflow({
        init(ctx) {
          ids.push(ctx.uniqueId());
        },
        async run(ctx) {
          ids.push(ctx.uniqueId(), ctx.uniqueId());
          await delay(1);
        },
      }),
      200,
    );
    expect(ids).toHaveLength(401);
    expect(new Set(ids).size).toBe(401);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8}-[0-9a-z]+$/);
  });
});
