// A flag wins over heavy.config.ts as a whole setting, through the built CLI against a real
// server: `-i 1` on a service whose config sets a duration and a warm-up runs one iteration and
// nothing else. And `--full` / `--report full` mean the same on `run` and `report`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

// One iteration is a create, a read and a delete: three requests.
const CRUD = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('create', () => ctx.http.post('/echo', { body: 'x' }));
    await ctx.step('read', () => ctx.http.get('/fast'));
    await ctx.step('delete', () => ctx.http.get('/status/204'));
  },
});
`;

describe('flags win over the config as a whole', () => {
  const project = makeProject({
    'services/blog/crud.ts': CRUD,
    'services/blog/heavy.config.ts': `export default { users: 4, duration: '3s', warmup: '2s', reporters: [] };\n`,
  });
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const results = (file: string) => JSON.parse(readFileSync(path.join(project.root, file), 'utf8')) as RunResult;
  const run = (args: string[]) => runCli(['run', 'blog/crud', '--root', project.root, '--no-history', ...args], { cwd: project.root, env: { BASE_URL: target.url }, timeoutMs: 60_000 });

  it('-i 1 over a config duration and warm-up is a smoke run: one iteration, three requests, no warm-up', async () => {
    const before = target.stats.requests;
    const res = await run(['-i', '1', '--quiet', '--out', 'smoke.json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(target.stats.requests - before).toBe(3);
    const r = results('smoke.json');
    expect(r.warmup).toBeNull();
    expect(r.load).toMatchObject({ model: 'closed', users: 4, durationMs: null, iterations: 1, warmupMs: 0 });
    expect(r.summary).toMatchObject({ requests: 3, workflowsSucceeded: 1, workflowsFailed: 0 });
  }, 60_000);

  it('--warmup given with the iterations brings a warm-up back, every request counted once', async () => {
    const before = target.stats.requests;
    const res = await run(['-i', '2', '--duration', '30s', '--warmup', '300ms', '--users', '1', '--quiet', '--out', 'warm.json']);
    expect(res.code).toBe(0);
    const r = results('warm.json');
    expect(r.warmup).not.toBeNull();
    expect(r.summary).toMatchObject({ requests: 6, workflowsSucceeded: 2 });
    expect(target.stats.requests - before).toBe(r.summary.requests + r.warmup!.requests);
    expect(r.warmup!.requests).toBe(3 * r.warmup!.iterations);
  }, 60_000);

  it('--full and --report full print the complete report on run and on report alike', async () => {
    const full = await run(['-i', '1', '--full', '--out', 'full.json']);
    const report = await run(['-i', '1', '--report', 'full']);
    expect([full.code, report.code]).toEqual([0, 0]);
    for (const out of [full.stdout, report.stdout]) {
      expect(out).toContain('go-heavy complete report');
      expect(out).toContain('workflow blog/crud');
    }
    const again = await Promise.all([['--full'], ['--report', 'full'], [], ['--report', 'summary'], ['--no-full']].map((flags) => runCli(['report', path.join(project.root, 'full.json'), ...flags])));
    expect(again.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    expect(again.map((r) => r.stdout.split('\n')[0])).toEqual(['go-heavy complete report', 'go-heavy complete report', 'go-heavy summary', 'go-heavy summary', 'go-heavy summary']);
  }, 90_000);
});
