import { constantProfile, runTest, workflow, type PlannedWorkflow, type RunPlan, type Workflow } from '@go-heavy/core';
import { scavengesDuring } from '../../../tools/testing/scavenges.js';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

function plan(definition: Workflow<unknown>, iterations = 4): RunPlan {
  const planned: PlannedWorkflow = { name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } };
  return { workflows: [planned], load: { model: 'closed', users: constantProfile(2, null) }, durationMs: null, iterations, warmupMs: 0, gracefulStopMs: 1000, uniqueUsers: null };
}

async function run(definition: Workflow<unknown>, iterations = 4): Promise<CountingRecorder> {
  const recorders: CountingRecorder[] = [];
  await runTest(plan(definition, iterations), {
    http: inMemoryHttp(),
    createRecorder: () => {
      const r = new CountingRecorder();
      recorders.push(r);
      return r;
    },
  });
  return recorders[0]!;
}

const valuesIn = (recorder: CountingRecorder, step: string): string[] => recorder.workflows.get('svc/wf')!.steps.get(step)?.metricValues ?? [];

describe('ctx.metrics', () => {
  it('records each kind under the step running at each add, the default step outside any, and (init) / (cleanup) in those hooks', async () => {
    const recorder = await run(
      workflow({
        init(ctx) {
          ctx.metrics.counter('setup calls').add();
        },
        async run(ctx) {
          ctx.metrics.counter('orders').add(2);
          await ctx.step('search', async () => {
            ctx.metrics.trend('results').add(12.5);
            await ctx.step('inner', () => ctx.metrics.rate('cache hit').add(true));
            ctx.metrics.rate('cache hit').add(false);
          });
        },
        cleanup(ctx) {
          ctx.metrics.counter('teardown calls').add(3);
        },
      }),
    );
    expect(valuesIn(recorder, '(init)')).toEqual(['counter setup calls 1']);
    expect(valuesIn(recorder, '(cleanup)')).toEqual(['counter teardown calls 3']);
    expect(valuesIn(recorder, '(no step)')).toEqual(Array(4).fill('counter orders 2'));
    expect(valuesIn(recorder, 'search').sort()).toEqual([...Array(4).fill('rate cache hit 0'), ...Array(4).fill('trend results 12.5')]);
    expect(valuesIn(recorder, 'inner')).toEqual(Array(4).fill('rate cache hit 1'));
  });

  it('resolves the sink once per step and name, and hands out one handle per name', async () => {
    const handles = new Set<unknown>();
    const recorder = await run(
      workflow({
        async run(ctx) {
          for (let i = 0; i < 10; i++) {
            const depth = ctx.metrics.trend('depth');
            handles.add(depth);
            depth.add(i);
          }
        },
      }),
    );
    // Two users (contexts), one handle each, whatever the number of calls.
    expect(handles.size).toBe(2);
    const step = recorder.workflows.get('svc/wf')!.steps.get('(no step)')!;
    expect(step.sinks.size).toBe(1);
    expect(step.metricValues).toHaveLength(40);
  });

  it.each([
    [
      'a negative trend value',
      (ctx: { metrics: { trend(n: string): { add(v: number): void } } }) => ctx.metrics.trend('depth').add(-1),
      'ctx.metrics.trend("depth").add(): expected a finite number >= 0, got -1',
    ],
    [
      'a NaN trend value',
      (ctx: { metrics: { trend(n: string): { add(v: number): void } } }) => ctx.metrics.trend('depth').add(NaN),
      'ctx.metrics.trend("depth").add(): expected a finite number >= 0, got NaN',
    ],
    [
      'an infinite counter amount',
      (ctx: { metrics: { counter(n: string): { add(v: number): void } } }) => ctx.metrics.counter('bytes').add(Infinity),
      'ctx.metrics.counter("bytes").add(): expected a finite number >= 0, got Infinity',
    ],
    ['a rate given a number', (ctx: { metrics: { rate(n: string): { add(v: unknown): void } } }) => ctx.metrics.rate('hit').add(1), 'ctx.metrics.rate("hit").add(): expected true or false, got 1'],
    ['an empty name', (ctx: { metrics: { counter(n: string): unknown } }) => ctx.metrics.counter(''), 'ctx.metrics: expected a metric name (a non-empty string), got ""'],
    ['a name too long', (ctx: { metrics: { counter(n: string): unknown } }) => ctx.metrics.counter('x'.repeat(101)), 'is 101 characters long: expected at most 100'],
    [
      'a name used with two kinds',
      (ctx: { metrics: { counter(n: string): unknown; trend(n: string): unknown } }) => {
        ctx.metrics.counter('orders');
        ctx.metrics.trend('orders');
      },
      'ctx.metrics: "orders" is a counter, so it cannot be used as a trend: one name, one kind',
    ],
  ])('fails the iteration with one clear error for %s, recording nothing', async (_what, act, message) => {
    const recorder = await run(workflow({ run: (ctx) => act(ctx as never) }), 2);
    const wf = recorder.workflows.get('svc/wf')!;
    expect(wf.failed).toBe(2);
    expect(wf.reasons.every((r) => r.includes(message))).toBe(true);
    expect(valuesIn(recorder, '(no step)')).toEqual([]);
  });
});

describe('ctx.metrics on the hot path', () => {
  it('adds without allocating, looked up by name each time, across two steps', async () => {
    const recorder = new CountingRecorder();
    const wf = recorder.workflow('svc/wf');
    class Sink {
      adds = 0;
      add(): void {
        this.adds++;
      }
    }
    const sinks = { counter: new Sink(), rate: new Sink(), trend: new Sink() };
    const stepA = { ...wf.step('a'), metric: (kind: keyof typeof sinks) => sinks[kind] };
    const stepB = { ...wf.step('b'), metric: (kind: keyof typeof sinks) => sinks[kind] };
    const owner = { currentStep: stepA as never, expired: false };
    const { UserMetrics } = await import('../src/engine/user-metrics.js');
    const metrics = new UserMetrics(owner);
    // Fractional values held as tagged numbers: a raw double read from a double array would be
    // boxed by this loop when passed to a call, the test's allocation rather than ours.
    const values = Array.from({ length: 1024 }, (_, i) => 0.5 + i);
    (values as unknown[]).push('never read');
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        // A step change every 1000 adds: the handles re-resolve their sink, then hit again.
        if (i % 1000 === 0) owner.currentStep = (i % 2000 === 0 ? stepA : stepB) as never;
        metrics.counter('orders').add();
        metrics.rate('hit').add((i & 1) === 0);
        metrics.trend('depth').add(values[i & 1023]!);
      }
    };
    run(100_000);
    const rounds = 1_000_000;
    expect(await scavengesDuring(() => run(rounds))).toBeLessThanOrEqual(1);
    expect([sinks.counter.adds, sinks.rate.adds, sinks.trend.adds]).toEqual(Array(3).fill(100_000 + rounds));
  });
});
