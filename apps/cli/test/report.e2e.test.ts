import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { formatDuration, formatFullReport, formatSummary } from '@go-heavy/reporter';
import { runCli, type CliResult } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const SHOP = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('browse', async () => {
      await ctx.http.get('/fast', { name: '/products' });
      await ctx.http.get('/slow', { name: '/products/{id}' });
    });
    await ctx.step('buy', async () => {
      const res = await ctx.http.post('/echo', { item: ctx.iteration });
      ctx.check(res.status === 200, 'echoed');
      const code = ctx.iteration % 4 === 0 ? 503 : 201;
      ctx.check((await ctx.http.post('/status/' + code, {}, { name: '/orders' })).status < 400, 'order placed');
    });
  },
});
`;

describe('go-heavy report (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let ran: CliResult;
  let result: RunResult;
  const project = makeProject({ 'services/shop/buy.ts': SHOP });
  const file = (name: string) => path.join(project.root, name);
  const results = file('out/results.json');

  beforeAll(async () => {
    target = await startTarget();
    ran = await runCli(['run', 'shop', '--root', project.root, '--users', '2', '--iterations', '20', '--out', results, '--quiet'], { env: { BASE_URL: target.url } });
    expect(ran.code).toBe(0);
    result = readResults(results);
    expectConsistent(result);
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('prints the summary of a results file: the same text `run` printed, with the numbers of the JSON', async () => {
    const res = await runCli(['report', results]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(ran.stdout);
    expect(res.stdout).toBe(`${formatSummary(result, { width: 100 })}\n`);

    const wf = result.workflows[0]!;
    expect(wf.runs).toBe(20);
    expect(wf.failed).toBe(5);
    expect(res.stdout).toContain(`Test ID             ${result.testId}`);
    expect(res.stdout).toMatch(new RegExp(`Requests\\s+${result.summary.requests}\\n`));
    expect(result.summary.requests).toBe(target.stats.requests);
    expect(res.stdout).toContain(`Workflow runs       ${result.summary.workflowsSucceeded} succeeded, ${result.summary.workflowsFailed} failed, 0 interrupted`);
    expect(res.stdout).toMatch(new RegExp(`runs\\s+20: 15 succeeded, 5 failed, 0 interrupted`));
    expect(res.stdout).toMatch(new RegExp(`runs/s\\s+${wf.ratePerSec.toFixed(1)}\\n`));
    expect(res.stdout).toMatch(new RegExp(`slowest\\s+${formatDuration(wf.latencyMs.max)}\\n`));
    // Some iterations failed: the percentiles of all runs, then of the successful ones alone.
    const keys = ['p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const;
    const row = (label: string) => res.stdout.split('\n').find((l) => l.trim().startsWith(`${label}  `))!;
    expect(
      row('all runs')
        .trim()
        .split(/\s{2,}/),
    ).toEqual(['all runs', ...keys.map((k) => formatDuration(wf.latencyMs[k]))]);
    expect(
      row('successful')
        .trim()
        .split(/\s{2,}/),
    ).toEqual(['successful', ...keys.map((k) => formatDuration(wf.succeededLatencyMs![k]))]);
    expect(res.stdout).toMatch(/order placed\s+15\s+5/);
  });

  it('--full prints the complete report: every step and every request with its own figures', async () => {
    const res = await runCli(['report', results, '--full']);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${formatFullReport(result, { width: 100 })}\n`);
    expect(res.stdout).toContain('go-heavy complete report');
    const wf = result.workflows[0]!;
    expect(wf.steps.map((s) => s.name).sort()).toEqual(['browse', 'buy']);
    for (const step of wf.steps) {
      // The step's row in the times table: runs, succeeded, failed, runs/s.
      expect(res.stdout).toMatch(new RegExp(`\\n\\s+step ${step.name}\\s+${step.runs}\\s+${step.succeeded}\\s+${step.failed}\\s+${step.ratePerSec.toFixed(1)}\\s`));
      for (const request of step.requests) {
        const label = `${request.method} ${request.endpoint}`.replace(/[{}/]/g, (c) => `\\${c}`);
        expect(res.stdout).toMatch(new RegExp(`\\n\\s+${label}\\s+${request.runs}\\s+${request.succeeded}\\s+${request.failed}\\s+${request.ratePerSec.toFixed(1)}\\s`));
      }
    }
    const orders = wf.steps.find((s) => s.name === 'buy')!.requests.find((r) => r.endpoint === '/orders')!;
    expect(orders).toMatchObject({ method: 'POST', runs: 20, failed: 5 });
  });

  it('run --report full prints the complete report at the end of the run', async () => {
    const out = file('out/full.json');
    const res = await runCli(['run', 'shop', '--root', project.root, '--iterations', '3', '--report', 'full', '--out', out, '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(`${formatFullReport(readResults(out), { width: 100 })}\n`);
  });

  it('report --html FILE writes the HTML report of the file and still prints the summary', async () => {
    const html = file('out/report.html');
    const res = await runCli(['report', results, '--html', html]);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe(ran.stdout);
    expect(res.stderr).toMatch(/HTML report written to .*report\.html/);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    expect(page).toContain(result.testId);
  });

  it('run --html FILE writes the HTML report of the run', async () => {
    const html = file('out/run.html');
    const out = file('out/run-html.json');
    const res = await runCli(['run', 'shop', '--root', project.root, '--iterations', '2', '--html', html, '--out', out, '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain(readResults(out).testId);
  });

  describe('files it cannot read: one line, exit code 2', () => {
    const bad = (name: string, text: string) => {
      const p = file(`bad/${name}`);
      writeFileSync(p, text);
      return p;
    };
    beforeAll(() => mkdirSync(file('bad'), { recursive: true }));

    const cases: Array<[string, () => string[], RegExp]> = [
      ['missing file', () => ['report', file('out/nope.json')], /out\/nope\.json: no such file: expected a results file written by `go-heavy run --out FILE`/],
      ['a folder', () => ['report', file('out')], /out: is a folder/],
      ['not JSON', () => ['report', bad('text.json', 'go-heavy summary\n  Test ID 1234\n')], /bad\/text\.json: not JSON: /],
      ['JSON but not results', () => ['report', bad('package.json', '{ "name": "x" }')], /bad\/package\.json: not a go-heavy results file: expected an object with schemaVersion/],
      [
        'a newer schemaVersion',
        () => ['report', bad('v99.json', JSON.stringify({ ...result, schemaVersion: 99 }))],
        /bad\/v99\.json: schemaVersion 99: expected 1 \(written by a newer go-heavy: upgrade to read it\)/,
      ],
      [
        'a broken shape',
        () => ['report', bad('shape.json', JSON.stringify({ ...result, workflows: [{ ...result.workflows[0], steps: undefined }] }))],
        /bad\/shape\.json: \/workflows\/0\/steps is missing$/,
      ],
      ['no file given', () => ['report'], /^go-heavy: report: expected a results file written by go-heavy run --out/],
    ];

    it.each(cases)('%s', async (_name, args, message) => {
      const res = await runCli(args());
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      const lines = res.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^go-heavy: /);
      expect(lines[0]).toMatch(message);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    });

    it('the --html file is not written when the results file is bad', async () => {
      const res = await runCli(['report', file('out/nope.json'), '--html', file('out/never.html')]);
      expect(res.code).toBe(2);
      expect(existsSync(file('out/never.html'))).toBe(false);
    });
  });
});
