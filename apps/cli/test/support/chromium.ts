import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
