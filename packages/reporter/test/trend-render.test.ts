import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { formatTrendValue, renderTrendReport, writeTrendReport } from '../src/index.js';
import { formatTrendValue as clientFormatTrendValue } from '../src/html/browser/trend.js';
import { TREND_SCRIPT } from '../src/html/browser-bundles.js';
import { HOSTILE_TREND_IMG, HOSTILE_TREND_SCRIPT, makeHostileTrends, makeTrends } from './helpers/trend-fixture.js';

function dataElementText(html: string): string {
  const start = html.indexOf('id="go-heavy-data">') + 'id="go-heavy-data">'.length;
  return html.slice(start, html.indexOf('</script', start));
}

describe('renderTrendReport', () => {
  test('one page: the trends embedded as JSON, the trend script allowed by its hash and nothing loaded', () => {
    const trends = makeTrends();
    const html = renderTrendReport(trends, { service: 'checkout' });
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<title>go-heavy history · checkout</title>');
    expect(html).toContain('<span class="subtitle" id="go-heavy-subtitle">Service checkout</span>');
    expect(html).toContain('<main id="go-heavy-report"></main>');
    expect(JSON.parse(dataElementText(html))).toEqual({ service: 'checkout', trends });
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain(`<script>${TREND_SCRIPT}</script>`);
    expect(html).not.toMatch(/<link|@import|url\(|src=/i);
    const hash = createHash('sha256').update(TREND_SCRIPT, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toBe(`default-src &#39;none&#39;; script-src &#39;sha256-${hash}&#39;; style-src &#39;unsafe-inline&#39;; img-src data:; base-uri &#39;none&#39;; form-action &#39;none&#39;`);
  });

  test('title and service are escaped; hostile names stay inside the data element', () => {
    const trends = makeHostileTrends();
    const html = renderTrendReport(trends, { title: 'Q4 <b>&', service: HOSTILE_TREND_SCRIPT });
    expect(html).toContain('<h1>Q4 &lt;b&gt;&amp;</h1>');
    expect(html).not.toContain(HOSTILE_TREND_SCRIPT);
    expect(html).not.toContain(HOSTILE_TREND_IMG);
    expect(html).not.toContain('<img');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(JSON.parse(dataElementText(html))).toEqual({ service: HOSTILE_TREND_SCRIPT, trends });
  });

  test('the script is valid JavaScript, cannot end its element early and never parses HTML', () => {
    expect(() => new Script(TREND_SCRIPT)).not.toThrow();
    expect(TREND_SCRIPT).not.toMatch(/<\/script|<!--/i);
    expect(TREND_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  test('the client writes values as the terminal table does', () => {
    // The page bundles the terminal's function itself, which also takes what a partial result holds.
    expect(clientFormatTrendValue).toBe(formatTrendValue);
    const client = { formatTrendValue: clientFormatTrendValue as (stat: string, value: unknown) => string };
    for (const stat of ['p50', 'p95', 'max', 'avg', 'error-rate', 'runs/s', 'runs']) {
      for (const value of [0, 0.0004, 0.5, 1, 9.995, 42.25, 999.6, 1234.5, 61499, 3_600_000]) {
        expect([stat, value, client.formatTrendValue(stat, value)]).toEqual([stat, value, formatTrendValue(stat, value)]);
      }
    }
    expect(client.formatTrendValue('p95', null)).toBe('-');
  });

  test('writeTrendReport creates the folders and writes the page, no temp file left', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'go-heavy-trend-'));
    try {
      const path = join(dir, 'a', 'b', 'trend.html');
      await writeTrendReport(path, makeTrends(), { service: 'checkout', title: 'nightly' });
      expect(await readFile(path, 'utf8')).toBe(renderTrendReport(makeTrends(), { service: 'checkout', title: 'nightly' }));
      expect(await readdir(join(dir, 'a', 'b'))).toEqual(['trend.html']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
