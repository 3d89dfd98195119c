// `go-heavy history --html`: runs recorded through the built CLI against a real server, the last
// one slower, then the trend page written by `history` and opened in Debian's Chromium
// (playwright-core) through file://, as a user opens it.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { launchChromium } from './support/chromium.js';
import { runCli } from './support/cli.js';
import { historyProject } from './support/history-project.js';

jest.setTimeout(120_000);

// Each iteration asks the server for /fast and then waits: 100 ms, or 400 ms when SLOW is set,
// so the workflow's p95 is about 100 ms in the usual runs and 4 times that in the slow one.
const PAY = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('pay', async () => {
      const res = await ctx.http.get('/fast', { name: '/pay' });
      ctx.check(res.status === 200, 'paid');
      await ctx.sleep(ctx.env.SLOW === '1' ? 400 : 100);
    });
  },
});
`;

interface TrendData {
  service: string | null;
  trends: Array<{ name: string; stat: string; points: Array<{ value: number; baseline: number | null; regression: boolean; tags: Record<string, string> }> }>;
}

describe('go-heavy history --html', () => {
  const fixture = historyProject(PAY, 'go-heavy-history-html-');
  const { root, out, history } = fixture;

  it('flags the slow last run in the terminal and draws it as the one regression of the trend page', async () => {
    const runs = [{ slow: false }, { slow: false }, { slow: false }, { slow: true }];
    for (const [i, { slow }] of runs.entries()) {
      const res = await runCli(['run', 'checkout/pay', '--root', root, '--quiet', '--users', '2', '--iterations', '10', '--history', history, '--tag', `build=${i + 1}`], {
        env: { BASE_URL: fixture.target.url, SLOW: slow ? '1' : '0' },
      });
      expect([res.code, res.stderr]).toEqual([0, '']);
    }
    expect(fixture.target.stats.byPath.get('GET /fast')).toBe(40);

    const shown = await runCli(['history', 'checkout', '--root', root, '--history', history, '--stat', 'p95', '--tolerance', '60', '--html', 'trend.html'], { cwd: out });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('checkout/pay  p95');
    expect(shown.stdout).toContain('1 regression');
    expect(shown.stdout).not.toContain('1 regressions');
    // The regression is the last run's row.
    const rows = shown.stdout.split('\n').filter((line) => /build=\d/.test(line));
    expect(rows.map((line) => /build=(\d)/.exec(line)![1])).toEqual(['1', '2', '3', '4']);
    expect(rows.map((line) => line.trimEnd().endsWith('regression'))).toEqual([false, false, false, true]);
    expect(shown.stderr).toBe('go-heavy: HTML trend report written to trend.html\n');

    const file = path.join(out, 'trend.html');
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    const json = /<script type="application\/json" id="go-heavy-data">([^<]*)<\/script>/.exec(html)?.[1];
    const data = JSON.parse(json!) as TrendData;
    expect(data.service).toBe('checkout');
    expect(data.trends.map((t) => [t.name, t.stat])).toEqual([['checkout/pay', 'p95']]);
    const points = data.trends[0]!.points;
    expect(points).toHaveLength(4);
    expect(points.map((p) => p.tags.build)).toEqual(['1', '2', '3', '4']);
    expect(points.map((p) => p.regression)).toEqual([false, false, false, true]);
    expect(points[0]!.baseline).toBeNull();
    expect(points[3]!.baseline).toBeGreaterThanOrEqual(100);
    expect(points[3]!.value).toBeGreaterThan(2 * points[3]!.baseline!);

    // In the browser: one point per run, the one regression marked, nothing loaded, no error.
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const url = pathToFileURL(file).href;
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(url);
      await page.waitForSelector('#go-heavy-report[data-rendered]');
      expect(await page.$$('#trend-0 figure[data-chart="trend"] .series-0 circle.point')).toHaveLength(4);
      expect(await page.$$('#trend-0 circle.mark')).toHaveLength(1);
      expect(await page.$$eval('#trend-0 [data-table="runs"] tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-regression')))).toEqual(['false', 'false', 'false', 'true']);
      expect(await page.textContent('#trend-0 [data-fact="regressions"]')).toBe('1 regression');
      expect(requests).toEqual([url]);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
