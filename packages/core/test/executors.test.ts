import { constantProfile, Engine, placeStarts, runTest, SLOT_MS, workflow, type Load, type PlannedWorkflow, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

function plan(definition: Workflow<unknown>, load: Load, overrides: Partial<RunPlan> = {}): RunPlan {
  const planned: PlannedWorkflow = { name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: 'http://127.0.0.1:1' } };
  return { workflows: [planned], load, durationMs: 1000, iterations: null, warmupMs: 0, gracefulStopMs: 2000, uniqueUsers: null, ...overrides };
}

async function run(p: RunPlan) {
  const recorder = new CountingRecorder();
  await runTest(p, { http: inMemoryHttp(), createRecorder: () => recorder });
  return recorder;
}

describe('placeStarts', () => {
  const out = new Float64Array(64);
  it('spaces starts evenly for the regular distribution', () => {
    expect(placeStarts(4, { distribution: 'regular', jitter: 0 }, Math.random, out)).toBe(4);
    expect([...out.subarray(0, 4)]).toEqual([0, 25, 50, 75]);
  });
  it('keeps random and jittered starts inside the slot, sorted', () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (const load of [
      { distribution: 'random' as const, jitter: 0 },
      { distribution: 'regular' as const, jitter: 0.5 },
    ]) {
      placeStarts(50, load, random, out);
      const starts = [...out.subarray(0, 50)];
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      for (const s of starts) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThan(SLOT_MS);
      }
    }
  });
});

describe('open model', () => {
  it('starts the planned number of iterations, measured from their intended start', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(5);
      },
    });
    const recorder = await run(plan(wf, { model: 'open', rate: constantProfile(200, 1000), maxUsers: 50, distribution: 'regular', jitter: 0 }));
    const m = recorder.workflows.get('svc/wf')!;
    // 200/s for 1 s: the schedule plans exactly 200 starts.
    expect(recorder.lags).toHaveLength(200);
    expect(m.ok).toBe(200);
    expect(m.dropped).toBe(0);
    for (const lag of recorder.lags) expect(lag).toBeGreaterThanOrEqual(0);
  });

  it('drops starts that find every allowed user busy, never delaying them', async () => {
    // 100/s, but each iteration holds its user for 250 ms and only 5 users are allowed.
    const wf = workflow({
      async run(ctx) {
        await ctx.sleep(250);
      },
    });
    const recorder = await run(plan(wf, { model: 'open', rate: constantProfile(100, 1000), maxUsers: 5, distribution: 'regular', jitter: 0 }));
    const m = recorder.workflows.get('svc/wf')!;
    const started = recorder.lags.length;
    expect(started + m.dropped).toBe(100);
    expect(m.dropped).toBeGreaterThan(70);
    expect(started).toBe(m.ok + m.interrupted);
    // Capacity is 5 users / 250 ms = 20/s: about 20 starts, never more than the cap allows.
    expect(started).toBeLessThanOrEqual(25);
  });

  it('starts the backlog of a late wake in turns, giving I/O a turn between them', async () => {
    // The first iteration holds the event loop for 100 ms: 200 starts are due when it returns.
    let started = 0;
    let startedBeforeIo = -1;
    const wf = workflow({
      run() {
        if (++started > 1) return;
        setImmediate(() => (startedBeforeIo = started));
        const until = performance.now() + 100;
        while (performance.now() < until);
      },
    });
    const recorder = await run(plan(wf, { model: 'open', rate: constantProfile(2000, 500), maxUsers: 1000, distribution: 'regular', jitter: 0 }, { durationMs: 500 }));
    // I/O (and this immediate) ran after the first turn of 32 starts, not after all 200.
    expect(startedBeforeIo).toBeGreaterThan(1);
    expect(startedBeforeIo).toBeLessThanOrEqual(32);
    // Nothing lost: every late start still ran, measured from its intended time.
    expect(recorder.lags).toHaveLength(1000);
    expect(recorder.workflows.get('svc/wf')!.dropped).toBe(0);
    expect(Math.max(...recorder.lags)).toBeGreaterThanOrEqual(90);
  });

  it('follows a rate ramp: the first half plans a quarter of the starts', async () => {
    const starts: number[] = [];
    let t0 = 0;
    const wf = workflow({
      init() {
        t0 = performance.now();
      },
      run() {
        starts.push(performance.now() - t0);
      },
    });
    // 0 → 400/s over 1 s: 200 iterations, 50 of them in the first 500 ms.
    await run(plan(wf, { model: 'open', rate: { start: 0, stages: [{ durationMs: 1000, target: 400 }] }, maxUsers: 50, distribution: 'regular', jitter: 0 }));
    expect(starts.length).toBeGreaterThanOrEqual(198);
    expect(starts.length).toBeLessThanOrEqual(200);
    const firstHalf = starts.filter((t) => t < 500).length;
    expect(firstHalf).toBeGreaterThanOrEqual(45);
    expect(firstHalf).toBeLessThanOrEqual(55);
  });
});

