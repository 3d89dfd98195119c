// The committed `bin/go-heavy.js` launcher runs the CLI in a second Node process with a smaller
// young generation (peak RSS ≤ 100 MB at 50 users): the flags must reach the process that runs
// the workflows, and signals sent to the launcher must reach the CLI once each (the first stops
// gracefully, a second cuts), with the CLI's exit code handed back.
import path from 'node:path';
import { runCommand, type RunOptions } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const BIN = path.resolve(__dirname, '../bin/go-heavy.js');

// Tells the server which Node flags the process running the workflow has.
const ARGV = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/fast?argv=' + encodeURIComponent(process.execArgv.join(' '))); } });
`;
// Tells the server how big the young generation of the thread running it is (the new space: its semi-space in use).
const YOUNG = `import { workflow } from '@go-heavy/core';
import { getHeapSpaceStatistics } from 'node:v8';
export default workflow({ async run(ctx) {
  const young = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size;
  await ctx.http.get('/fast?young=' + young);
} });
`;
const PLAIN = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('ping', () => ctx.http.get('/fast')); } });
`;
const HANG = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/hang'); } });
`;

describe('the go-heavy launcher (bin/go-heavy.js)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ 'services/probe/argv.ts': ARGV, 'services/probe/young.ts': YOUNG, 'services/api/plain.ts': PLAIN, 'services/stuck/hang.ts': HANG });
  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(() => {
    target.stats.requests = 0;
    target.stats.seen.length = 0;
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const bin = (args: string[], options: RunOptions = {}, nodeFlags: string[] = []) =>
    runCommand(process.execPath, [...nodeFlags, BIN, ...args, '--root', project.root], { ...options, env: { BASE_URL: target.url, GO_HEAVY_NO_RESPAWN: '', ...options.env } });
  const argvSeen = () => new URL(target.stats.seen[0]!.url, 'http://x').searchParams.get('argv');
  const youngSeenMb = () => target.stats.seen.map((r) => Number(new URL(r.url, 'http://x').searchParams.get('young')) / 2 ** 20);

  it('runs the workflows in a Node with the young generation capped', async () => {
    const res = await bin(['run', 'probe/argv', '--users', '1', '--iterations', '1', '--quiet']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(target.stats.requests).toBe(1);
    expect(argvSeen()).toBe('--max-semi-space-size=8 --no-memory-reducer');
  });

  it('runs in its own process when Node was started with flags of its own', async () => {
    const res = await bin(['run', 'probe/argv', '--users', '1', '--iterations', '1', '--quiet'], {}, ['--stack-size=900']);
    expect(res.code).toBe(0);
    expect(argvSeen()).toBe('--stack-size=900');
  });

  // V8 grows a young generation in steps as objects survive, and a busy thread keeps each step:
  // sized from the start, a worker's RSS does not step up minutes into a steady run.
  it('starts worker threads with their young generation at the size the launcher caps it to, or the maximum Node was given', async () => {
    const run = ['run', 'probe/young', '--workers', '2', '--users', '2', '--iterations', '2', '--quiet'];
    const launched = await bin(run);
    expect(launched.stderr).toBe('');
    expect(launched.code).toBe(0);
    expect(youngSeenMb()).toEqual([8, 8]);

    target.stats.seen.length = 0;
    const ownMax = await bin(run, {}, ['--max-semi-space-size=16']);
    expect(ownMax.code).toBe(0);
    expect(youngSeenMb()).toEqual([16, 16]);

    // A minimum of the user's own is theirs: the workers start as small as it says.
    target.stats.seen.length = 0;
    const ownMin = await bin(run, {}, ['--min-semi-space-size=1']);
    expect(ownMin.code).toBe(0);
    expect(youngSeenMb()).toHaveLength(2);
    for (const mb of youngSeenMb()) expect(mb).toBeLessThan(8);
  });

  it('hands back the exit code and the output of a usage error', async () => {
    const res = await bin(['run', 'api/plain', '--users', 'many']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/--users/);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('a SIGINT to the launcher stops the run gracefully: results written, every request counted, exit 130', async () => {
    const out = path.join(project.root, 'out/sigint.json');
    const started = Date.now();
    const res = await bin(['run', 'api/plain', '--users', '2', '--duration', '60s', '--warmup', '0s', '--out', out], {
      onSpawn: (child) => setTimeout(() => child.kill('SIGINT'), 2500),
    });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.code).toBe(130);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.interrupted).toBe(true);
    expect(result.summary.requests).toBeGreaterThan(0);
    expect(result.summary.requests).toBe(target.stats.requests);
    expect(res.stdout).toMatch(/interrupted/i);
  });

  it('a second SIGINT cuts iterations short at once; SIGTERM is forwarded too', async () => {
    const out = path.join(project.root, 'out/cut.json');
    const started = Date.now();
    const res = await bin(['run', 'stuck/hang', '--users', '3', '--duration', '60s', '--warmup', '0s', '--graceful-stop', '60s', '--out', out], {
      onSpawn: (child) => {
        setTimeout(() => child.kill('SIGTERM'), 2000);
        setTimeout(() => child.kill('SIGINT'), 3000);
      },
    });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(res.code).toBe(130);
    const result = readResults(out);
    expectConsistent(result);
    expect(result.summary.workflowsInterrupted).toBe(3);
    expect(result.workflows[0]!.errors).toEqual({ interrupted: 3 });
    expect(result.summary.requests).toBe(target.stats.requests);
  });
});
