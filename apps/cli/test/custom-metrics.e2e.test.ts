import path from 'node:path';
import type { CounterMetricResult, RateMetricResult, TrendMetricResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

// Each kind of custom metric at a known level, and a tagged request beside an untagged one.
const SHOP = `import { workflow } from '@go-heavy/core';
export default workflow({
  init(ctx) {
    ctx.metrics.counter('setup').add();
  },
  async run(ctx) {
    await ctx.step('search', async () => {
      await ctx.http.get('/fast?q=' + ctx.iteration, { tags: { kind: 'search' } });
      ctx.metrics.trend('results').add(ctx.iteration % 10);
      ctx.metrics.rate('hit').add(ctx.iteration % 4 !== 0);
    });
    await ctx.http.get('/fast');
    ctx.metrics.counter('orders').add(2);
  },
});
`;

const BAD = `import { workflow } from '@go-heavy/core';
export default workflow({
  run(ctx) {
    ctx.metrics.trend('queue depth').add(-1);
  },
});
`;

describe('custom metrics and request tags (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ 'services/api/shop.ts': SHOP, 'services/bad/negative.ts': BAD });
  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(() => {
    target.stats.requests = 0;
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (name: string, ...args: string[]) => {
    const out = path.join(project.root, `out/${name}.json`);
    return runCli(['run', 'api/shop', '--root', project.root, '--users', '2', '--iterations', '40', '--out', out, ...args], { env: { BASE_URL: target.url } }).then((res) => ({ res, out }));
  };

  it('reports each kind at its level and rolled up, tagged requests as their own series, and passes thresholds on them', async () => {
    const { res, out } = await run(
      'pass',
      '--threshold',
      'metric:orders count == 80',
      '--threshold',
      'api/shop metric:results p50 <= 5',
      '--threshold',
      'api/shop > search metric:hit rate >= 75%',
      '--threshold',
      'api/shop > search > GET /fast {kind=search} runs == 40',
      '--threshold',
      'api/shop {kind=search} error-rate == 0%',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    // Nothing lost: the server saw every request once, tagged or not.
    expect(target.stats.requests).toBe(80);
    expect(result.summary.requests).toBe(80);

    const wf = result.workflows[0]!;
    const step = (name: string) => wf.steps.find((s) => s.name === name)!;
    expect(step('search').requests.map((r) => [r.name, r.tags, r.runs])).toEqual([['GET /fast {kind=search}', { kind: 'search' }, 40]]);
    expect(step('(no step)').requests.map((r) => [r.name, r.tags, r.runs])).toEqual([['GET /fast', undefined, 40]]);

    expect(step('(init)').metrics).toEqual([{ name: 'setup', kind: 'counter', count: 1, ratePerSec: expect.any(Number) }]);
    expect(step('(no step)').metrics!.map((m) => [m.name, m.kind, m.count])).toEqual([['orders', 'counter', 80]]);
    const results = step('search').metrics!.find((m) => m.name === 'results') as TrendMetricResult;
    // Iterations 0..39: each of 0..9 four times.
    expect(results).toMatchObject({ kind: 'trend', count: 40, stats: { min: 0, max: 9, mean: 4.5, p50: 4, p100: 9 } });
    expect(results.histogram.startsWith('HIST')).toBe(true);
    expect(step('search').metrics!.find((m) => m.name === 'hit')).toEqual({ name: 'hit', kind: 'rate', count: 40, passes: 30, rate: 0.75 });

    const orders = result.metrics!.find((m) => m.name === 'orders') as CounterMetricResult;
    expect(orders.count).toBe(80);
    expect((result.metrics!.find((m) => m.name === 'hit') as RateMetricResult).passes).toBe(30);
    expect(wf.metrics!.map((m) => m.name).sort()).toEqual(['hit', 'orders', 'results', 'setup']);

    expect(result.thresholds.map((t) => [t.expr, t.ok, t.actual])).toEqual([
      ['metric:orders count == 80', true, 80],
      ['api/shop metric:results p50 <= 5', true, 4],
      ['api/shop > search metric:hit rate >= 75%', true, 75],
      ['api/shop > search > GET /fast {kind=search} runs == 40', true, 40],
      ['api/shop {kind=search} error-rate == 0%', true, 0],
    ]);
    expect(wf.tagged!.map((t) => [t.name, t.runs])).toEqual([['{kind=search}', 40]]);
    expect(result.tagged!.map((t) => [t.name, t.runs])).toEqual([['{kind=search}', 40]]);

    // The console summary lists the workflow's metrics compactly.
    expect(res.stdout).toMatch(/^ {2}custom metrics$/m);
    expect(res.stdout).toMatch(/^ {4}hit +rate +75\.0% \(30 of 40\)$/m);
    expect(res.stdout).toMatch(/^ {4}orders +counter +80 \(/m);
    expect(res.stdout).toMatch(/^ {4}results +trend +avg 4\.5 {2}p50 4 {2}p95 9 {2}max 9 {2}\(40 values\)$/m);
  }, 60_000);

  it('fails the run with exit code 99 when a threshold on a custom metric fails, and the full report shows the tables', async () => {
    const { res, out } = await run(
      'fail',
      '--threshold',
      'metric:hit rate > 90%',
      '--threshold',
      'api/shop > search > GET /fast {kind=search} p95 < 10s',
      '--threshold',
      '{kind=search} runs > 40',
      '--report',
      'full',
    );
    expect(res.code).toBe(99);
    const result = readResults(out);
    expect(result.thresholds.map((t) => [t.expr, t.ok, t.actual])).toEqual([
      ['metric:hit rate > 90%', false, 75],
      ['api/shop > search > GET /fast {kind=search} p95 < 10s', true, result.workflows[0]!.steps.find((s) => s.name === 'search')!.requests[0]!.latencyMs.p95],
      ['{kind=search} runs > 40', false, 40],
    ]);
    expect(res.stdout).toMatch(/^ {2}requests by tag \(every request carrying the tag\)\n.*\n {4}\{kind=search\} +40 +0 /m);
    expect(res.stdout).toMatch(/^ {2}custom rates\n {4} +metric +rate +true +values\n {4}workflow +hit +75\.0% +30 +40\n {4} {2}step search +hit +75\.0% +30 +40$/m);
    expect(res.stdout).toMatch(/^ {4}workflow +orders +80 /m);
    expect(res.stdout).toMatch(/^ {4} {4}GET \/fast \{kind=search\} +40 /m);
  }, 60_000);

  it('fails each iteration with one clear line naming the metric when a value is invalid', async () => {
    const out = path.join(project.root, 'out/bad.json');
    const res = await runCli(['run', 'bad/negative', '--root', project.root, '--users', '1', '--iterations', '3', '--out', out, '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.code).toBe(0);
    const wf = readResults(out).workflows[0]!;
    expect(wf.failed).toBe(3);
    expect(wf.failureReasons).toEqual({ 'RangeError: ctx.metrics.trend("queue depth").add(): expected a finite number >= 0, got -1': 3 });
  }, 60_000);
});
