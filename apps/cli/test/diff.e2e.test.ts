// `go-heavy diff` on two real runs of the built CLI against a server this test starts, whose
// second run is slower on ONE endpoint, answers 503 on another and changes one JSON field of a
// third: the diff must show exactly those changes, in text, JSON, HTML (in Chromium) and as the
// exit code of --fail-on.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { RunDiff } from '@go-heavy/core';
import { launchChromium } from './support/chromium.js';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

jest.setTimeout(120_000);

/** Every request waits BASE_MS; in run b, /search waits SLOW_MS. */
const BASE_MS = 20;
const SLOW_MS = 400;
const ITERATIONS = 16;

const BUY = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('browse', async () => { await ctx.http.get('/items/1'); });
    await ctx.step('search', async () => { await ctx.http.get('/search?q=' + ctx.iteration, { name: '/search' }); });
    await ctx.step('pay', async () => { await ctx.http.post('/pay', { amount: 5 }); });
  },
});
`;

interface Mode {
  slowSearch: boolean;
  payStatus: number;
  price: number;
}

function startServer(mode: Mode): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const p = (req.url ?? '').split('?')[0];
      const wait = p === '/search' && mode.slowSearch ? SLOW_MS : BASE_MS;
      setTimeout(() => {
        const [status, body] = p === '/items/1' ? [200, { id: 1, name: 'pen', price: mode.price }] : p === '/pay' ? [mode.payStatus, { ok: true }] : [200, { hits: 3 }];
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, wait);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise<void>((r) => server.close(() => r())),
      }),
    ),
  );
}

describe('go-heavy diff (end to end, two real runs)', () => {
  const project = makeProject({ 'services/shop/buy.ts': BUY });
  const mode: Mode = { slowSearch: false, payStatus: 200, price: 10 };
  let server: Awaited<ReturnType<typeof startServer>>;
  const file = (name: string) => path.join(project.root, 'out', name);
  const run = (name: string) =>
    runCli(['run', 'shop/buy', '--root', project.root, '-u', '2', '-i', String(ITERATIONS), '--out', file(`${name}.json`), '--log-requests', file(`${name}.ndjson`), '--quiet'], {
      env: { BASE_URL: server.url },
    });
  const diffJson = async (...args: string[]): Promise<RunDiff> => {
    const res = await runCli(['diff', ...args, '--json'], { cwd: project.root });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    return JSON.parse(res.stdout) as RunDiff;
  };

  beforeAll(async () => {
    server = await startServer(mode);
    const a = await run('a');
    expect(a.code).toBe(0);
    Object.assign(mode, { slowSearch: true, payStatus: 503, price: 12 });
    const b = await run('b');
    // 503 fails the pay requests, not the run.
    expect(b.code).toBe(0);
  });
  afterAll(async () => {
    await server.close();
    project.remove();
  });

  it('shows the regression on exactly the slowed request, its step and its workflow', async () => {
    const diff = await diffJson(file('a.json'), file('b.json'));
    expect(diff.rows.map((r) => [r.level, r.step ?? null, r.request ?? null, r.presence])).toEqual([
      ['workflow', null, null, 'both'],
      ['step', 'browse', null, 'both'],
      ['request', 'browse', 'GET /items/1', 'both'],
      ['step', 'search', null, 'both'],
      ['request', 'search', 'GET /search', 'both'],
      ['step', 'pay', null, 'both'],
      ['request', 'pay', 'POST /pay', 'both'],
    ]);
    const p95 = (r: RunDiff['rows'][number]) => r.changes.find((c) => c.stat === 'p95')!;
    // 20 ms → 400 ms on /search (+1900 %), 60 ms → 440 ms for the iteration (+633 %); nothing
    // else came near +300 % (20 ms → 80 ms), however busy the machine.
    const regressed = diff.rows.filter((r) => p95(r).pct! > 300);
    expect(regressed.map((r) => [r.level, r.step ?? null])).toEqual([
      ['workflow', null],
      ['step', 'search'],
      ['request', 'search'],
    ]);
    const search = diff.rows.find((r) => r.level === 'request' && r.step === 'search')!;
    expect(p95(search)).toMatchObject({ verdict: 'worse', noise: false });
    expect(p95(search).b).toBeGreaterThanOrEqual(SLOW_MS);
    expect(p95(search).a).toBeLessThan(SLOW_MS / 2);
    // Every request counted once in each run.
    expect(diff.rows.filter((r) => r.level === 'request').map((r) => r.changes.find((c) => c.stat === 'runs')!.b)).toEqual([ITERATIONS, ITERATIONS, ITERATIONS]);
    // The 503s: pay's error rate went from 0 to 100 %, in percentage points.
    const pay = diff.rows.find((r) => r.level === 'request' && r.step === 'pay')!;
    expect(pay.changes.find((c) => c.stat === 'error-rate')).toMatchObject({ a: 0, b: 100, delta: 100, pct: null, verdict: 'worse', noise: false });
  });

  it('prints the changes aligned like the complete report, the regression listed with both values', async () => {
    const res = await runCli(['diff', file('a.json'), file('b.json')], { cwd: project.root });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const out = res.stdout;
    expect(out).toMatch(/^go-heavy diff\n/);
    expect(out).toContain('workflow shop/buy');
    // The tables of the complete report, each cell the change in absolute and relative terms,
    // right-aligned under its title: a row ends where its header ends.
    const lines = out.split('\n');
    const header = lines.findIndex((l) => /^ +P90 +P95 +P99 +P100$/.test(l));
    expect(header).toBeGreaterThan(0);
    expect(lines[header - 1]).toBe('');
    const search = lines.slice(header).find((l) => l.startsWith('        GET /search '))!;
    expect(search).toMatch(/^ {8}GET \/search( +\+\d+ ms \+\d+\.\d%){4}$/);
    expect(search.length).toBe(lines[header]!.length);
    expect(out).toMatch(/^ +runs +runs\/s +error rate$/m);
    // The worse-beyond-noise table names the slowed request with its p95 before and after.
    expect(out).toMatch(/shop\/buy › search › GET \/search +P95 +\d+(\.\d+)? ms +→ +\d+ ms +\+\d+ ms +\+\d+\.\d%/);
    expect(out).toMatch(/shop\/buy › pay › POST \/pay +error rate +0\.00% +→ +100\.00%/);
    // No ANSI escapes when stdout is not a terminal.
    expect(out).not.toContain('\u001b[');
  });

  it('--fail-on exits 99 on the regression, 0 for a run against itself', async () => {
    const gate = await runCli(['diff', file('a.json'), file('b.json'), '--fail-on', 'p95 +50%', '--fail-on', 'runs/s -99%', '--json'], { cwd: project.root });
    expect(gate.code).toBe(99);
    expect(gate.stderr).toBe('go-heavy: 1 --fail-on bound passed: p95 +50%\n');
    const diff = JSON.parse(gate.stdout) as RunDiff;
    expect(diff.gates.map((g) => [g.expr, g.ok])).toEqual([
      ['p95 +50%', false],
      ['runs/s -99%', true],
    ]);
    expect(diff.gates[0]!.failures.map((f) => f.row)).toEqual(expect.arrayContaining(['shop/buy', 'shop/buy › search', 'shop/buy › search › GET /search']));

    const self = await runCli(['diff', file('b.json'), file('b.json'), '--fail-on', 'p95 +0%', '--fail-on', 'error-rate +0pp'], { cwd: project.root });
    expect(self.stderr).toBe('');
    expect(self.code).toBe(0);
    expect(self.stdout).toMatch(/ok +p95 \+0%\n +ok +error-rate \+0pp/);
  });

  it('--requests lists exactly the status change and the JSON field that changed', async () => {
    const diff = await diffJson(file('a.json'), file('b.json'), '--requests', file('a.ndjson'), file('b.ndjson'), '--requests-limit', '5');
    const r = diff.responses!;
    expect([r.matched, r.onlyA, r.onlyB]).toEqual([3 * ITERATIONS, 0, 0]);
    expect([r.differing, r.statusChanged, r.bodyChanged]).toEqual([2 * ITERATIONS, ITERATIONS, ITERATIONS]);
    expect(r.groups).toEqual([
      { workflow: 'shop/buy', step: 'browse', method: 'GET', endpoint: '/items/1', differing: ITERATIONS, statuses: [], paths: [{ path: '/price', count: ITERATIONS }] },
      { workflow: 'shop/buy', step: 'pay', method: 'POST', endpoint: '/pay', differing: ITERATIONS, statuses: [{ a: 200, b: 503, count: ITERATIONS }], paths: [] },
    ]);
    expect(r.listed).toHaveLength(5);
    expect(r.unlisted).toBe(2 * ITERATIONS - 5);
    const price = r.listed.find((d) => d.endpoint === '/items/1')!;
    expect(price.body).toEqual({ changes: [{ path: '/price', kind: 'changed', a: '10', b: '12' }] });
    expect(price.status).toBeUndefined();

    const text = await runCli(['diff', file('a.json'), file('b.json'), '--requests', file('a.ndjson'), file('b.ndjson')], { cwd: project.root });
    expect(text.stdout).toContain(`${3 * ITERATIONS} matched, ${2 * ITERATIONS} differ (status ${ITERATIONS}, body ${ITERATIONS}), 0 only in a, 0 only in b`);
    expect(text.stdout).toMatch(new RegExp(`shop/buy › pay › POST /pay +${ITERATIONS} +200→503 ×${ITERATIONS}`));
    expect(text.stdout).toContain('      /price: 10 → 12');
  });

  it('compares two history entries: service@-2 with service@-1', async () => {
    const diff = await diffJson('--history', 'shop@-2', 'shop@-1', '--root', project.root);
    const fromFiles = JSON.parse(readFileSync(file('a.json'), 'utf8')) as { testId: string };
    expect(diff.a.testId).toBe(fromFiles.testId);
    const search = diff.rows.find((r) => r.level === 'request' && r.step === 'search')!;
    const p95 = search.changes.find((c) => c.stat === 'p95')!;
    expect(p95.verdict).toBe('worse');
    expect(p95.pct!).toBeGreaterThan(150);
    // History keeps no histograms: no noise verdict, and no P10/P25/P75/P100.
    expect(p95.noise).toBeUndefined();
    expect(search.changes.map((c) => c.stat)).toEqual(['runs', 'runs/s', 'error-rate', 'min', 'avg', 'max', 'p50', 'p90', 'p95', 'p99']);
  });

  it('bad input is one line naming the flag, exit 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--fail-on', 'p95 10%'], /^go-heavy: --fail-on: expected "<stat> <\+\|-><amount><unit>".*got "p95 10%"\n$/],
      [['--fail-on', 'p95 -10%'], /^go-heavy: --fail-on: "p95 -10%": p95 gets worse as it rises: expected "p95 \+10%"\n$/],
      [['--fail-on', 'runs/s -1pp'], /^go-heavy: --fail-on: .*pp \(percentage points\) is the error rate's unit/],
      [['--fail-on', 'p42 +1%'], /^go-heavy: --fail-on: unknown statistic "p42"/],
      [['--requests', 'only-one.ndjson'], /^go-heavy: /],
    ];
    const answers = await Promise.all(cases.map(([extra]) => runCli(['diff', file('a.json'), file('b.json'), ...extra], { cwd: project.root })));
    answers.forEach((res, i) => {
      expect([res.code, res.stdout]).toEqual([2, '']);
      expect(res.stderr).toMatch(cases[i]![1]);
      expect(res.stderr.split('\n')).toHaveLength(2);
    });
    const missing = await runCli(['diff', file('a.json'), file('nope.json')], { cwd: project.root });
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/^go-heavy: .*nope\.json: no such file: expected a results file/)]);
    const history = await runCli(['diff', '--history', 'shop@-9', 'shop@-1', '--root', project.root]);
    expect([history.code, history.stderr]).toEqual([2, expect.stringMatching(/^go-heavy: a: no run "shop@-9" in .*: service "shop" has 2 runs/)]);
  });

  it('--html draws the diff in Chromium, the regressed row tinted and its P95 red', async () => {
    const html = file('diff.html');
    const res = await runCli(['diff', file('a.json'), file('b.json'), '--fail-on', 'p95 +50%', '--html', html], { cwd: project.root });
    expect(res.code).toBe(99);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`file://${html}`);
      await page.waitForSelector('#go-heavy-report[data-rendered]', { timeout: 10_000 });
      const row = page.locator('tr[data-row="shop/buy › search › GET /search"]');
      expect(await row.getAttribute('class')).toContain('regression');
      expect(await row.locator('td[data-col="p95"]').getAttribute('class')).toContain('worse');
      expect(await row.locator('td[data-col="p95"] div').first().textContent()).toMatch(/^\+\d+ ms \+\d+\.\d%$/);
      const browse = page.locator('tr[data-row="shop/buy › browse › GET /items/1"]');
      expect(await browse.getAttribute('class')).not.toContain('regression');
      expect(await page.locator('tr[data-gate="p95 +50%"] .pill').textContent()).toBe('failed');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
