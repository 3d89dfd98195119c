// One process, three --segment processes merged, and --workers 2 run the same load against one
// real server: the server's count equals the reported count every time, the totals are equal,
// and the merged percentiles are those of the combined recordings (within HDR precision).
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { decodeHistogram, mergeResults } from '@go-heavy/metrics';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

const flow = `import { workflow } from '@go-heavy/core';
export default workflow({
  async init(ctx) { await ctx.http.get('/init'); return { token: 'abc', started: new Date(0) }; },
  async run(ctx, data) {
    if (!(data.started instanceof Date)) throw new Error('init data lost its Date');
    await ctx.step('buy', () => ctx.http.get('/buy?t=' + data.token + '&u=' + ctx.user.id));
  },
  async cleanup(ctx) { await ctx.http.get('/cleanup'); },
});
`;

describe('go-heavy run --segment / --workers and go-heavy merge', () => {
  let server: http.Server;
  let url: string;
  let count = 0;
  const users = new Set<string>();
  let project: ReturnType<typeof makeProject>;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      count++;
      const u = /u=(\d+)/.exec(req.url ?? '');
      if (u) users.add(u[1]!);
      setTimeout(() => res.end('ok'), 1 + (count % 5));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = makeProject({ 'services/shop/env.default': `BASE_URL=${url}\n`, 'services/shop/buy.ts': flow });
  });
  afterAll(async () => {
    project.remove();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const load = ['--users', '3', '--unique-users', '5', '--iterations', '60', '--no-history', '-q'];
  const read = (file: string): RunResult => JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  /** Runs the CLI and returns the requests the server saw meanwhile. */
  async function counted(runs: Array<Promise<{ code: number | null; stderr: string }>>): Promise<number> {
    const before = count;
    for (const res of await Promise.all(runs)) {
      expect(res.stderr).not.toMatch(/at .*\(/);
      expect(res.code).toBe(0);
    }
    return count - before;
  }

  it('one process, three segments merged and two workers: every request counted once, same totals, percentiles of the combined recordings', async () => {
    const file = (name: string) => path.join(project.root, name);
    const run = (extra: string[]) => runCli(['run', 'shop', '--root', project.root, ...load, ...extra], { timeoutMs: 60_000 });

    const oneSeen = await counted([run(['--out', file('one.json')])]);
    const one = read(file('one.json'));
    expect(one.summary.requests).toBe(oneSeen);
    expect(oneSeen).toBe(62); // 60 iterations + init + cleanup

    users.clear();
    const segSeen = await counted([0, 1, 2].map((i) => run(['--segment', `${i}/3`, '--test-id', 'checkout-1', '--out', file(`seg-${i}.json`)])));
    const segs = [0, 1, 2].map((i) => read(file(`seg-${i}.json`)));
    // Exact shares: 60 iterations are 20 + 20 + 20; each segment runs its own init and cleanup.
    expect(segs.map((s) => s.workflows[0]!.runs)).toEqual([20, 20, 20]);
    expect(segs.map((s) => s.segment)).toEqual([0, 1, 2].map((index) => ({ index, count: 3 })));
    expect(segSeen).toBe(60 + 3 * 2);
    // The segments' user identities are dealt out: 5 unique users over 3 segments, ids 0 to 4, none shared.
    expect([...users].sort()).toEqual(['0', '1', '2', '3', '4']);
    const merge = await runCli(['merge', file('seg-0.json'), file('seg-1.json'), file('seg-2.json'), '--out', file('total.json'), '-q'], { timeoutMs: 30_000 });
    expect(merge.code).toBe(0);
    const total = read(file('total.json'));
    expect(total.summary.requests).toBe(segSeen);
    expect(total.testId).toBe('checkout-1');
    expect(total.segment).toBeUndefined();
    expect(total.workflows[0]!.runs).toBe(60);

    const workSeen = await counted([run(['--workers', '2', '--out', file('workers.json')])]);
    const workers = read(file('workers.json'));
    expect(workers.summary.requests).toBe(workSeen);
    expect(workSeen).toBe(62); // init and cleanup once, on the main thread
    expect(workers.workers).toBe(2);

    // Same totals of the load itself (the iterations and their requests) in every case.
    const buy = (r: RunResult) => r.workflows[0]!.steps.find((s) => s.name === 'buy')!;
    for (const r of [one, total, workers]) {
      expect(r.workflows[0]!.runs).toBe(60);
      expect(r.workflows[0]!.succeeded).toBe(60);
      expect(buy(r).requests[0]!.runs).toBe(60);
    }
    // The merge's percentiles are those of one histogram holding every segment's recordings.
    const combined = decodeHistogram(segs[0]!.workflows[0]!.histogram);
    for (const s of segs.slice(1)) combined.add(decodeHistogram(s.workflows[0]!.histogram));
    const p = total.workflows[0]!.latencyMs;
    for (const [key, q] of [
      ['p50', 50],
      ['p95', 95],
      ['p99', 99],
    ] as const) {
      const expected = Math.min(Math.max(combined.getValueAtPercentile(q), p.min * 1000), p.max * 1000) / 1000;
      expect(Math.abs(p[key] - expected)).toBeLessThanOrEqual(expected * 0.002);
    }
    expect(combined.totalCount).toBe(60);
    expect(mergeResults(segs).summary.requests).toBe(total.summary.requests);
  }, 120_000);

  it('refuses to merge results of different tests, naming both files; --force merges anyway', async () => {
    const file = (name: string) => path.join(project.root, name);
    const res = await runCli(['merge', file('seg-1.json'), file('one.json'), '--out', file('bad.json')], { timeoutMs: 30_000 });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/seg-1\.json and .*one\.json are of different tests/);
    const forced = await runCli(['merge', file('seg-1.json'), file('one.json'), '--out', file('forced.json'), '--force', '-q'], { timeoutMs: 30_000 });
    expect(forced.code).toBe(0);
    expect(read(file('forced.json')).workflows[0]!.runs).toBe(80);
  }, 60_000);

  it('more workers than users: the run takes the workers its load can use, says so, and loses nothing', async () => {
    const out = path.join(project.root, 'fewer.json');
    const before = count;
    const res = await runCli(['run', 'shop', '--root', project.root, '--users', '2', '--iterations', '6', '--no-history', '-q', '--workers', '4', '--out', out], { timeoutMs: 60_000 });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('go-heavy: --workers 4: the load has work for 2 workers (fewer users than workers); running 2\n');
    const result = read(out);
    expect(result.workers).toBe(2);
    expect(result.workflows[0]!.runs).toBe(6);
    expect(result.summary.requests).toBe(count - before);
  }, 60_000);

  it('init data that cannot cross to worker threads is one line, exit 2, after the cleanups ran', async () => {
    const bad = makeProject({
      'services/bad/env.default': `BASE_URL=${url}\n`,
      'services/bad/fn.ts': `import { workflow } from '@go-heavy/core';
export default workflow({ async init() { return { f: () => 1 }; }, async run() {}, async cleanup(ctx) { await ctx.http.get('/bad-cleanup'); } });
`,
    });
    try {
      const before = count;
      const res = await runCli(['run', 'bad', '--root', bad.root, '--workers', '2', '--users', '2', '--iterations', '2', '--no-history'], { timeoutMs: 60_000 });
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(/init returned data that cannot be sent to worker threads \(--workers\)/);
      expect(count - before).toBe(1);
    } finally {
      bad.remove();
    }
  }, 60_000);
});
