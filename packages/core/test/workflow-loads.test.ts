import { constantProfile, planConcurrency, runTest, workflow, type Load, type PlannedWorkflow, type RunPlan, type WorkflowLoad } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

/** A workflow that tracks how many of its iterations run at once, and when its first started. */
function tracked() {
  const seen = { busy: 0, peak: 0, firstAt: Infinity };
  const definition = workflow({
    async run(ctx) {
      seen.firstAt = Math.min(seen.firstAt, performance.now());
      seen.peak = Math.max(seen.peak, ++seen.busy);
      try {
        await ctx.step('one', () => ctx.http.get('/x'));
        await ctx.sleep(5);
      } finally {
        seen.busy--;
      }
    },
  });
  return { seen, definition };
}

function planned(name: string, definition: PlannedWorkflow['definition'], load?: Partial<WorkflowLoad> & { load: Load }): PlannedWorkflow {
  const wl = load && { iterations: null, uniqueUsers: null, startTimeMs: 0, weight: null, share: null, ...load };
  return { name: `svc/${name}`, service: 'svc', file: `${name}.ts`, definition, env: { BASE_URL: 'http://127.0.0.1:1' }, ...(wl ? { load: wl } : {}) };
}

function base(workflows: PlannedWorkflow[], overrides: Partial<RunPlan> = {}): RunPlan {
  return { workflows, load: { model: 'closed', users: constantProfile(1, null) }, durationMs: null, iterations: 1, warmupMs: 0, gracefulStopMs: 1000, uniqueUsers: null, ...overrides };
}

async function run(plan: RunPlan) {
  const recorders: CountingRecorder[] = [];
  const result = await runTest(plan, {
    http: inMemoryHttp(),
    createRecorder: () => {
      const r = new CountingRecorder();
      recorders.push(r);
      return r;
    },
  });
  return { result, recorder: recorders[0]! };
}

describe('a load per workflow', () => {
  it('runs each workflow with its own users and iteration budget, and describes each in the results', async () => {
    const a = tracked();
    const b = tracked();
    const plan = base([
      planned('a', a.definition, { load: { model: 'closed', users: constantProfile(3, null) }, iterations: 30, weight: 3, share: 0.75 }),
      planned('b', b.definition, { load: { model: 'closed', users: constantProfile(1, null) }, iterations: 7, weight: 1, share: 0.25 }),
    ]);
    expect(planConcurrency(plan)).toBe(4);
    const { result, recorder } = await run(plan);
    expect(recorder.workflows.get('svc/a')!.ok).toBe(30);
    expect(recorder.workflows.get('svc/b')!.ok).toBe(7);
    expect(a.seen.peak).toBe(3);
    expect(b.seen.peak).toBe(1);
    const described = (result as unknown as { meta: { load: { workflows: unknown[] } } }).meta.load.workflows;
    expect(described).toEqual([
      expect.objectContaining({ name: 'svc/a', weight: 3, share: 0.75, model: 'closed', users: 3, iterations: 30, startTimeMs: 0 }),
      expect.objectContaining({ name: 'svc/b', weight: 1, share: 0.25, model: 'closed', users: 1, iterations: 7, startTimeMs: 0 }),
    ]);
  });

  it('starts a workflow with a start time that much later on the shared timeline, an open and a closed workflow together', async () => {
    const early = tracked();
    const late = tracked();
    const plan = base(
      [
        planned('early', early.definition, { load: { model: 'closed', users: constantProfile(1, null) } }),
        planned('late', late.definition, { load: { model: 'open', rate: constantProfile(50, null), maxUsers: 5, distribution: 'regular', jitter: 0 }, startTimeMs: 400 }),
      ],
      { durationMs: 700, iterations: null },
    );
    const t0 = performance.now();
    const { recorder } = await run(plan);
    expect(early.seen.firstAt - t0).toBeLessThan(400);
    // Timers never fire early: nothing of `late` before its start time.
    expect(late.seen.firstAt - t0).toBeGreaterThanOrEqual(399);
    // 50/s over the 300 ms left: 15 starts, whatever the machine's speed (none dropped at 5 ms each).
    const lateMetrics = recorder.workflows.get('svc/late')!;
    expect(lateMetrics.ok + lateMetrics.dropped).toBe(15);
    expect(recorder.workflows.get('svc/early')!.ok).toBeGreaterThan(0);
  });

  it('keeps the whole plan load for a workflow without one (plans built by hand)', async () => {
    const a = tracked();
    const { recorder } = await run(base([planned('a', a.definition)], { load: { model: 'closed', users: constantProfile(2, null) }, iterations: 6 }));
    expect(recorder.workflows.get('svc/a')!.ok).toBe(6);
    expect(a.seen.peak).toBe(2);
  });
});
