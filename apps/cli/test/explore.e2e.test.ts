// `go-heavy explore` on a real run's results and request log: every answer of --eval is checked
// against what this test reads from the files itself, and the REPL is driven through its stdin.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { CLI, runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

const ITERATIONS = 60;

const SHOP = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('browse', async () => { await ctx.http.get('/items/' + (ctx.iteration % 3)); });
    await ctx.step('pay', async () => { await ctx.http.post('/pay', { n: ctx.iteration }); });
  },
});
`;

interface Line {
  status: number | null;
  url: string;
  step: string;
  method: string;
  latencyMs: number;
}

describe('go-heavy explore (end to end, real run)', () => {
  const project = makeProject({ 'services/shop/buy.ts': SHOP });
  const results = path.join(project.root, 'out', 'r.json');
  const log = path.join(project.root, 'out', 'r.ndjson');
  let lines: Line[];
  let result: RunResult;
  let server: http.Server;

  beforeAll(async () => {
    let pays = 0;
    // Every fourth payment is refused with a 503; items answer 200, item 2 (every third iteration) a 404.
    server = http.createServer((req, res) => {
      req.resume();
      const status = req.url === '/pay' ? (++pays % 4 === 0 ? 503 : 200) : req.url === '/items/2' ? 404 : 200;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ url: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await runCli(['run', 'shop/buy', '--root', project.root, '-u', '3', '-i', String(ITERATIONS), '--out', results, '--log-requests', log, '--quiet', '--no-history'], {
      env: { BASE_URL: url },
    });
    expect(res.code).toBe(0);
    lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Line);
    result = JSON.parse(readFileSync(results, 'utf8')) as RunResult;
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    project.remove();
  });

  const evaluate = async (expr: string): Promise<unknown> => {
    const res = await runCli(['explore', results, '--requests', log, '--eval', expr]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout);
  };

  it('--eval counts, finds, sorts, projects, lists distinct values and aggregates the request log', async () => {
    expect(lines).toHaveLength(2 * ITERATIONS);
    const failed = lines.filter((l) => l.status !== null && l.status >= 500);
    expect(failed).toHaveLength(ITERATIONS / 4);
    expect(await evaluate('log.count({ status: { $gte: 500 } })')).toBe(failed.length);
    expect(await evaluate('log.find({ status: { $gte: 500 } }).count()')).toBe(failed.length);
    expect(await evaluate('log.distinct("status").sort()')).toEqual([...new Set(lines.map((l) => l.status))].sort());
    expect(await evaluate('log.distinct("endpoint").sort()')).toEqual(['/items/0', '/items/1', '/items/2', '/pay']);

    const slowest = [...lines].sort((a, b) => b.latencyMs - a.latencyMs).slice(0, 3);
    expect(await evaluate('log.find({}, { latencyMs: 1, url: 1 }).sort({ latencyMs: -1 }).limit(3)')).toEqual(slowest.map((l) => ({ latencyMs: l.latencyMs, url: l.url })));

    const byStatus = new Map<number | null, number>();
    for (const l of lines) byStatus.set(l.status, (byStatus.get(l.status) ?? 0) + 1);
    expect(await evaluate('log.aggregate([{ $group: { _id: "$status", n: { $sum: 1 } } }, { $sort: { _id: 1 } }])')).toEqual(
      [...byStatus.entries()].sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)).map(([status, n]) => ({ _id: status, n })),
    );
  });

  it('--eval queries the results rows: workflows, steps and requests', async () => {
    const requests = result.workflows[0]!.steps.flatMap((s) => s.requests.map((r) => ({ step: s.name, name: r.name, runs: r.runs, failed: r.failed })));
    expect(requests.reduce((n, r) => n + r.runs, 0)).toBe(2 * ITERATIONS);
    expect(await evaluate('requests.find({}, { step: 1, name: 1, runs: 1, failed: 1 })')).toEqual(requests);
    expect(await evaluate('requests.find({ failed: { $gt: 0 } }).count()')).toBe(requests.filter((r) => r.failed > 0).length);
    expect(await evaluate('steps.distinct("step")')).toEqual(['browse', 'pay']);
    expect(await evaluate('workflows.findOne({}, { workflow: 1, runs: 1 })')).toEqual({ workflow: 'shop/buy', runs: ITERATIONS });
    expect(await evaluate('requests.aggregate([{ $group: { _id: null, runs: { $sum: "$runs" } } }])')).toEqual([{ _id: null, runs: 2 * ITERATIONS }]);
  });

  it('a bad expression, a missing log or a broken line is one line naming the flag, exit 2', async () => {
    const broken = path.join(project.root, 'out', 'broken.ndjson');
    writeFileSync(broken, `${readFileSync(log, 'utf8').split('\n')[0]}\n{not json\n`);
    const cases: Array<[string[], RegExp]> = [
      [['--eval', 'log.find({'], /^go-heavy: --eval: SyntaxError: /],
      [['--eval', 'nope.count()'], /^go-heavy: --eval: ReferenceError: nope is not defined\n$/],
      [['--eval', 'log.find({ status: { $bogus: 1 } }).count()'], /^go-heavy: --eval: Error: .*\$bogus/],
      [['--requests', path.join(project.root, 'missing.ndjson'), '--eval', 'log.count()'], /^go-heavy: --requests: .*missing\.ndjson: no such file/],
      [['--requests', broken, '--eval', 'log.count()'], /^go-heavy: --requests: .*broken\.ndjson:2: not JSON/],
    ];
    for (const [args, pattern] of cases) {
      const res = await runCli(['explore', results, ...(args[0] === '--eval' ? ['--requests', log] : []), ...args]);
      expect([res.code, res.stdout]).toEqual([2, '']);
      expect(res.stderr).toMatch(pattern);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('the REPL answers .help and a query typed on its stdin, as a table', async () => {
    const child = spawn(process.execPath, [CLI, 'explore', results, '--requests', log], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.write('.help\n');
    child.stdin.write('requests.find({ failed: { $gt: 0 } }, { name: 1, failed: 1 }).sort({ failed: -1 })\n');
    child.stdin.write('log.count({ status: 503 })\n');
    child.stdin.end('.exit\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(out).toContain('Collections: workflows, steps, requests, log');
    const failing = result.workflows[0]!.steps.flatMap((s) => s.requests)
      .filter((r) => r.failed > 0)
      .sort((a, b) => b.failed - a.failed);
    expect(failing.map((r) => [r.name, r.failed])).toEqual([
      ['GET /items/2', ITERATIONS / 3],
      ['POST /pay', ITERATIONS / 4],
    ]);
    // A table: a header, then one aligned row per document.
    const table = [`name${' '.repeat('GET /items/2'.length - 'name'.length)}  failed`, ...failing.map((r) => `${r.name.padEnd('GET /items/2'.length)}  ${String(r.failed).padStart(6)}`)];
    expect(out).toContain(`go-heavy> ${table.join('\n')}\n`);
    expect(out).toContain(`go-heavy> ${ITERATIONS / 4}\n`);
  });
});
