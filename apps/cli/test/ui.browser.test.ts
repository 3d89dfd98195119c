// `go-heavy ui` driven in Chromium (playwright-core) from the services list to the finished
// report: a temp project, a server this test starts as the target, the built CLI serving the UI
// and running the load in its child process. Also the history page and the diff page of two
// runs, the second with a slower endpoint. With UPDATE_SCREENSHOTS=1 it writes the README's
// screenshots to docs/images/ (CI leaves them alone).
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startUi, type RunningUi } from './support/ui.js';

jest.setTimeout(90_000);

const SHOP = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('browse', async () => { await ctx.http.get('/products'); });
    await ctx.step('search', async () => { await ctx.http.get('/search?q=' + ctx.iteration, { name: '/search' }); });
  },
});
`;
const CONFIG = `export default { users: 2, profiles: { smoke: { users: 1, duration: '5s' }, peak: { stages: '5s:10,10s:10,5s:0' } } };
`;
/** Every answer waits BASE_MS; /search waits SLOW_MS while `slow` is set. */
const BASE_MS = 10;
const SLOW_MS = 300;

/** The target: counts every request it answers. */
async function startShop(): Promise<{ url: string; count: () => number; setSlow(on: boolean): void; close(): Promise<void> }> {
  let count = 0;
  let slow = false;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      count++;
      const wait = slow && (req.url ?? '').startsWith('/search') ? SLOW_MS : BASE_MS;
      setTimeout(() => res.end('{"ok":true}'), wait);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    count: () => count,
    setSlow: (on) => (slow = on),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../../docs/images') : undefined;
async function screenshot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `ui-${name}.png`), fullPage: false });
}

const project = makeProject({ 'services/shop/buy.ts': SHOP, 'services/shop/heavy.config.ts': CONFIG, 'services/blog/read.ts': SHOP });
let browser: Browser;
let shop: Awaited<ReturnType<typeof startShop>>;
let ui: RunningUi;
let page: Page;
const errors: string[] = [];
const requested: string[] = [];

beforeAll(async () => {
  shop = await startShop();
  [ui, browser] = await Promise.all([startUi(project.root, { BASE_URL: shop.url }), launchChromium()]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));
  page.on('request', (r) => requested.push(r.url()));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  ui?.child.kill('SIGINT');
  await ui?.done;
  await shop?.close();
  project.remove();
});

/** Fills the run form's fields (every other load field emptied). */
async function fill(fields: Record<string, string>): Promise<void> {
  for (const name of ['users', 'rate', 'max-users', 'duration', 'iterations', 'ramp-up', 'stages', 'warmup', 'graceful-stop', 'timeout']) {
    await page.fill(`#f-${name}`, fields[name] ?? '');
  }
  if (fields.target) await page.selectOption('#f-target', fields.target);
  await page.selectOption('#f-profile', fields.profile ?? '');
}

/** Waits (bounded) until the run has ended and /live/ sends to its report; returns the report's path. */
async function waitForReport(): Promise<string> {
  const until = Date.now() + 40_000;
  while (Date.now() < until) {
    await page.goto(`${ui.url}/live/`);
    if (page.url().includes('/report/')) {
      await page.waitForSelector('#go-heavy-report[data-rendered]');
      return new URL(page.url()).pathname;
    }
    await page.waitForTimeout(300);
  }
  throw new Error('the run did not end within 40 s');
}

