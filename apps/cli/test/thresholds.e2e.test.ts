// Thresholds that tell the truth, through the built CLI against real servers: latency thresholds
// on the successful runs (a target that refuses every connection fails fast and must not pass
// `p95 < 500ms`), checks and error rates at every level, thresholds of workflows not run skipped,
// and thresholds naming nothing rejected before any load.
import net from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

/** Every 10th iteration gets a 500 and fails its check: 90 % of checks pass. */
const BROWSE = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('home', async () => {
      const res = await ctx.http.get(ctx.iteration % 10 === 0 ? '/status/500' : '/fast', { name: '/home' });
      ctx.check(res.status === 200, 'home is up');
    });
    await ctx.step('post', async () => {
      const res = await ctx.http.get('/fast', { name: '/post' });
      ctx.check(res.status === 200, 'post is up');
    });
  },
});
`;

const WRITE = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });
`;

/** A port on 127.0.0.1 that nothing listens on: connections are refused at once. */
function refusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('thresholds from the CLI', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({
    'services/blog/browse.ts': BROWSE,
    'services/blog/write.ts': WRITE,
    // The service's thresholds name both of its workflows; a run of one must not fail on the other.
    'services/blog/heavy.config.ts': `export default { thresholds: ['blog/write p95 < 500ms', 'blog/browse p95 < 5s', { expr: 'blog/write error-rate < 1%', abortOnFail: true }] };\n`,
  });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (args: string[], baseUrl = target.url) =>
    runCli(['run', 'blog/browse', '--root', project.root, '--users', '2', '--warmup', '0s', '--no-history', ...args], { env: { BASE_URL: baseUrl } });

  it('fails a latency threshold when the target is down: no successful runs, not a fast p95', async () => {
    const out = path.join(project.root, 'out/down.json');
    const port = await refusedPort();
    const res = await run(['--iterations', '30', '--out', out, '--threshold', 'blog/browse p95{all} < 500ms', '--threshold', 'blog/browse error-rate < 1%'], `http://127.0.0.1:${port}`);
    expect(res.code).toBe(99);
    const result = readResults(out);
    expect(result.workflows[0]!.failed).toBe(30);
    expect(result.workflows[0]!.errors).toEqual({ ECONNREFUSED: 30 });
    expect(result.thresholds).toEqual([
      { expr: 'blog/write p95 < 500ms', ok: true, actual: null, stat: 'p95', latencyOf: 'succeeded', skipped: true, note: 'blog/write is not part of this run' },
      { expr: 'blog/browse p95 < 5s', ok: false, actual: null, stat: 'p95', latencyOf: 'succeeded', note: 'no successful runs (30 failed)' },
      { expr: 'blog/write error-rate < 1%', ok: true, actual: null, stat: 'error-rate', skipped: true, note: 'blog/write is not part of this run' },
      // Asked for explicitly, all runs include the refused ones: fast, so it passes, and says which runs it used.
      { expr: 'blog/browse p95{all} < 500ms', ok: true, actual: expect.any(Number), stat: 'p95', latencyOf: 'all' },
      { expr: 'blog/browse error-rate < 1%', ok: false, actual: 100, stat: 'error-rate' },
    ]);
    expect(res.stdout).toMatch(/Thresholds: 2 of 5 failed, 2 skipped/);
    expect(res.stdout).toMatch(/✘ +blog\/browse p95 < 5s +no successful runs \(30 failed\)/);
    expect(res.stdout).toMatch(/✔ +blog\/browse p95\{all\} < 500ms +actual [\d.]+ (µs|ms) \(all runs\)/);
    expect(res.stdout).toMatch(/✘ +blog\/browse error-rate < 1% +actual 100\.00%/);
    expect(res.stdout).toMatch(/– +blog\/write p95 < 500ms +skipped: blog\/write is not part of this run/);
  });

  it('tests checks and error rates at the run, workflow, step and request levels, with units; skipped thresholds leave the exit code alone', async () => {
    const out = path.join(project.root, 'out/checks.json');
    const thresholds = [
      '* checks >= 95%', // 60 checks, 3 failed: 95 %
      'blog/browse checks > 99%', // fails: 95 %
      'blog/browse > home checks == 90%',
      'blog/browse > post checks == 100%',
      'blog/browse > home error-rate <= 10%',
      'blog/browse > home > GET /home error-rate == 10%',
      'blog/browse > post > GET /post p99 < 5s',
      'blog/browse runs/s > 0',
    ];
    const res = await run(['--iterations', '30', '--out', out, ...thresholds.flatMap((t) => ['--threshold', t])]);
    expect(res.code).toBe(99);
    const result = readResults(out);
    const wf = result.workflows[0]!;
    expect(wf.checks).toEqual([
      { name: 'home is up', passed: 27, failed: 3 },
      { name: 'post is up', passed: 30, failed: 0 },
    ]);
    expect(wf.steps.map((s) => [s.name, s.checks])).toEqual([
      ['home', [{ name: 'home is up', passed: 27, failed: 3 }]],
      ['post', [{ name: 'post is up', passed: 30, failed: 0 }]],
    ]);
    const byExpr = Object.fromEntries(result.thresholds.map((t) => [t.expr, [t.ok, t.actual]]));
    expect(byExpr).toEqual({
      'blog/write p95 < 500ms': [true, null],
      'blog/browse p95 < 5s': [true, expect.any(Number)],
      'blog/write error-rate < 1%': [true, null],
      '* checks >= 95%': [true, 95],
      'blog/browse checks > 99%': [false, 95],
      'blog/browse > home checks == 90%': [true, 90],
      'blog/browse > post checks == 100%': [true, 100],
      'blog/browse > home error-rate <= 10%': [true, 10],
      'blog/browse > home > GET /home error-rate == 10%': [true, 10],
      'blog/browse > post > GET /post p99 < 5s': [true, expect.any(Number)],
      'blog/browse runs/s > 0': [true, expect.any(Number)],
    });
    // The latency threshold is of the 27 successful iterations; the results keep both.
    expect(wf.succeededLatencyMs).toBeDefined();
    expect(wf.steps[0]!.succeeded).toBe(27);
    expect(res.stdout).toMatch(/Thresholds: 1 of 11 failed, 2 skipped/);
    expect(res.stdout).toMatch(/✘ +blog\/browse checks > 99% +actual 95\.00%/);
    expect(res.stdout).toMatch(/✔ +blog\/browse > home > GET \/home error-rate == 10% +actual 10\.00%/);
    expect(res.stdout).toMatch(/✔ +blog\/browse p95 < 5s +actual [\d.]+ (µs|ms) \(successful runs\)/);
    expect(res.stdout).toMatch(/✔ +blog\/browse runs\/s > 0 +actual [\d.]+\/s/);

    // Only the skipped ones and passing ones: exit 0.
    const passing = await run(['--iterations', '10', '--threshold', 'blog/browse > post checks == 100%']);
    expect(passing.code).toBe(0);
    expect(passing.stdout).toMatch(/Thresholds: all 2 passed, 2 skipped/);
  });

  it('fails a threshold on a step that never ran, saying it matched nothing and which steps ran', async () => {
    const out = path.join(project.root, 'out/typo.json');
    const res = await run(['--iterations', '4', '--out', out, '--threshold', 'blog/browse > hme p95 < 1s']);
    expect(res.code).toBe(99);
    expect(readResults(out).thresholds.at(-1)).toEqual({
      expr: 'blog/browse > hme p95 < 1s',
      ok: false,
      actual: null,
      stat: 'p95',
      latencyOf: 'succeeded',
      note: 'matched nothing: blog/browse ran no step "hme" (steps: "home", "post")',
    });
    // Too long for one line of 100 columns: the note goes on the next one, whole.
    expect(res.stdout).toMatch(/✘ +blog\/browse > hme p95 < 1s\n +matched nothing: blog\/browse ran no step "hme" \(steps: "home", "post"\)\n/);
  });

  it('rejects a threshold naming no workflow before any load, from a flag or a config file: one line, exit 2', async () => {
    const before = target.stats.requests;
    const flag = await run(['--iterations', '4', '--threshold', 'blog/brwse p95 < 500ms']);
    expect(flag.code).toBe(2);
    expect(flag.stdout).toBe('');
    expect(flag.stderr).toBe('go-heavy: --threshold: threshold "blog/brwse p95 < 500ms" names workflow "blog/brwse", which does not exist: expected one of blog/browse, blog/write\n');

    const typo = makeProject({
      'services/blog/browse.ts': BROWSE,
      'services/blog/heavy.config.ts': `export default { thresholds: ['blog/browse p95 < 5s', 'blog/brwse checks > 99%'] };\n`,
    });
    try {
      const config = await runCli(['run', 'blog/browse', '--root', typo.root, '--iterations', '4', '--no-history'], { env: { BASE_URL: target.url } });
      expect(config.code).toBe(2);
      expect(config.stderr).toMatch(
        /^go-heavy: \S*services\/blog\/heavy\.config\.ts: thresholds\[1\]: threshold "blog\/brwse checks > 99%" names workflow "blog\/brwse", which does not exist: expected one of blog\/browse\n$/,
      );
    } finally {
      typo.remove();
    }
    // Nothing was sent: the mistake was found before the run.
    expect(target.stats.requests).toBe(before);
  });
});