describe('closed model with a user profile', () => {
  it('adds users as the profile rises and lets them leave as it falls', async () => {
    let busy = 0;
    let t0 = 0;
    const samples: Array<[number, number]> = [];
    const wf = workflow({
      init() {
        t0 = performance.now();
      },
      async run(ctx) {
        busy++;
        samples.push([performance.now() - t0, busy]);
        await ctx.sleep(20);
        busy--;
      },
    });
    // 0 → 6 users over 600 ms, hold, then down to 1 over the last 400 ms.
    const users = {
      start: 0,
      stages: [
        { durationMs: 600, target: 6 },
        { durationMs: 400, target: 6 },
        { durationMs: 400, target: 1 },
      ],
    };
    await run(plan(wf, { model: 'closed', users }, { durationMs: 1400 }));
    const peak = (from: number, to: number) => Math.max(0, ...samples.filter(([t]) => t >= from && t < to).map(([, b]) => b));
    expect(peak(0, 200)).toBeLessThanOrEqual(3);
    expect(peak(700, 1000)).toBe(6);
    // At 1300 ms the target is 2; users above it leave once their 20 ms iteration ends.
    expect(peak(1330, 1400)).toBeLessThanOrEqual(2);
  });
});

describe('unique users', () => {
  it('hands each identity to one iteration at a time and runs userInit once per identity', async () => {
    const inits: number[] = [];
    const active = new Set<number>();
    let overlaps = 0;
    const seen = new Set<number>();
    const wf = workflow({
      userInit(ctx) {
        inits.push(ctx.user.id);
        ctx.user.state.token = `t${ctx.user.id}`;
      },
      async run(ctx) {
        if (active.has(ctx.user.id)) overlaps++;
        active.add(ctx.user.id);
        seen.add(ctx.user.id);
        expect(ctx.user.state.token).toBe(`t${ctx.user.id}`);
        await ctx.sleep(5);
        active.delete(ctx.user.id);
      },
    });
    const http = inMemoryHttp();
    const recorder = new CountingRecorder();
    await new Engine(plan(wf, { model: 'open', rate: constantProfile(300, 500), maxUsers: 4, distribution: 'random', jitter: 0 }, { durationMs: 500, uniqueUsers: 4 }), {
      http,
      createRecorder: () => recorder,
    }).run();
    expect(overlaps).toBe(0);
    expect(inits.sort()).toEqual([0, 1, 2, 3]);
    expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    expect(http.jars).toBe(4);
    expect(recorder.workflows.get('svc/wf')!.steps.get('(user init)')!.ok).toBe(4);
  });
});

describe('UserPool', () => {
  it('hands out identities in turn, so every one is used even at low concurrency', async () => {
    const seen: number[] = [];
    const wf = workflow({
      run(ctx) {
        seen.push(ctx.user.id);
      },
    });
    const http = inMemoryHttp();
    // One user at a time, 6 identities: each iteration gets the next identity.
    await new Engine(plan(wf, { model: 'closed', users: constantProfile(1, null) }, { durationMs: null, iterations: 12, uniqueUsers: 6 }), {
      http,
      createRecorder: () => new CountingRecorder(),
    }).run();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 5]);
  });
});
