import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { constantProfile, Engine, isDataFileError, runTest, workflow, WorkflowInitError, type Rows, type RunPlan, type Workflow } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

// The engine's side of ctx.data: files next to the workflow, shared by the users, what a bad file
// or spent rows do to the iterations and the test. The pickers and parsing have their own tests.
describe('ctx.data in a run', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-engine-data-'));
  const dir = path.join(root, 'services', 'svc');
  beforeAll(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'ids.csv'), `id\n${Array.from({ length: 30 }, (_, i) => `u${i}`).join('\n')}\n`);
    writeFileSync(path.join(dir, 'ten.txt'), `${Array.from({ length: 10 }, (_, i) => `t${i}`).join('\n')}\n`);
    writeFileSync(path.join(dir, 'bad.csv'), 'id,name\n1,a\n2,b,c\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function plan(definition: Workflow<unknown>, overrides: Partial<RunPlan> = {}): RunPlan {
    return {
      workflows: [{ name: 'svc/wf', service: 'svc', file: path.join(dir, 'wf.ts'), definition, env: { BASE_URL: 'http://127.0.0.1:1' } }],
      load: { model: 'closed', users: constantProfile(3, null) },
      durationMs: null,
      iterations: 30,
      warmupMs: 0,
      gracefulStopMs: 5000,
      uniqueUsers: null,
      ...overrides,
    };
  }

  async function run(p: RunPlan) {
    const recorder = new CountingRecorder();
    const warnings: string[] = [];
    const started = performance.now();
    await runTest(p, { http: inMemoryHttp(), createRecorder: () => recorder, warn: (m) => warnings.push(m) });
    const wf = recorder.workflows.get('svc/wf')!;
    return { wf, warnings, requests: [...wf.steps.values()].flatMap((s) => s.requests), ms: performance.now() - started };
  }

  it('3 users × 10 iterations with unique(): every row is used exactly once; init and run share the rows', async () => {
    let fromInit: Rows<{ id: string }> | undefined;
    const wf = workflow<{ ids: Rows<{ id: string }> }>({
      init(ctx) {
        fromInit = ctx.data.csv<{ id: string }>('ids.csv');
        return { ids: fromInit };
      },
      async run(ctx, { ids }) {
        expect(ctx.data.csv('ids.csv')).toBe(ids);
        await ctx.http.get(`/users/${ids.unique().id}`);
      },
    });
    const { wf: metrics, requests } = await run(plan(wf));
    expect(metrics.ok).toBe(30);
    expect(metrics.failed).toBe(0);
    expect(requests.sort()).toEqual(fromInit!.all.map((r) => `GET /users/${r.id}`).sort());
    expect(new Set(requests).size).toBe(30);
  });

  it("rows opened with onEnd 'stop' end the test once spent: one lap, the late askers interrupted, not failed", async () => {
    const wf = workflow({
      async run(ctx) {
        const term = ctx.data.lines('ten.txt', { onEnd: 'stop' }).next();
        await ctx.http.get(`/search?q=${term}`);
        await ctx.sleep(5);
      },
    });
    // A duration far beyond the data: the end of the rows, not the clock, ends this run.
    const { wf: metrics, requests, warnings, ms } = await run(plan(wf, { iterations: null, durationMs: 60_000 }));
    expect(metrics.ok).toBe(10);
    expect(metrics.failed).toBe(0);
    // The users that asked after the last row: at least the one that found the end, at most all 3.
    expect(metrics.interrupted).toBeGreaterThanOrEqual(1);
    expect(metrics.interrupted).toBeLessThanOrEqual(3);
    expect(requests.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `GET /search?q=t${i}`).sort());
    expect(warnings).toEqual([expect.stringMatching(/ten\.txt: next\(\): all 10 rows were used \(onEnd: 'stop'\): the test stops$/)]);
    expect(ms).toBeLessThan(30_000);
  });

  it('a bad file read in init stops the test before the load, naming the file and line', async () => {
    const wf = workflow({
      init(ctx) {
        return ctx.data.csv('bad.csv');
      },
      run() {},
    });
    const failure = await runTest(plan(wf), { http: inMemoryHttp(), createRecorder: () => new CountingRecorder() }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(WorkflowInitError);
    const cause = (failure as WorkflowInitError).cause;
    expect(isDataFileError(cause)).toBe(true);
    expect((cause as Error).message).toBe(`${path.relative(process.cwd(), path.join(dir, 'bad.csv'))}:3: Invalid Record Length: columns length is 2, got 3`);
  });

  it('a bad file read in an iteration fails that iteration with the file and line as its reason', async () => {
    const wf = workflow({
      async run(ctx) {
        await ctx.http.get('/before');
        ctx.data.csv('bad.csv');
      },
    });
    const { wf: metrics, requests } = await run(plan(wf, { iterations: 6 }));
    expect(metrics.failed).toBe(6);
    expect(requests).toHaveLength(6);
    expect(new Set(metrics.reasons)).toEqual(new Set([`DataFileError: ${path.relative(process.cwd(), path.join(dir, 'bad.csv'))}:3: Invalid Record Length: columns length is 2, got 3`]));
  });

  it('forUser() gives each user identity its own row for the whole test', async () => {
    const seen = new Map<number, Set<string>>();
    const wf = workflow({
      async run(ctx) {
        const row = ctx.data.csv<{ id: string }>('ids.csv').forUser(ctx.user);
        let rows = seen.get(ctx.user.id);
        if (!rows) seen.set(ctx.user.id, (rows = new Set()));
        rows.add(row.id);
        await ctx.http.get(`/users/${row.id}`);
      },
    });
    const { wf: metrics } = await run(plan(wf, { iterations: 40, uniqueUsers: 5 }));
    expect(metrics.ok).toBe(40);
    expect([...seen.keys()].sort()).toEqual([0, 1, 2, 3, 4]);
    for (const [id, rows] of seen) expect([...rows]).toEqual([`u${id}`]);
  });

  it('the segments of a test (--segment, --workers) take their turns of unique() rows, and forUser() rows stay per identity across them', async () => {
    const picked: string[][] = [[], [], []];
    const owners = new Map<string, number>();
    const wf = (share: number) =>
      workflow({
        async run(ctx) {
          const ids = ctx.data.csv<{ id: string }>('ids.csv');
          picked[share]!.push(ids.unique().id);
          owners.set(ids.forUser(ctx.user).id, ctx.user.id);
          await ctx.http.get('/x');
        },
      });
    // 30 iterations and 6 unique users over 3 segments: 10 iterations and 2 identities each.
    const ran = await Promise.all([0, 1, 2].map((index) => run(plan(wf(index), { iterations: 30, uniqueUsers: 6, segment: { index, count: 3 } }))));
    for (const { wf: metrics } of ran) expect([metrics.ok, metrics.failed]).toEqual([10, 0]);
    // Segment i took rows i, i + 3, …: no row twice, every row once.
    picked.forEach((ids, index) => expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, k) => `u${index + 3 * k}`).sort()));
    // forUser: identities 0 to 5 across the segments, each its own row u<id>.
    expect([...owners.entries()].sort()).toEqual(Array.from({ length: 6 }, (_, id) => [`u${id}`, id]).sort());
  });

  it('--workers: rows returned from init cross to the workers, whose pickers start after the rows init took', async () => {
    let initPicks: string[] = [];
    const picked: string[] = [];
    const wf = workflow<{ ids: Rows<{ id: string }>; nested: { list: Array<Rows<{ id: string }>> }; own: Rows<string> }>({
      init(ctx) {
        const ids = ctx.data.csv<{ id: string }>('ids.csv');
        initPicks = [ids.unique().id, ctx.data.lines('ten.txt').next()];
        return { ids, nested: { list: [ids] }, own: ctx.data.rows(['a', 'b', 'c']) };
      },
      async run(ctx, { ids, nested, own }) {
        // The same pickers however they are reached: from init's data or by opening the file again.
        if (nested.list[0] !== ids || ctx.data.csv('ids.csv') !== ids) throw new Error('rows from init are not the rows of the file');
        picked.push(ids.unique().id, ctx.data.lines('ten.txt').next(), own.next());
        await ctx.http.get('/x');
      },
    });
    // 29 iterations: init took row 0 of each file, so the workers' 15 + 14 take all the others.
    const whole = plan(wf, { iterations: 29, load: { model: 'closed', users: constantProfile(2, null) } });
    const shared = await new Engine(whole, { http: inMemoryHttp(), createRecorder: () => new CountingRecorder() }).initShared();
    const initData = structuredClone(shared);
    const recorders = [0, 1].map(() => new CountingRecorder());
    await Promise.all([0, 1].map((index) => new Engine({ ...whole, segment: { index, count: 2 } }, { http: inMemoryHttp(), createRecorder: () => recorders[index]!, initData }).run()));
    for (const r of recorders) expect(r.workflows.get('svc/wf')!.reasons).toEqual([]);
    expect(initPicks).toEqual(['u0', 't0']);
    const ids = picked.filter((p) => p.startsWith('u'));
    expect(ids.sort()).toEqual(Array.from({ length: 29 }, (_, i) => `u${i + 1}`).sort());
    // ten.txt, opened again in run: init took t0, the workers walk on from t1 (positions 1 to 29).
    expect(picked.filter((p) => p.startsWith('t')).sort()).toEqual(Array.from({ length: 29 }, (_, i) => `t${(i + 1) % 10}`).sort());
    expect(picked.filter((p) => p.length === 1).sort()).toEqual([...'a'.repeat(10), ...'b'.repeat(10), ...'c'.repeat(9)].sort());
  });
});
