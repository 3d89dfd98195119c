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

  it('colours only when asked, with the same text', () => {
    const plain = formatTrends(trends);
    const coloured = formatTrends(trends, { color: true });
    expect(coloured).not.toBe(plain);
    expect(stripAnsi(coloured)).toBe(plain);
  });
});
