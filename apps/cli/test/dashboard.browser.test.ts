// The live dashboard (`run --dashboard`) and the results browser (`serve`) in a real browser:
// Debian's Chromium (installed by tools/system/ensure-system-deps.mjs, npm test's pretest) driven
// by playwright-core, against the built CLI running real workflows on a real server.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { runCli, type CliResult } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

jest.setTimeout(120_000);

const SHOP = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('browse', async () => {
      await ctx.http.get('/fast', { name: '/products' });
      await ctx.http.get('/slow', { name: '/products/{id}' });
    });
  },
});
`;

/** The built CLI running in the background: its output so far, and a bounded wait for a line. */
interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** The first match of `pattern` in the stream, waiting at most `timeoutMs`. */
  match(stream: 'stdout' | 'stderr', pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** Resolves when the CLI exits (it is killed after `timeoutMs` of runCli). */
  done: Promise<CliResult>;
}

function startCli(args: string[], env: Record<string, string> = {}, timeoutMs = 90_000): Running {
  let child: ChildProcess | undefined;
  let out = '';
  let err = '';
  const done = runCli(args, {
    env,
    timeoutMs,
    onSpawn: (c) => {
      child = c;
      c.stdout!.on('data', (d) => (out += d));
      c.stderr!.on('data', (d) => (err += d));
    },
  });
  let exited = false;
  void done.then(() => (exited = true));
  return {
    child: child!,
    stdout: () => out,
    stderr: () => err,
    done,
    async match(stream, pattern, ms) {
      const until = Date.now() + ms;
      for (;;) {
        const found = (stream === 'stdout' ? out : err).match(pattern);
        if (found) return found;
        if (exited || Date.now() > until) {
          throw new Error(`no ${pattern} on ${stream} ${exited ? '(the CLI exited)' : `within ${ms} ms`}:\nstdout: ${out}\nstderr: ${err}`);
        }
        await sleep(25);
      }
    },
  };
}

/** `promise`, or a rejection after `ms`: every wait is bounded. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The status of a raw path, sent as written (no URL normalisation by a client). */
function statusOf(base: string, rawPath: string): Promise<number> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, agent: false, timeout: 5_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

interface Opened {
  page: Page;
  context: BrowserContext;
  /** Every URL the page asked for. */
  requests: string[];
  /** Uncaught errors and console errors (a CSP violation is one). */
  errors: string[];
}

async function openPage(browser: Browser): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const opened: Opened = { page, context, requests: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('pageerror', (e) => opened.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(`console: ${m.text()}`);
  });
  return opened;
}

/** What the page shows now: the requests tile and the points of the throughput chart. */
async function readLive(page: Page): Promise<{ requests: number; points: number; status: string | null }> {
  return {
    requests: Number(await page.textContent('[data-tile="requests"] .tile-value')),
    points: (await page.$$('#timeline [data-chart="throughput"] circle.point')).length,
    status: await page.textContent('#go-heavy-status'),
  };
}

let browser: Browser;
let target: Awaited<ReturnType<typeof startTarget>>;
const project = makeProject({ 'services/shop/buy.ts': SHOP });
const running: Running[] = [];

beforeAll(async () => {
  target = await startTarget();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const r of running) r.child.kill('SIGKILL');
  await Promise.all(running.map((r) => r.done));
  await browser?.close();
  await target?.close();
  project.remove();
});

describe('go-heavy run --dashboard', () => {
  test('the page updates live while the run goes, and its Stop button ends the run gracefully', async () => {
    const out = path.join(project.root, 'live/results.json');
    const cli = startCli(['run', 'shop', '--root', project.root, '--users', '3', '--duration', '30s', '--warmup', '0s', '--dashboard', '--dashboard-port', '0', '--out', out], {
      BASE_URL: target.url,
    });
    running.push(cli);
    const [, url] = await cli.match('stderr', /dashboard: (http:\/\/127\.0\.0\.1:\d+)\n/, 20_000);
    const opened = await openPage(browser);
    const { page } = opened;
    try {
      await page.goto(url!);
      await page.waitForSelector('#go-heavy-report[data-rendered]');
      expect(await page.textContent('#go-heavy-stop')).toBe('Stop run');
      // The first second of the run reaches the page over the event stream.
      await page.waitForSelector('#timeline [data-chart="throughput"] circle.point');
      const first = await readLive(page);
      await sleep(2_000);
      const second = await readLive(page);
      expect(first.status).toBe('running…');
      expect(second.status).toBe('running…');
      expect(second.requests).toBeGreaterThan(first.requests);
      // One point per second for each of the three series (started, ended, requests).
      expect(second.points).toBeGreaterThan(first.points);
      expect(second.points % 3).toBe(0);
      expect(await page.textContent('[data-table="overview"] td[data-col="name"]')).toBe('shop/buy');

      const clicked = Date.now();
      await page.click('#go-heavy-stop');
      const res = await within(cli.done, 15_000, 'the CLI to exit after Stop run');
      const stopMs = Date.now() - clicked;
      expect(res.code).toBe(130);
      expect(res.stderr).toContain('go-heavy: stopping: asked from the dashboard');
      expect(res.stdout).toContain('INTERRUPTED');
      const result = readResults(out);
      expectConsistent(result);
      expect(result.summary.interrupted).toBe(true);
      expect(result.durationMs).toBeLessThan(25_000);

      // The page got the final result before the server closed.
      await page.waitForSelector('#go-heavy-status[data-state="finished"]', { timeout: 5_000 });
      expect(await page.textContent('#go-heavy-status')).toBe('finished');
      expect(await page.isDisabled('#go-heavy-stop')).toBe(true);
      expect(await page.isVisible('[data-banner="interrupted"]')).toBe(true);
      expect(Number(await page.textContent('[data-tile="requests"] .tile-value'))).toBe(result.summary.requests);
      expect(opened.requests.every((r) => r.startsWith(`${url}/`))).toBe(true);
      expect(opened.errors).toEqual([]);
      expect(stopMs).toBeLessThan(15_000);
    } finally {
      await opened.context.close();
    }
  });

  test('a port that is taken, or not a port, is one clear line and exit code 2', async () => {
    const busy = http.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const taken = await runCli(['run', 'shop', '--root', project.root, '--iterations', '1', '--dashboard-port', String(port)], { env: { BASE_URL: target.url } });
      expect(taken.code).toBe(2);
      expect(taken.stderr.trim().split('\n')).toEqual([`go-heavy: dashboard: cannot listen on 127.0.0.1:${port}: the port is in use (--dashboard-port ${port}; 0 takes a free one)`]);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
    const bad = await runCli(['run', 'shop', '--root', project.root, '--dashboard-port', 'abc'], { env: { BASE_URL: target.url } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('go-heavy: --dashboard-port: expected a port from 0 to 65535 (0 takes a free one), got "abc"\n');
  });
});

describe('go-heavy serve', () => {
  const dir = path.join(project.root, 'results');

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    for (const [name, iterations] of [
      ['run-1.json', '10'],
      ['run-2.json', '20'],
    ] as const) {
      const res = await runCli(['run', 'shop', '--root', project.root, '--users', '2', '--iterations', iterations, '--out', path.join(dir, name), '--quiet'], { env: { BASE_URL: target.url } });
      expect(res.code).toBe(0);
    }
    writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ name: 'not results', schemaVersion: 'x' }));
  });

  test('lists the results files, opens their reports, and serves nothing outside the folder', async () => {
    const serve = startCli(['serve', dir, '--port', '0']);
    running.push(serve);
    const [, url] = await serve.match('stdout', /at (http:\/\/127\.0\.0\.1:\d+) /, 20_000);
    const opened = await openPage(browser);
    const { page } = opened;
    try {
      await page.goto(url!);
      const rows = await page.$$eval('table[data-table="results"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-file')));
      expect(rows).toEqual(['run-2.json', 'run-1.json']); // newest first; settings.json is not a results file
      const first = readResults(path.join(dir, 'run-1.json'));
      expect(await page.textContent('tr[data-file="run-1.json"] td[data-col="runs"]')).toBe('10');
      expect(await page.textContent('tr[data-file="run-1.json"] td[data-col="requests"]')).toBe(String(first.summary.requests));
      expect(await page.textContent('tr[data-file="run-1.json"] td[data-col="workflows"]')).toBe('shop/buy');
      expect(await page.textContent('li[data-file="settings.json"]')).toContain('settings.json');

      await Promise.all([page.waitForURL(`${url}/report/run-1.json`), page.click(`tr[data-file="run-1.json"] td[data-col="test-id"] a`)]);
      await page.waitForSelector('#go-heavy-report[data-rendered]');
      expect(await page.textContent('[data-table="overview"] td[data-col="runs"]')).toBe('10');
      expect(await page.textContent('[data-detail="Test ID"]')).toBe(first.testId);

      const raw = await page.goto(`${url}/results/run-2.json`);
      expect(raw!.status()).toBe(200);
      expect(JSON.parse(await raw!.text()).workflows[0].runs).toBe(20);

      for (const attack of ['/report/..%2F..%2Fetc%2Fpasswd', '/report/../../etc/passwd', '/results/..%2Fservices%2Fshop%2Fbuy.ts', '/report/%2Fetc%2Fpasswd', '/report/settings.json']) {
        expect([attack, await statusOf(url!, attack)]).toEqual([attack, 404]);
      }
      const blocked = await page.goto(`${url}/report/..%2F..%2Fetc%2Fpasswd`);
      expect(blocked!.status()).toBe(404);
      expect(opened.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    } finally {
      await opened.context.close();
    }

    serve.child.kill('SIGINT');
    const res = await within(serve.done, 10_000, 'serve to exit after Ctrl-C');
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
  });

  test('a missing folder is one clear line and exit code 2', async () => {
    const res = await runCli(['serve', path.join(project.root, 'nope')], { cwd: project.root });
    expect(res.code).toBe(2);
    expect(res.stderr).toBe('go-heavy: nope: no such folder: expected the folder holding results files written by `go-heavy run --out`\n');
    const file = await runCli(['serve', path.join(dir, 'run-1.json')], { cwd: project.root });
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/^go-heavy: results\/run-1\.json: not a folder/);
  });
});
