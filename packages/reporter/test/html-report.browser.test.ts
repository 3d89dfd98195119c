// The HTML report in a real browser: Debian's Chromium (installed by
// tools/system/ensure-system-deps.mjs, npm test's pretest) driven by playwright-core. Each page is
// written to a temp file and opened through file://, as a user opens a report.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openReportFile, type OpenedPage } from './helpers/chromium.js';
import type { RunResult, Stats, WorkflowResult } from '@go-heavy/core';
import { writeHtmlReport } from '../src/index.js';
import { formatDuration } from '../src/format-duration.js';
import { formatCount, formatPercent, formatRate } from '../src/format-number.js';
import { formatLoad, formatSchedulerLag, formatWarmup } from '../src/format-run-header.js';
import { CHECKOUT_BUCKETS, HOSTILE_IMG, HOSTILE_SCRIPT, TIMELINE, makeHostileRunResult, makeOpenRunResult, makeRunResult } from './helpers/run-result-fixture.js';

const SCREENSHOT = resolve(__dirname, '../../../docs/images/html-report.png');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

jest.setTimeout(60_000);

let browser: Browser;
let dir: string;
let pages = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'go-heavy-html-browser-'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Opened = OpenedPage;

/** Writes the report of `result` and opens it; `bypassCSP` tests the renderer without the page's policy. */
async function open(result: RunResult, options: { bypassCSP?: boolean } = {}): Promise<Opened> {
  const file = join(dir, `report-${++pages}.html`);
  await writeHtmlReport(file, result);
  return openReportFile(browser, file, options);
}

interface Row {
  level: string | null;
  label: string | null;
  method: string | null;
  cells: Record<string, string>;
}

/** The little of a DOM element these tests read in the page (the package compiles without the DOM lib). */
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

/** What the tests call on the page's `window.goHeavy`, evaluated in the page. */
const RENDER = (data: unknown) => (globalThis as unknown as { goHeavy: { render(r: unknown): void } }).goHeavy.render(data);

/** The body rows of a table: data-level, the name's label, and each cell's text by data-col. */
function readRows(page: Page, selector: string): Promise<Row[]> {
  return page.$$eval(`${selector} tbody tr`, (rows) =>
    (rows as unknown as El[]).map((tr) => ({
      level: tr.getAttribute('data-level'),
      label: tr.querySelector('.label')?.textContent ?? null,
      method: tr.querySelector('.method')?.textContent ?? null,
      cells: Object.fromEntries(Array.from(tr.querySelectorAll('td')).map((td: El) => [td.getAttribute('data-col') ?? '', td.textContent ?? ''])),
    })),
  );
}

const texts = (page: Page, selector: string) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''));

/** The workflow, its steps and their requests, as the page lists them. */
function levelsOf(wf: WorkflowResult): Array<{ level: string; label: string; method: string | null; stats: Stats }> {
  const out: Array<{ level: string; label: string; method: string | null; stats: Stats }> = [{ level: 'workflow', label: wf.name, method: null, stats: wf }];
  for (const step of wf.steps) {
    out.push({ level: 'step', label: step.name, method: null, stats: step });
    for (const req of step.requests) out.push({ level: 'request', label: req.endpoint, method: req.method, stats: req });
  }
  return out;
}

