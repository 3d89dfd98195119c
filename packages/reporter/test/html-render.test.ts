import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { builtinReporters, htmlReporter, renderHtmlReport, writeHtmlReport } from '../src/index.js';
import { REPORT_SCRIPT as CLIENT_SCRIPT } from '../src/html/browser-bundles.js';
import { HOSTILE_SCRIPT, makeHostileRunResult, makeRunResult } from './helpers/run-result-fixture.js';

/** The text of the element `<script …id="go-heavy-data">…</script>`, the way an HTML parser ends it. */
function dataElementText(html: string): string {
  const start = html.indexOf('id="go-heavy-data">') + 'id="go-heavy-data">'.length;
  return html.slice(start, html.indexOf('</script', start));
}

describe('renderHtmlReport', () => {
  test('one page: doctype, charset, inline style and script, the data as JSON, a noscript line', () => {
    const result = makeRunResult();
    const html = renderHtmlReport(result);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>go-heavy report · gh-20261125-100000-7f3a</title>');
    expect(html).toContain('<main id="go-heavy-report"></main>');
    expect(html).toContain('<noscript>');
    expect(JSON.parse(dataElementText(html))).toEqual(result);
    // Exactly two scripts: the data and the renderer; nothing loaded from elsewhere.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).not.toMatch(/<link|@import|url\(|src=/i);
  });

  test('the title is escaped', () => {
    const html = renderHtmlReport(makeRunResult(), { title: 'Q4 <b>"peak"</b> & more' });
    expect(html).toContain('<h1>Q4 &lt;b&gt;&quot;peak&quot;&lt;/b&gt; &amp; more</h1>');
    expect(html).toContain('<title>Q4 &lt;b&gt;&quot;peak&quot;&lt;/b&gt; &amp; more · gh-20261125-100000-7f3a</title>');
  });

  test('hostile names stay inside the data element, escaped, and parse back', () => {
    const result = makeHostileRunResult();
    const html = renderHtmlReport(result);
    expect(html).not.toContain(HOSTILE_SCRIPT);
    expect(html).not.toContain('<img');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(JSON.parse(dataElementText(html))).toEqual(result);
    expect(html).toContain('<title>go-heavy report · id &lt;script&gt;window.__pwned=1&lt;/script&gt;</title>');
  });

  test('the Content-Security-Policy allows only the report script, by its hash, and no loads', () => {
    const html = renderHtmlReport(makeRunResult());
    const hash = createHash('sha256').update(CLIENT_SCRIPT, 'utf8').digest('base64');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain('default-src &#39;none&#39;');
    expect(csp).toContain(`script-src &#39;sha256-${hash}&#39;`);
    expect(html).toContain(`<script>${CLIENT_SCRIPT}</script>`);
  });
});

describe('the client script', () => {
  test('is valid JavaScript that cannot end its element early', () => {
    expect(() => new Script(CLIENT_SCRIPT)).not.toThrow();
    expect(CLIENT_SCRIPT).not.toMatch(/<\/script|<!--/i);
  });

  test('builds content only through text nodes and attributes, never by parsing HTML', () => {
    expect(CLIENT_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });
});

describe('writeHtmlReport and htmlReporter', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'go-heavy-html-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('writeHtmlReport creates the folders and leaves no temp file', async () => {
    const result = makeRunResult();
    const path = join(dir, 'reports', 'today', 'report.html');
    await writeHtmlReport(path, result, { title: 'nightly' });
    expect(await readFile(path, 'utf8')).toBe(renderHtmlReport(result, { title: 'nightly' }));
    expect(await readdir(join(dir, 'reports', 'today'))).toEqual(['report.html']);
  });

  test('a failed write rejects and leaves no temp file', async () => {
    const path = join(dir, 'taken');
    await mkdir(join(path, 'not-empty'), { recursive: true }); // a folder cannot be renamed over
    await expect(writeHtmlReport(path, makeRunResult())).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
  });

  test('the reporter is named html and writes the report at onEnd, replacing an old one', async () => {
    const path = join(dir, 'out', 'report.html');
    await mkdir(join(dir, 'out'));
    await writeFile(path, 'old');
    const reporter = htmlReporter({ path });
    expect(reporter.name).toBe('html');
    expect(reporter.onProgress).toBeUndefined();
    const result = makeRunResult();
    await reporter.onEnd!(result);
    expect(await readFile(path, 'utf8')).toBe(renderHtmlReport(result));
  });

  test('is the built-in reporter "html"', () => {
    expect(builtinReporters.html).toBe(htmlReporter);
    expect(builtinReporters.html({ path: join(dir, 'r.html') }).name).toBe('html');
  });
});
