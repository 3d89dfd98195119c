// Custom metrics and request tags in the HTML report, in a real browser (see html-report.browser.test.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeHtmlReport } from '../src/index.js';
import { makeCustomMetricsResult } from './helpers/custom-metrics-fixture.js';
import { makeRunResult } from './helpers/run-result-fixture.js';
import { launchChromium, openReportFile, type OpenedPage } from './helpers/chromium.js';

jest.setTimeout(60_000);

/** The little of a DOM element read in the page (the package compiles without the DOM lib). */
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<El>;
}

let browser: Browser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'go-heavy-html-metrics-'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function open(name: string, result: Parameters<typeof writeHtmlReport>[1]): Promise<OpenedPage> {
  const file = join(dir, `${name}.html`);
  await writeHtmlReport(file, result);
  return openReportFile(browser, file);
}

describe('custom metrics and tags in the HTML report', () => {
  it("shows each workflow's metrics at their level with their kind's stats, and tagged requests with their tags", async () => {
    const opened = await open('metrics', makeCustomMetricsResult());
    try {
      const { page } = opened;
      expect(opened.errors).toEqual([]);
      const rows = await page.$$eval('[data-workflow="0"] [data-table="custom-metrics"] tbody tr', (trs) =>
        (trs as unknown as El[]).map((tr) => [tr.getAttribute('data-level'), ...Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())]),
      );
      expect(rows).toEqual([
        ['workflow', 'workflow', 'results per page', 'trend', '5000', '-', '-', '0', '11.2', '10', '24', '24', '50', '50'],
        ['workflow', 'workflow', 'orders', 'counter', '4998', '499.2', '-', '-', '-', '-', '-', '-', '-', '-'],
        ['workflow', 'workflow', 'cart ok', 'rate', '4998', '-', '99.8% (4987 true)', '-', '-', '-', '-', '-', '-', '-'],
        ['step', 'step open home', 'results per page', 'trend', '5000', '-', '-', '0', '11.2', '10', '24', '24', '50', '50'],
        ['step', 'step add to cart', 'orders', 'counter', '4998', '499.2', '-', '-', '-', '-', '-', '-', '-', '-'],
        ['step', 'step add to cart', 'cart ok', 'rate', '4998', '-', '99.8% (4987 true)', '-', '-', '-', '-', '-', '-', '-'],
      ]);
      // The second workflow recorded none: no table.
      expect(await page.$('[data-workflow="1"] [data-table="custom-metrics"]')).toBeNull();
      const tagged = await page.$$eval('[data-workflow="0"] [data-table="times"] tr[data-level="request"] td[data-col="name"]', (tds) =>
        (tds as unknown as El[]).map((td) => td.getAttribute('title')),
      );
      expect(tagged).toContain('GET / {kind=home}');
      const byTag = await page.$$eval('[data-workflow="0"] [data-table="tagged"] tbody tr', (trs) =>
        (trs as unknown as El[]).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
      );
      expect(byTag).toEqual([['{kind=home}', '5000', '0', '499.4', '400 µs', '1.01 ms', '900 µs', '1.61 ms', '3.31 ms', '12.6 ms']]);
      expect(await page.$('[data-workflow="1"] [data-table="tagged"]')).toBeNull();
    } finally {
      await opened.context.close();
    }
  });

  it('has no custom metrics table when the run recorded none', async () => {
    const opened = await open('plain', makeRunResult());
    try {
      expect(await opened.page.$('[data-table="custom-metrics"]')).toBeNull();
    } finally {
      await opened.context.close();
    }
  });
});