describe('the HTML report in Chromium', () => {
  let realistic: Opened;
  const result = makeRunResult();

  beforeAll(async () => {
    realistic = await open(result);
  });
  afterAll(async () => {
    await realistic?.context.close();
  });

  test('loads nothing but its own file and logs no error (its script passes the CSP)', () => {
    expect(realistic.requests).toEqual([realistic.url]);
    expect(realistic.errors).toEqual([]);
  });

  test('summary: counts, load, run time, warm-up; no dropped-iterations warning at 0', async () => {
    const { page } = realistic;
    const tile = (key: string) => page.textContent(`[data-tile="${key}"] .tile-value`);
    expect(await tile('succeeded')).toBe(formatCount(result.summary.workflowsSucceeded));
    expect(await tile('failed')).toBe(formatCount(result.summary.workflowsFailed));
    expect(await tile('interrupted')).toBe(formatCount(result.summary.workflowsInterrupted));
    expect(await tile('requests')).toBe(formatCount(result.summary.requests));
    expect(await tile('dropped')).toBe('0');
    expect(await tile('thresholds')).toBe('1 / 1');
    const detail = (name: string) => page.textContent(`[data-detail="${name}"]`);
    expect(await detail('Test ID')).toBe(result.testId);
    expect(await detail('Started')).toBe('2026-11-25 10:00:00 UTC');
    expect(await detail('Run time')).toBe(`${formatDuration(result.durationMs)} (warm-up excluded)`);
    expect(await detail('Load')).toBe(formatLoad(result.load));
    expect(await detail('Profile')).toBe('from 12 users: hold 12 users for 10 s');
    expect(await detail('Warm-up')).toBe(formatWarmup(result.warmup!).replace(/^warm-up /, ''));
    expect(await page.$('[data-detail="Scheduler lag"]')).toBeNull();
    expect(await page.$$('[data-banner]')).toHaveLength(0);

    const overview = await readRows(page, '[data-table="overview"]');
    expect(overview.map((r) => r.cells.name)).toEqual(result.workflows.map((w) => w.name));
    expect(overview[1].cells).toMatchObject({
      runs: '1207',
      failed: '0',
      rate: formatRate(120.6),
      requests: '1207',
      p95: formatDuration(31.7),
      p99: formatDuration(412.5),
      max: formatDuration(1234.5),
    });
  });

  test('charts over time: one line per series with a point per second, axes labelled', async () => {
    const { page } = realistic;
    const chart = (id: string) => `#timeline [data-chart="${id}"]`;
    for (const [id, series] of [
      ['throughput', 3],
      ['latency', 3],
      ['users', 1],
      ['failures', 2],
    ] as const) {
      const paths = await page.$$eval(`${chart(id)} path.line`, (ps) => ps.map((p) => p.getAttribute('d') ?? ''));
      expect(paths).toHaveLength(series);
      for (const d of paths) expect(d.match(/[ML]/g)).toHaveLength(TIMELINE.length);
      expect(await page.$$(`${chart(id)} circle.point`)).toHaveLength(series * TIMELINE.length);
      expect((await texts(page, `${chart(id)} .axis-y text`)).length).toBeGreaterThanOrEqual(3);
      expect(await texts(page, `${chart(id)} .axis-x text`)).toContain('10 s');
    }
    expect(await texts(page, `${chart('throughput')} .legend-item`)).toEqual(['iterations started', 'iterations ended', 'requests']);
    expect(await texts(page, `${chart('latency')} .legend-item`)).toEqual(['p50', 'p99', 'max']);
    // The latency axis is in durations and reaches the slowest second (1234.5 ms); that tail is
    // over 50 times the p50, so the scale is logarithmic: from 2 ms (under the 3.0 ms p50) to 2 s,
    // labelled at the powers of ten and both ends.
    expect(await texts(page, `${chart('latency')} .axis-y text`)).toEqual(['2 ms', '10 ms', '100 ms', '1 s', '2 s']);
    expect(await texts(page, `${chart('latency')} .axis-title`)).toEqual(['latency (log scale)', 'time since the measured phase began']);
    // Counts get whole ticks: up to 12 busy users in steps of 5, not 2.5.
    expect(await texts(page, `${chart('users')} .axis-y text`)).toEqual(['0', '5', '10', '15']);
    expect(await texts(page, `${chart('latency')} .series-2 title`)).toContain(`max at 4 s: ${formatDuration(1234.5, { trim: true })}`);
  });

  test('latency distribution: one bar per bucket, the largest bucket tallest, counts on top', async () => {
    const { page } = realistic;
    const bars = await page.$$eval('#workflow-0 [data-chart="distribution"] rect.bar', (rs) => rs.map((r) => Number(r.getAttribute('height'))));
    expect(bars).toHaveLength(CHECKOUT_BUCKETS.length);
    for (const height of bars) expect(height).toBeGreaterThan(0);
    expect(bars.indexOf(Math.max(...bars))).toBe(1); // 2730 is the largest bucket
    expect(await texts(page, '#workflow-0 [data-chart="distribution"] .bar-value')).toEqual(CHECKOUT_BUCKETS.map((b) => String(b.count)));
    expect(await texts(page, '#workflow-0 [data-chart="distribution"] .bar-label')).toEqual(CHECKOUT_BUCKETS.map((b) => `≤ ${formatDuration(b.leMs, { trim: true })}`));
    // Picking a request shows its own distribution.
    await page.selectOption('#workflow-0 .distribution select', { label: 'GET /cart (add to cart)' });
    const cart = result.workflows[0].steps[1].requests[1];
    expect(await texts(page, '#workflow-0 [data-chart="distribution"] .bar-value')).toEqual(cart.buckets.map((b) => String(b.count)));
    expect(await page.$$('#workflow-0 [data-chart="distribution"]')).toHaveLength(1);
  });

  test('the three-level tables hold every workflow, step and request with its figures', async () => {
    const { page } = realistic;
    for (const [i, wf] of result.workflows.entries()) {
      const expected = levelsOf(wf);
      const times = await readRows(page, `#workflow-${i} [data-table="times"]`);
      const percentiles = await readRows(page, `#workflow-${i} [data-table="percentiles"]`);
      expect(times.map((r) => [r.level, r.label, r.method])).toEqual(expected.map((e) => [e.level, e.label, e.method]));
      expect(percentiles.map((r) => [r.level, r.label, r.method])).toEqual(expected.map((e) => [e.level, e.label, e.method]));
      for (const [j, { stats: s }] of expected.entries()) {
        expect(times[j].cells).toMatchObject({
          runs: formatCount(s.runs),
          succeeded: formatCount(s.succeeded),
          failed: formatCount(s.failed),
          rate: formatRate(s.ratePerSec),
          min: formatDuration(s.latencyMs.min),
          avg: formatDuration(s.latencyMs.mean),
          max: formatDuration(s.latencyMs.max),
          '1xx': formatCount(s.statusClasses['1xx']),
          '2xx': formatCount(s.statusClasses['2xx']),
          '3xx': formatCount(s.statusClasses['3xx']),
          '4xx': formatCount(s.statusClasses['4xx']),
          '5xx': formatCount(s.statusClasses['5xx']),
        });
        for (const key of ['p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100'] as const) {
          expect([key, percentiles[j].cells[key]]).toEqual([key, formatDuration(s.latencyMs[key])]);
        }
      }
    }
    // Non-zero failures and 5xx stand out.
    expect(await page.getAttribute('#workflow-0 [data-table="times"] tr[data-level="workflow"] [data-col="5xx"]', 'class')).toContain('bad');
  });

  test('responses, checks and failure reasons', async () => {
    const { page } = realistic;
    const [checkout, search] = result.workflows;
    const responses = await readRows(page, '#workflow-0 [data-table="responses"]');
    expect(responses.map((r) => [r.cells.response, r.cells.count])).toEqual([
      ['200', '14953'],
      ['404', '11'],
      ['503', '6'],
      ['no response: timeout', '3'],
    ]);
    expect(responses[0].cells.share).toBe(formatPercent(14953, 14973));

    const checks = await readRows(page, '#workflow-0 [data-table="checks"]');
    expect(checks.map((r) => r.cells)).toEqual(
      checkout.checks.map((c) => ({
        name: c.name,
        passed: formatCount(c.passed),
        failed: formatCount(c.failed),
        rate: formatPercent(c.passed, c.passed + c.failed),
      })),
    );
    const reasons = await readRows(page, '#workflow-0 [data-table="failure-reasons"]');
    expect(reasons.map((r) => r.cells)).toEqual([
      { reason: 'check: status is 200', count: '7', share: '70.0%' },
      { reason: 'timeout', count: '3', share: '30.0%' },
    ]);
    expect(search.checks).toEqual([]);
    expect(await texts(page, '#workflow-1 .block .empty')).toEqual(['No checks.', 'No failed iterations.']);
  });

  test("thresholds show pass with the actual value in the statistic's unit", async () => {
    const rows = await readRows(realistic.page, '[data-table="thresholds"]');
    expect(rows.map((r) => r.cells)).toEqual([{ expr: 'checkout/browse-and-buy p95 < 300ms', result: 'pass', actual: formatDuration(9.9) }]);
  });

  test('a full-page screenshot (docs/images/html-report.png, refreshed with GO_HEAVY_SCREENSHOTS=1)', async () => {
    const png = join(dir, 'html-report.png');
    const fresh = await open(result); // as a reader first sees it, whatever the other tests clicked
    try {
      await fresh.page.screenshot({ path: png, fullPage: true });
    } finally {
      await fresh.context.close();
    }
    const bytes = await readFile(png);
    expect(bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(bytes.length).toBeGreaterThan(20_000);
    // Only when asked, or when missing: a test run in CI must not dirty the tree.
    if (process.env.GO_HEAVY_SCREENSHOTS === '1' || !existsSync(SCREENSHOT)) {
      await mkdir(dirname(SCREENSHOT), { recursive: true });
      await copyFile(png, SCREENSHOT);
    }
    expect((await stat(SCREENSHOT)).size).toBeGreaterThan(0);
  });
});

describe('thresholds of this version', () => {
  test('show units, which runs a latency is of, why a value is missing, and skipped ones apart', async () => {
    const result: RunResult = {
      ...makeRunResult(),
      thresholds: [
        { expr: 'checkout/browse-and-buy p95 < 300ms', ok: true, actual: 9.9, stat: 'p95', latencyOf: 'succeeded' },
        { expr: 'checkout/browse-and-buy p95{all} < 300ms', ok: true, actual: 4.2, stat: 'p95', latencyOf: 'all' },
        { expr: 'checkout/browse-and-buy checks > 99%', ok: true, actual: 99.5, stat: 'checks' },
        { expr: 'checkout/down p95 < 300ms', ok: false, actual: null, stat: 'p95', latencyOf: 'succeeded', note: 'no successful runs (118 failed)' },
        { expr: 'blog/write p95 < 500ms', ok: true, actual: null, stat: 'p95', latencyOf: 'succeeded', skipped: true, note: 'blog/write is not part of this run' },
      ],
    };
    const { page, context, errors } = await open(result);
    try {
      expect(errors).toEqual([]);
      const rows = await readRows(page, '[data-table="thresholds"]');
      expect(rows.map((r) => [r.cells.expr, r.cells.result, r.cells.actual])).toEqual([
        ['checkout/browse-and-buy p95 < 300ms', 'pass', '9.90 ms (successful runs)'],
        ['checkout/browse-and-buy p95{all} < 300ms', 'pass', '4.20 ms (all runs)'],
        ['checkout/browse-and-buy checks > 99%', 'pass', '99.50%'],
        ['checkout/down p95 < 300ms', 'fail', 'no successful runs (118 failed)'],
        ['blog/write p95 < 500ms', 'skip', 'skipped: blog/write is not part of this run'],
      ]);
      // Skipped thresholds count as neither passed nor failed.
      expect(await page.textContent('[data-tile="thresholds"] .tile-value')).toBe('3 / 4');
      expect(await page.textContent('[data-tile="thresholds"] .tile-label')).toBe('thresholds passed (1 skipped)');
    } finally {
      await context.close();
    }
  });
});

describe('latency of the successful runs', () => {
  test('shown in a table of its own when some run failed, "-" where none succeeded', async () => {
    const base = makeRunResult();
    const ok = { min: 5, max: 90, mean: 9, p10: 6, p25: 7, p50: 8, p75: 9, p90: 10, p95: 11, p99: 40, p100: 90 };
    const [wf, clean] = base.workflows;
    const steps = wf!.steps.map((s) => ({ ...s, succeededLatencyMs: s.succeeded > 0 ? ok : { ...ok, p50: 0 }, succeeded: s.name === 'pay' ? 0 : s.succeeded }));
    const result: RunResult = {
      ...base,
      workflows: [
        { ...wf!, succeededLatencyMs: ok, steps },
        { ...clean!, succeededLatencyMs: clean!.latencyMs },
      ],
    };
    const { page, context, errors } = await open(result);
    try {
      expect(errors).toEqual([]);
      const rows = await readRows(page, '#workflow-0 [data-table="percentiles-succeeded"]');
      expect(rows[0]!.cells.p50).toBe(formatDuration(8));
      expect(rows[0]!.cells.p99).toBe(formatDuration(40));
      const pay = rows.find((r) => r.level === 'step' && r.label === 'pay');
      expect(pay!.cells.p50).toBe('-');
      // The all-runs table is still there, unchanged.
      expect((await readRows(page, '#workflow-0 [data-table="percentiles"]'))[0]!.cells.p50).toBe(formatDuration(wf!.latencyMs.p50));
      // A workflow without failures has one table: both would be the same.
      expect(await page.$$('#workflow-1 [data-table="percentiles-succeeded"]')).toHaveLength(0);
    } finally {
      await context.close();
    }
  });
});

describe('the open model', () => {
  test('warns about dropped iterations, shows the scheduler lag, and thresholds that failed', async () => {
    const result = makeOpenRunResult();
    const { page, context, requests, url, errors } = await open(result);
    try {
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
      const warning = page.locator('[data-banner="dropped"]');
      expect(await warning.isVisible()).toBe(true);
      expect(await warning.textContent()).toMatch(/^42 iterations dropped: they were due while all 20 users were busy/);
      expect(await page.getAttribute('[data-tile="dropped"]', 'class')).toContain('warn');
      expect(await page.textContent('[data-tile="dropped"] .tile-value')).toBe('42');
      expect(await page.textContent('[data-detail="Load"]')).toBe(formatLoad(result.load));
      expect(await page.textContent('[data-detail="Scheduler lag"]')).toBe(formatSchedulerLag(result.scheduler!));
      expect(await page.textContent('[data-detail="Warm-up"]')).toBe('none');
      expect(await page.textContent('[data-tile="thresholds"] .tile-value')).toBe('1 / 3');

      const rows = await readRows(page, '[data-table="thresholds"]');
      expect(rows.map((r) => [r.cells.expr, r.cells.result, r.cells.actual])).toEqual([
        ['checkout/browse-and-buy p95 < 300ms', 'pass', '9.90 ms'],
        ['* dropped == 0', 'fail', '42'],
        ['search/query > query p99 < 100ms', 'fail', '412 ms'],
      ]);
      expect(await page.$$eval('[data-table="thresholds"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-ok')))).toEqual(['true', 'false', 'false']);

      const overview = await readRows(page, '[data-table="overview"]');
      expect(overview.map((r) => r.cells.dropped)).toEqual(['37', '5']);
      // The failures chart gains a dropped series: 30 in second 4, 12 in second 6.
      const failures = '#timeline [data-chart="failures"]';
      expect(await texts(page, `${failures} .legend-item`)).toEqual(['failed iterations', 'failed requests', 'dropped iterations']);
      expect(await texts(page, `${failures} .series-2 title`)).toEqual(expect.arrayContaining(['dropped iterations at 4 s: 30', 'dropped iterations at 6 s: 12']));
    } finally {
      await context.close();
    }
  });
});