test('from the services list to the finished report: form checks, profile chart, live dashboard, stop, report, history', async () => {
  await page.goto(ui.url);
  expect(await page.$$eval('table[data-table="services"] tr[data-service]', (rows) => rows.map((r) => r.getAttribute('data-service')))).toEqual(['blog', 'shop']);
  await page.click('tr[data-service="shop"] td a');
  expect(new URL(page.url()).pathname).toBe('/services/shop');
  expect(await page.textContent('[data-list="workflows"]')).toBe('shop/buy');
  expect(await page.$$eval('[data-profile]', (els) => els.map((e) => e.getAttribute('data-profile')))).toEqual(['smoke', 'peak']);
  expect(await page.textContent('pre[data-config="services/shop/heavy.config.ts"]')).toBe(CONFIG);

  // The form: a bad value gets the CLI's message under its field, and no chart.
  await page.click('a[data-action="run"]');
  await fill({ users: 'abc', duration: '30s' });
  await page.click('#draw');
  expect(await page.textContent('[data-error="users"]')).toBe('expected a whole number >= 1, got "abc"');
  expect(await page.$('#load-chart')).toBeNull();
  // The only error of the pages: Chromium reports the form's 400 on its console.
  expect(errors).toEqual(['console: Failed to load resource: the server responded with a status of 400 (Bad Request)']);
  errors.length = 0;
  // A profile's chart, then the values of this run's.
  await fill({ profile: 'peak' });
  await page.click('#draw');
  expect(await page.textContent('#load-chart')).toMatch(/^closed model: .*peak 10 users/);
  await fill({ users: '3', duration: '30s', warmup: '0s' });
  await page.click('#draw');
  expect(await page.$('[data-error]')).toBeNull();
  expect(await page.textContent('#load-chart')).toMatch(/^closed model: peak 3 users over 30s/);
  expect(await page.inputValue('#f-users')).toBe('3');
  await screenshot(page, 'run-form');

  // Start: the live dashboard updates once a second.
  const before = shop.count();
  await page.click('#start');
  await page.waitForURL(`${ui.url}/live/`);
  await page.waitForSelector('#timeline [data-chart="throughput"] circle.point', { timeout: 30_000 });
  const first = Number(await page.textContent('[data-tile="requests"] .tile-value'));
  const requests = async (): Promise<number> => Number(await page.textContent('[data-tile="requests"] .tile-value'));
  for (const until = Date.now() + 10_000; (await requests()) <= first && Date.now() < until;) await page.waitForTimeout(200);
  expect(await requests()).toBeGreaterThan(first);
  expect(await page.textContent('#go-heavy-status')).toBe('running…');
  expect(await page.isVisible('#go-heavy-finished')).toBe(false);
  await screenshot(page, 'live');

  // Stop: graceful, then the page says finished and links the report.
  await page.click('#go-heavy-stop');
  await page.waitForSelector('#go-heavy-status[data-state="finished"]', { timeout: 40_000 });
  expect(await page.isVisible('[data-banner="interrupted"]')).toBe(true);
  const shown = Number(await page.textContent('[data-tile="requests"] .tile-value'));
  await page.click('#go-heavy-finished');
  await page.waitForURL(/\/report\/\d{8}-\d{6}-shop\.json$/);
  await page.waitForSelector('#go-heavy-report[data-rendered]');
  const file = decodeURIComponent(new URL(page.url()).pathname.slice('/report/'.length));
  const result = readResults(path.join(project.root, '.go-heavy', 'ui-runs', file));
  expectConsistent(result);
  expect(result.summary.interrupted).toBe(true);
  // Every request the server answered is in the results, once; the page shows the same count.
  expect(result.summary.requests).toBe(shop.count() - before);
  expect(Number(await page.textContent('[data-tile="requests"] .tile-value'))).toBe(result.summary.requests);
  expect(shown).toBe(result.summary.requests);
  await screenshot(page, 'report');

  // The service page lists the run and links its history (recorded as the CLI records it).
  await page.goto(`${ui.url}/services/shop`);
  expect(await page.$$eval('table[data-table="runs"] tr[data-file]', (rows) => rows.map((r) => r.getAttribute('data-file')))).toEqual([file]);
  await page.click('a[data-action="history"]');
  await page.waitForSelector('#go-heavy-report[data-rendered]');
  expect(await page.textContent('#go-heavy-subtitle')).toMatch(/^Service shop · p95/);
  expect(await page.$$('[data-chart]')).not.toHaveLength(0);
  expect(errors).toEqual([]);
});

test('the diff page of two runs shows the endpoint that got slower', async () => {
  // A second run, of a fixed count, with /search slower.
  shop.setSlow(true);
  await page.goto(`${ui.url}/services/shop/run`);
  await fill({ target: 'shop/buy', users: '2', iterations: '12' });
  await page.click('#start');
  await page.waitForURL(`${ui.url}/live/`);
  const report = await waitForReport();
  const second = readResults(path.join(project.root, '.go-heavy', 'ui-runs', decodeURIComponent(report.slice('/report/'.length))));
  expect(second.workflows[0]!.runs).toBe(12);
  expect(second.summary.requests).toBe(24);

  await page.goto(ui.url);
  await page.click('nav a[data-nav="diff"]');
  // The defaults: a the older run, b the newer.
  expect(await page.inputValue('#f-b')).toBe(decodeURIComponent(report.slice('/report/'.length)));
  await page.click('#compare');
  await page.waitForSelector('#go-heavy-report[data-rendered]');
  const search = page.locator('tr[data-row="shop/buy › search › GET /search"] td[data-col="p95"]');
  expect(await search.getAttribute('class')).toContain('worse');
  expect(await page.locator('tr[data-worse="shop/buy › search › GET /search p95"]').count()).toBe(1);
  // Slower by about the added wait: the /search answers of b waited SLOW_MS more.
  const delta = Number(/^\+(\d+) ms/.exec((await search.locator('div').first().textContent()) ?? '')?.[1]);
  expect(delta).toBeGreaterThanOrEqual(SLOW_MS - 50);
  await screenshot(page, 'diff');
  // Every page kept to the UI's own origin, and nothing failed in them.
  expect(requested.filter((u) => !u.startsWith(`${ui.url}/`))).toEqual([]);
  expect(errors).toEqual([]);
});
