// The trend page of `go-heavy history --html` in a real browser: Debian's Chromium (installed by
// tools/system/ensure-system-deps.mjs, npm test's pretest) driven by playwright-core, as in
// html-report.browser.test.ts. Each page is written to a temp file and opened through file://.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openReportFile, type OpenedPage } from './helpers/chromium.js';
import { formatTrendValue, writeTrendReport, type Trend } from '../src/index.js';
import { HOSTILE_TREND_IMG, HOSTILE_TREND_SCRIPT, makeHostileTrends, makeTrends } from './helpers/trend-fixture.js';

jest.setTimeout(60_000);

let browser: Browser;
let dir: string;
let pages = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'go-heavy-trend-browser-'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Opened = OpenedPage;

async function open(trends: Trend[], options: { bypassCSP?: boolean; service?: string } = {}): Promise<Opened> {
  const file = join(dir, `trend-${++pages}.html`);
  await writeTrendReport(file, trends, { service: options.service ?? 'checkout' });
  return openReportFile(browser, file, options);
}

/** The little of a DOM element these tests read in the page (the package compiles without the DOM lib). */
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

const texts = (page: Page, selector: string) => page.$$eval(selector, (nodes) => nodes.map((n) => n.textContent ?? ''));

/** The body rows of the runs table of section `#trend-<i>`, each cell's text by data-col. */
function runRows(page: Page, i: number): Promise<Array<Record<string, string>>> {
  return page.$$eval(`#trend-${i} [data-table="runs"] tbody tr`, (rows) =>
    (rows as unknown as El[]).map((tr) => Object.fromEntries(Array.from(tr.querySelectorAll('td')).map((td: El) => [td.getAttribute('data-col') ?? '', td.textContent ?? '']))),
  );
}

/** The centres of the circles matching `selector`, as "cx,cy". */
const centres = (page: Page, selector: string) => page.$$eval(selector, (cs) => cs.map((c) => `${c.getAttribute('cx')},${c.getAttribute('cy')}`));