describe('hostile names', () => {
  /** The page, with or without its CSP: either way nothing runs and the markup reads as text. */
  async function expectInert(opened: Opened): Promise<void> {
    const { page } = opened;
    const result = makeHostileRunResult();
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(opened.requests).toEqual([opened.url]); // an <img src=x> would have asked for file:///…/x
    expect(await page.$$('img, iframe, object, embed, [onerror]')).toHaveLength(0);
    expect(await page.$$('script')).toHaveLength(2);
    expect(await page.evaluate("JSON.parse(document.getElementById('go-heavy-data').textContent)")).toEqual(result);

    expect(await page.title()).toBe(`go-heavy report · id ${HOSTILE_SCRIPT}`);
    expect(await page.textContent('#go-heavy-subtitle')).toBe(`Test id ${HOSTILE_SCRIPT} · 2026-11-25 10:00:00 UTC`);
    expect(await page.textContent('[data-detail="Test ID"]')).toBe(`id ${HOSTILE_SCRIPT}`);
    expect(await page.textContent('[data-banner="aborted"]')).toContain(`"abort ${HOSTILE_IMG}"`);
    expect(await texts(page, '[data-table="overview"] td[data-col="name"]')).toEqual([`shop/${HOSTILE_SCRIPT}`, HOSTILE_IMG]);
    expect(await page.textContent('#workflow-0 .workflow-head .label')).toBe(`shop/${HOSTILE_SCRIPT}`);
    expect(await page.textContent('#workflow-1 .workflow-head .label')).toBe(HOSTILE_IMG);

    const times = await readRows(page, '#workflow-0 [data-table="times"]');
    expect(times.map((r) => r.label)).toEqual(expect.arrayContaining([`step ${HOSTILE_IMG}`, `step ${HOSTILE_SCRIPT}`, `/cart/${HOSTILE_SCRIPT}`]));
    expect(times.map((r) => r.method)).toContain(HOSTILE_IMG);
    expect(await texts(page, '#workflow-0 .distribution option')).toContain(`${HOSTILE_IMG} /cart/${HOSTILE_SCRIPT} (step ${HOSTILE_SCRIPT})`);
    expect(await texts(page, '#workflow-0 [data-table="checks"] td[data-col="name"]')).toContain(`check ${HOSTILE_IMG}`);
    expect(await texts(page, '#workflow-0 [data-table="failure-reasons"] td[data-col="reason"]')).toEqual([`check: ${HOSTILE_SCRIPT}`, `Error: ${HOSTILE_IMG}`]);
    expect(await texts(page, '#workflow-0 [data-table="responses"] td[data-col="response"]')).toContain(`no response: ${HOSTILE_IMG}`);
    expect(await texts(page, '#workflow-1 [data-table="responses"] td[data-col="response"]')).toContain(`no response: ${HOSTILE_SCRIPT}`);
    expect(await texts(page, '[data-table="thresholds"] td[data-col="expr"]')).toEqual([`${HOSTILE_SCRIPT} p95 < 300ms`, `${HOSTILE_IMG} p99 < 1ms`]);
    // And a person sees the markup as text.
    expect(await page.locator('#workflow-0 .workflow-head .label').isVisible()).toBe(true);
    expect(await page.innerText('#workflow-0 [data-table="failure-reasons"]')).toContain(`check: ${HOSTILE_SCRIPT}`);
  }

  test('run nothing and show as text, even with the CSP bypassed (the renderer alone is safe)', async () => {
    const opened = await open(makeHostileRunResult(), { bypassCSP: true });
    try {
      await expectInert(opened);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  test("run nothing and show as text under the page's own CSP", async () => {
    const opened = await open(makeHostileRunResult());
    try {
      await expectInert(opened);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('window.goHeavy.render for live pages', () => {
  test('renders partial results again and again without errors, keeping the chosen distribution', async () => {
    const result = makeRunResult();
    const { page, context, errors } = await open({ ...result, workflows: [], timeline: [], thresholds: [] } as RunResult);
    try {
      expect(await page.textContent('#summary .empty')).toBe('No workflow has finished an iteration yet.');
      expect(await texts(page, '#timeline .empty')).toEqual(['No data yet.', 'No data yet.', 'No data yet.', 'No data yet.']);

      // What a dashboard would send while the run goes: a growing timeline, fields still missing.
      for (const seconds of [1, 2, 3]) {
        await page.evaluate(RENDER, {
          testId: result.testId,
          startedAt: result.startedAt,
          load: result.load,
          summary: { workflowsSucceeded: seconds * 600, requests: seconds * 1600 },
          timeline: TIMELINE.slice(0, seconds),
        });
        expect(await page.$$('#timeline [data-chart="throughput"] circle.point')).toHaveLength(3 * seconds);
        expect(await page.textContent('[data-tile="succeeded"] .tile-value')).toBe(String(seconds * 600));
        expect(await page.textContent('[data-tile="failed"] .tile-value')).toBe('-');
      }

      await page.evaluate(RENDER, result);
      await page.selectOption('#workflow-0 .distribution select', { label: 'step pay' });
      await page.evaluate(RENDER, result);
      expect(await page.$eval('#workflow-0 .distribution select', (s) => (s as unknown as { selectedOptions: El[] }).selectedOptions[0].textContent)).toBe('step pay');
      expect(await page.$$('#go-heavy-report > section')).toHaveLength(3 + result.workflows.length);

      // Nonsense does not break the page: the odd section says so, the others render.
      await page.evaluate(RENDER, { workflows: [null, 7], timeline: 'x' });
      expect(await page.$$('#go-heavy-report > section')).toHaveLength(5);
      expect(errors.filter((e) => !e.startsWith('console: go-heavy: could not render'))).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
