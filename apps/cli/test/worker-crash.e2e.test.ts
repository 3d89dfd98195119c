// A worker thread of --workers that dies is reported, its unfinished share is counted as failed,
// and the others go on; an error no iteration awaited does not kill a worker, as it does not
// kill one thread. Against a real server that counts what it received.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

/** A workflow whose user 1 (the second worker's) does `crash` on its iteration `at` (1-based, counted in its thread). */
const flow = (crash: string, at: number) => `import { workflow } from '@go-heavy/core';
let mine = 0;
export default workflow({
  async run(ctx) {
    await ctx.http.get('/r?u=' + ctx.user.id);
    if (ctx.user.id === 1 && ++mine === ${at}) { ${crash} }
  },
  async cleanup(ctx) { await ctx.http.get('/cleanup'); },
});
`;

const allocateForever = 'const kept: number[][] = []; for (;;) kept.push(new Array(100_000).fill(1.5));';
const strayThrow = "setTimeout(() => { throw new Error('stray boom'); }, 0);";

describe('go-heavy run --workers: a worker that crashes', () => {
  let server: http.Server;
  let url: string;
  let count = 0;
  let cleanups = 0;
  let project: ReturnType<typeof makeProject>;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      count++;
      if (req.url === '/cleanup') cleanups++;
      setTimeout(() => res.end('ok'), 20);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    project = makeProject({
      'services/shop/env.default': `BASE_URL=${url}\n`,
      'services/shop/exits.ts': flow('process.exit(7);', 4),
      'services/shop/oom.ts': flow(allocateForever, 330),
      'services/shop/stray.ts': flow(strayThrow, 2),
    });
  });
  afterAll(async () => {
    project.remove();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const read = (file: string): RunResult => JSON.parse(readFileSync(file, 'utf8')) as RunResult;
  async function run(target: string, iterations: number, env?: Record<string, string>) {
    const out = path.join(project.root, `${target.replace('/', '-')}.json`);
    const before = count;
    const cleanupsBefore = cleanups;
    const res = await runCli(['run', target, '--root', project.root, '--workers', '2', '--users', '2', '--iterations', String(iterations), '--no-history', '-q', '--out', out], {
      timeoutMs: 90_000,
      env,
    });
    return { res, result: read(out), received: count - before, cleanups: cleanups - cleanupsBefore };
  }

  it('process.exit in a workflow: the worker is reported, what it did is counted, the rest of its share is failed, the other worker finishes', async () => {
    const { res, result, received, cleanups: ran } = await run('shop/exits', 20);
    expect(res.code).toBe(1);
    expect(res.stderr).not.toMatch(/at .*\(/);
    expect(res.stderr).toMatch(/go-heavy: worker 2 of 2 crashed: exited with code 7 \(process\.exit in a workflow\?\); its unfinished share is counted as failed, the others go on/);
    const wf = result.workflows[0]!;
    // Worker 1 ran its 10; worker 2 ended 3 iterations, died in its 4th: that one and its 6 left are lost.
    expect(wf.succeeded).toBe(13);
    expect(wf.lostToCrash).toBe(7);
    expect(wf.failureReasons['worker thread crashed']).toBe(7);
    expect(result.summary.workflowsFailed).toBe(7);
    expect(result.summary.workflowsSucceeded + result.summary.workflowsFailed).toBe(20);
    expect(result.crashedWorkers).toEqual([{ worker: 2, of: 2, message: 'exited with code 7 (process.exit in a workflow?)', lostIterations: 7 }]);
    // Its last words carried every request it made: each one the server received (cleanup included) is counted once.
    expect(result.summary.requests).toBe(received);
    expect(ran).toBe(1);
  }, 90_000);

  it('a worker killed for its memory: counted up to its last state (5 s old at most), its share failed, the other worker finishes', async () => {
    const { res, result, received, cleanups: ran } = await run('shop/oom', 800, { NODE_OPTIONS: '--max-old-space-size=96' });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/go-heavy: worker 2 of 2 crashed: .*memory.*; its unfinished share is counted as failed/);
    const wf = result.workflows[0]!;
    // Its last state (sent every 5 s; it died in its 330th iteration, over 6.6 s in) said what it
    // had ended and what it had not: together its share of 400.
    expect(wf.succeeded + wf.lostToCrash!).toBe(800);
    expect(wf.succeeded).toBeGreaterThan(400);
    expect(wf.lostToCrash).toBeGreaterThanOrEqual(71);
    expect(result.crashedWorkers).toHaveLength(1);
    // Its timeline, rebuilt from its progress up to that state, agrees with those counts.
    expect(result.timeline.reduce((n, p) => n + p.iterations, 0)).toBe(wf.runs);
    // Requests after its last state are not in the counts; nothing is counted that was not received.
    expect(result.summary.requests).toBeLessThanOrEqual(received);
    expect(result.summary.requests).toBeGreaterThanOrEqual(wf.succeeded);
    expect(ran).toBe(1);
  }, 90_000);

  it('an error no iteration awaited is told once and the worker goes on, as on one thread', async () => {
    const { res, result, received } = await run('shop/stray', 20);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('go-heavy: warning: an error no iteration awaited (a promise left unawaited, a timer left running?): stray boom\n');
    expect(result.workflows[0]!.succeeded).toBe(20);
    expect(result.crashedWorkers).toBeUndefined();
    expect(result.summary.requests).toBe(received);
  }, 90_000);
});
