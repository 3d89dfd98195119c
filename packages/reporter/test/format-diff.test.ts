import type { RunDiff, StatChange } from '@go-heavy/core';
import { formatDiff } from '../src/format-diff.js';
import { stripAnsi } from '../src/color.js';
import { visibleWidth } from '../src/text-width.js';

const change = (stat: StatChange['stat'], a: number, b: number, extra: Partial<StatChange> = {}): StatChange => {
  const higherIsBetter = stat === 'runs' || stat === 'runs/s';
  return { stat, a, b, delta: b - a, pct: a === 0 ? null : ((b - a) / a) * 100, verdict: b === a ? 'same' : b > a !== higherIsBetter ? 'worse' : 'better', ...extra };
};

const DIFF: RunDiff = {
  schemaVersion: 1,
  a: { source: 'a.json', testId: 'ta', startedAt: '2026-11-30T08:00:00.000Z', durationMs: 10_000, requests: 2000, load: 'closed model: 2 users, 10 s' },
  b: { source: 'b.json', testId: 'tb', startedAt: '2026-11-30T09:00:00.000Z', durationMs: 10_000, requests: 1990 },
  rows: [
    { level: 'workflow', workflow: 'shop/buy', presence: 'both', changes: [change('runs', 1000, 995, { noise: true }), change('p95', 20, 21, { noise: true })] },
    { level: 'step', workflow: 'shop/buy', step: 'search', presence: 'both', changes: [change('runs', 1000, 995, { noise: true }), change('p95', 10, 40, { noise: false })] },
    {
      level: 'request',
      workflow: 'shop/buy',
      step: 'search',
      request: 'GET /search',
      method: 'GET',
      endpoint: '/search',
      presence: 'both',
      changes: [change('runs', 1000, 995, { noise: true }), change('p95', 10, 40, { noise: false }), change('p50', 8, 4, { noise: false })],
    },
    { level: 'request', workflow: 'shop/buy', step: 'search', request: 'GET /old', method: 'GET', endpoint: '/old', presence: 'a-only', changes: [] },
  ],
  gates: [{ expr: 'p95 +50%', stat: 'p95', bound: 50, unit: '%', ok: false, failures: [{ row: 'shop/buy › search › GET /search', change: change('p95', 10, 40) }] }],
};

describe('formatDiff', () => {
  it('lays the changes out in the complete report’s tables, lists what got worse, the one-sided rows and the bounds', () => {
    const text = formatDiff(DIFF, { width: 120 });
    expect(text).toContain('workflow shop/buy');
    expect(text).toMatch(/^ {8}GET \/search +≈-5 -0\.5%/m);
    expect(text).toMatch(/^ {8}GET \/old +only in a$/m);
    expect(text).toMatch(/^ {2}shop\/buy › search › GET \/search +P95 +10\.0 ms +→ +40\.0 ms +\+30\.0 ms +\+300\.0%$/m);
    // The P50 got better: not in the list of what got worse.
    expect(text).not.toMatch(/GET \/search +P50 /);
    expect(text).toMatch(/^ {2}only in a {2}request shop\/buy › search › GET \/old$/m);
    expect(text).toMatch(/^ {2}FAILED {2}p95 \+50% {2}\(1 past the bound\)\n {10}shop\/buy › search › GET \/search: 10\.0 ms → 40\.0 ms \(\+30\.0 ms, \+300\.0%\)$/m);
  });

  it('paints worse red, better green, noise dim with ≈, and the same text without colour', () => {
    const colored = formatDiff(DIFF, { width: 120, color: true });
    expect(colored).toContain('\u001b[31m+30.0 ms +300.0%\u001b[39m');
    expect(colored).toContain('\u001b[32m-4.00 ms -50.0%\u001b[39m');
    expect(colored).toContain('\u001b[2m≈+1.00 ms +5.0%\u001b[22m');
    expect(stripAnsi(colored)).toBe(formatDiff(DIFF, { width: 120 }));
  });

  it('keeps every line within the width', () => {
    for (const width of [40, 60, 100]) {
      for (const line of formatDiff(DIFF, { width }).split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
  });
});
