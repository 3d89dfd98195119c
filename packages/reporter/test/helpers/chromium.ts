import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, installed by tools/system/ensure-system-deps.mjs (npm test's pretest). */
const CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium as this machine needs it: no sandbox (root), and none of the background
 * connections the closed network would refuse.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: run \`node tools/system/ensure-system-deps.mjs\` (npm test's pretest) to install it`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of a file opened for a test, with what it asked for and what went wrong. */
export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  url: string;
  /** Every URL the page asked for. */
  requests: string[];
  /** Uncaught errors and console errors (a CSP violation is one). */
  errors: string[];
}

/**
 * Opens a report file written by a test and waits until its renderer finished;
 * `bypassCSP` tests the renderer without the page's policy.
 */
export async function openReportFile(browser: Browser, file: string, options: { bypassCSP?: boolean } = {}): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: options.bypassCSP ?? false });
  const page = await context.newPage();
  const opened: OpenedPage = { page, context, url: pathToFileURL(file).href, requests: [], errors: [] };
  page.on('request', (r) => opened.requests.push(r.url()));
  page.on('pageerror', (e) => opened.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') opened.errors.push(`console: ${m.text()}`);
  });
  await page.goto(opened.url);
  await page.waitForSelector('#go-heavy-report[data-rendered]');
  return opened;
}
