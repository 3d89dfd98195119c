import { formatTrends, sparkline } from '../src/format-trend.js';
import { stripAnsi } from '../src/color.js';

describe('sparkline', () => {
  it('maps the lowest value to ▁ and the highest to █', () => {
    expect(sparkline([1, 2, 3, 4, 5, 6, 7, 8])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([10, 10, 10])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
  });
});

describe('formatTrends', () => {
  const point = (day: number, value: number, regression = false) => ({
    startedAt: `2026-11-${day}T10:00:00.000Z`,
    commit: `c0ffee${day}abcdef`,
    tags: { env: 'staging' },
    value,
    baseline: null,
    regression,
  });
  const trends = [{ name: 'checkout/buy', stat: 'p95', points: [point(20, 40), point(21, 42), point(22, 90, true)] }];

  it('shows each run with its commit, tags and value, and marks regressions', () => {
    const text = formatTrends(trends, { width: 80 });
    expect(text).toContain('checkout/buy  p95');
    expect(text).toContain('▁▁█');
    expect(text).toMatch(/2026-11-22 10:00:00 +c0ffee22ab +env=staging +90\.0 ms +regression/);
    expect(text).toContain('1 regression');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("shows each run's load, and where the load changed instead of a regression", () => {
    const a = 'closed model: 5 users, 30 s';
    const b = 'closed model: 20 users, 30 s';
    const text = formatTrends(
      [
        {
          name: 'checkout/buy',
          stat: 'p95',
          points: [
            { ...point(20, 40), load: a },
            { ...point(21, 95), load: b, loadChanged: true },
            { ...point(22, 90, true), load: a, loadChanged: true },
          ],
        },
      ],
      { width: 120 },
    );
    expect(text).toMatch(/started +commit +tags +load +p95/);
    expect(text).toMatch(/2026-11-20 10:00:00 +c0ffee20ab +env=staging +A +40\.0 ms\n/);
    expect(text).toMatch(/2026-11-21 10:00:00 +c0ffee21ab +env=staging +B +95\.0 ms +load changed\n/);
    expect(text).toMatch(/2026-11-22 10:00:00 +c0ffee22ab +env=staging +A +90\.0 ms +regression, load changed\n/);
    expect(text).toContain('  loads A  closed model: 5 users, 30 s\n        B  closed model: 20 users, 30 s\n');
    expect(text).toContain('1 regression');
    expect(text).toContain('the load changed 2 times: each run is compared only with the runs before it made with the same load');
  });

  it('colours only when asked, with the same text', () => {
    const plain = formatTrends(trends);
    const coloured = formatTrends(trends, { color: true });
    expect(coloured).not.toBe(plain);
    expect(stripAnsi(coloured)).toBe(plain);
  });
});