describe('the trend page in Chromium', () => {
  const trends = makeTrends();
  let opened: Opened;

  beforeAll(async () => {
    opened = await open(trends);
  });
  afterAll(async () => {
    await opened?.context.close();
  });

  test('loads nothing but its own file and logs no error (its script passes the CSP)', () => {
    expect(opened.requests).toEqual([opened.url]);
    expect(opened.errors).toEqual([]);
  });

  test('per workflow, an SVG line chart with one point per run and every regression marked', async () => {
    const { page } = opened;
    expect(await page.$$('#go-heavy-report > section.trend')).toHaveLength(trends.length);
    for (const [i, trend] of trends.entries()) {
      const chart = `#trend-${i} figure[data-chart="trend"]`;
      expect(await page.$$(`${chart} svg.chart-svg`)).toHaveLength(1);
      expect(await page.$$(`${chart} .series-0 path.line`)).toHaveLength(1);
      expect(await page.$$(`${chart} .series-0 circle.point`)).toHaveLength(trend.points.length);
      // The baseline: one point per run that has one (all but the first), dashed.
      expect(await page.$$(`${chart} .series-1 path.line.dashed`)).toHaveLength(1);
      expect(await page.$$(`${chart} .series-1 circle.point`)).toHaveLength(trend.points.filter((p) => p.baseline !== null).length);

      const regressions = trend.points.flatMap((p, j) => (p.regression ? [j] : []));
      expect(await page.$$(`${chart} circle.mark`)).toHaveLength(regressions.length);
      // Each mark sits on the point of its run, and is drawn red.
      const runPoints = await centres(page, `${chart} .series-0 circle.point`);
      expect(await centres(page, `${chart} circle.mark`)).toEqual(regressions.map((j) => runPoints[j]));
      if (regressions.length > 0) {
        expect(await page.$eval(`${chart} circle.mark`, (c) => (globalThis as unknown as { getComputedStyle(e: unknown): { fill: string } }).getComputedStyle(c).fill)).toBe('rgb(196, 43, 56)');
        expect(await texts(page, `${chart} .legend-item`)).toEqual(['p95', 'baseline (median of the previous 5)', 'regression']);
      } else {
        expect(await texts(page, `${chart} .legend-item`)).toEqual(['p95', 'baseline (median of the previous 5)']);
      }
    }
    // checkout/buy regressed twice: 90 ms over a 41.5 ms baseline, 60 ms over 43 ms.
    expect(await page.$$('#trend-0 circle.mark')).toHaveLength(2);
    expect(await texts(page, '#trend-0 circle.mark title')).toEqual([
      'regression: run 5 (2026-11-22 10:00:00 UTC), p95 90.0 ms, +116.9% from the baseline 41.5 ms',
      'regression: run 7 (2026-11-24 10:00:00 UTC), p95 60.0 ms, +39.5% from the baseline 43.0 ms',
    ]);
    // x: the runs labelled by their start date; y: durations.
    expect(await texts(page, '#trend-0 .axis-x text')).toEqual(trends[0]!.points.map((p) => p.startedAt.slice(0, 10)));
    expect(await texts(page, '#trend-0 .axis-y text')).toEqual(['0 ms', '20 ms', '40 ms', '60 ms', '80 ms', '100 ms']);
    expect(await texts(page, '#trend-0 .axis-title')).toEqual(['p95 latency', 'runs, oldest first (start time, UTC)']);
  });

  test("the runs table: started, commit, tags, value, baseline, change and regression match the trend's points", async () => {
    const { page } = opened;
    for (const [i, trend] of trends.entries()) {
      const rows = await runRows(page, i);
      expect(rows).toHaveLength(trend.points.length);
      for (const [j, p] of trend.points.entries()) {
        expect(rows[j]).toMatchObject({
          run: String(j + 1),
          started: `${p.startedAt.slice(0, 10)} ${p.startedAt.slice(11, 19)} UTC`,
          commit: p.commit!.slice(0, 10),
          tags: Object.entries(p.tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(' '),
          value: formatTrendValue(trend.stat, p.value),
          baseline: p.baseline === null ? '-' : formatTrendValue(trend.stat, p.baseline),
          regression: p.regression ? 'regression' : '',
        });
      }
      const flagged = await page.$$eval(`#trend-${i} [data-table="runs"] tbody tr`, (trs) => trs.map((tr) => tr.getAttribute('data-regression')));
      expect(flagged).toEqual(trend.points.map((p) => String(p.regression)));
    }
    expect((await runRows(page, 0)).map((r) => r.change)).toEqual(['-', '+5.0%', '0.0%', '+4.9%', '+116.9%', '+4.8%', '+39.5%']);
    expect(await page.getAttribute('#trend-0 [data-table="runs"] tbody tr:nth-child(5) [data-col="change"]', 'class')).toContain('worse');
  });

  test('the overview and the facts count the regressions and state the rule', async () => {
    const { page } = opened;
    const overview = await page.$$eval('[data-table="overview"] tbody tr', (rows) =>
      (rows as unknown as El[]).map((tr) => Array.from(tr.querySelectorAll('td')).map((td: El) => td.textContent ?? '')),
    );
    expect(overview).toEqual([
      ['checkout/buy', 'p95', '7', '60.0 ms', '43.0 ms', '2'],
      ['search/query', 'p95', '7', '12.0 ms', '12.2 ms', '0'],
    ]);
    expect(await page.textContent('#trend-0 [data-fact="regressions"]')).toBe('2 regressions');
    expect(await page.textContent('#trend-1 [data-fact="regressions"]')).toBe('0 regressions');
    expect(await page.textContent('#trend-0 [data-fact="rule"]')).toBe('baseline: median of the previous 5 runs; regression: more than 10% higher');
    expect(await page.textContent('#go-heavy-subtitle')).toBe('Service checkout · p95 · the last 7 runs');
  });
});

describe('hostile names', () => {
  async function expectInert(opened: Opened): Promise<void> {
    const { page } = opened;
    const trends = makeHostileTrends();
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(opened.requests).toEqual([opened.url]); // an <img src=x> would have asked for file:///…/x
    expect(await page.$$('img, iframe, object, embed, [onerror]')).toHaveLength(0);
    expect(await page.$$('script')).toHaveLength(2);
    expect(await page.evaluate("JSON.parse(document.getElementById('go-heavy-data').textContent)")).toEqual({ service: HOSTILE_TREND_SCRIPT, trends });

    expect(await page.title()).toBe(`go-heavy history · ${HOSTILE_TREND_SCRIPT}`);
    expect(await page.textContent('#trend-0 h2 .label')).toBe(`shop/${HOSTILE_TREND_IMG}`);
    expect(await page.textContent('#trend-0 figcaption')).toBe(`p95 of shop/${HOSTILE_TREND_IMG} over 4 runs`);
    expect(await texts(page, '[data-table="overview"] td[data-col="name"]')).toEqual([`shop/${HOSTILE_TREND_IMG}`]);
    const rows = await runRows(page, 0);
    expect(rows.map((r) => r.tags)).toEqual(Array(4).fill(`${HOSTILE_TREND_IMG}=${HOSTILE_TREND_SCRIPT} env=${HOSTILE_TREND_IMG}`));
    expect(rows[3]!.commit).toBe(HOSTILE_TREND_SCRIPT.slice(0, 10));
    expect(await page.$$('#trend-0 circle.mark')).toHaveLength(1);
    // And a person sees the markup as text.
    expect(await page.innerText('#trend-0 [data-table="runs"]')).toContain(`env=${HOSTILE_TREND_IMG}`);
  }

  test('run no script and show as text, even with the CSP bypassed (the renderer alone is safe)', async () => {
    const opened = await open(makeHostileTrends(), { bypassCSP: true, service: HOSTILE_TREND_SCRIPT });
    try {
      await expectInert(opened);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });

  test("run no script and show as text under the page's own CSP", async () => {
    const opened = await open(makeHostileTrends(), { service: HOSTILE_TREND_SCRIPT });
    try {
      await expectInert(opened);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
  });
});

describe('no runs', () => {
  test('an empty trend list and a workflow without runs say so', async () => {
    const opened = await open([{ name: 'checkout/buy', stat: 'p95', points: [] }]);
    try {
      expect(await texts(opened.page, '#trend-0 .empty')).toEqual(['No runs recorded.', 'No runs recorded.']);
      expect(opened.errors).toEqual([]);
    } finally {
      await opened.context.close();
    }
    const empty = await open([]);
    try {
      expect(await texts(empty.page, '#go-heavy-report .empty')).toEqual(['No runs recorded.']);
      expect(empty.errors).toEqual([]);
    } finally {
      await empty.context.close();
    }
  });
});
