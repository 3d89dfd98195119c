import type { LoadDescription } from '@go-heavy/core';
import * as browserFormat from '../src/html/browser/format.js';
import { formatDuration } from '../src/format-duration.js';
import { formatCount, formatPercent, formatRate } from '../src/format-number.js';
import { formatProfile } from '../src/describe-load.js';
import { formatLoad, formatSchedulerLag } from '../src/format-run-header.js';
import { makeOpenRunResult, makeRunResult } from './helpers/run-result-fixture.js';

/** The browser's formatting functions, called with whatever a (partial) result holds. */
interface ClientFormat {
  formatDuration(ms: unknown, options?: { trim?: boolean }): string;
  formatCount(n: unknown): string;
  formatRate(n: unknown): string;
  formatPercent(part: unknown, whole: unknown): string;
  formatLoad(load: unknown): string;
  formatProfile(load: unknown): string;
  formatSchedulerLag(scheduler: unknown): string;
  formatStartedAt(iso: unknown): string;
}

/** The module the page's script is bundled from. */
const client = browserFormat as unknown as ClientFormat;

/** Edges of every tier of formatDuration, then a spread over 12 decades. */
const DURATIONS = [
  0,
  0.0001,
  0.0004,
  0.0005,
  0.5,
  0.9994,
  0.9995,
  0.9996,
  1,
  1.005,
  9.994,
  9.995,
  9.9951,
  10,
  99.94,
  99.95,
  99.96,
  999.4,
  999.5,
  1000,
  1004.9,
  1005,
  9995,
  59994,
  59995,
  60000,
  61499,
  125000,
  3599499,
  3599500,
  3600000,
  7323000,
  -1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  ...Array.from({ length: 3000 }, (_, i) => 10 ** (-4 + (i / 3000) * 12) * (1 + (i % 7) / 13)),
];

describe('the client formats numbers exactly as the console report', () => {
  test("durations and numbers are the console report's own functions, not copies", () => {
    expect(browserFormat.formatDuration).toBe(formatDuration);
    expect(browserFormat.formatCount).toBe(formatCount);
    expect(browserFormat.formatRate).toBe(formatRate);
    expect(browserFormat.formatPercent).toBe(formatPercent);
  });

  test('formatDuration, plain and trimmed', () => {
    for (const ms of DURATIONS) {
      expect([ms, client.formatDuration(ms)]).toEqual([ms, formatDuration(ms)]);
      expect([ms, client.formatDuration(ms, { trim: true })]).toEqual([ms, formatDuration(ms, { trim: true })]);
    }
  });

  test('formatCount, formatRate, formatPercent', () => {
    for (const n of [0, 1, 2.5, 499.44, 499.45, 14953, 1e9, -3, Number.NaN]) {
      expect(client.formatCount(n)).toBe(formatCount(n));
      expect(client.formatRate(n)).toBe(formatRate(n));
      // The client is stricter: NaN reads 0.0% rather than NaN%.
      if (Number.isFinite(n)) expect(client.formatPercent(n, 14973)).toBe(formatPercent(n, 14973));
    }
    expect(client.formatPercent(3, 0)).toBe(formatPercent(3, 0));
  });

  test('formatLoad and formatSchedulerLag', () => {
    const loads: LoadDescription[] = [
      makeRunResult().load,
      makeOpenRunResult().load,
      { ...makeRunResult().load, users: 1, durationMs: null, iterations: 100 },
      { ...makeRunResult().load, iterations: 50 },
      { ...makeOpenRunResult().load, maxUsers: null, durationMs: 90000 },
    ];
    for (const load of loads) expect(client.formatLoad(load)).toBe(formatLoad(load));
    const scheduler = makeOpenRunResult().scheduler!;
    expect(client.formatSchedulerLag(scheduler)).toBe(formatSchedulerLag(scheduler));
  });

  test('missing values read "-" instead of throwing (a live page renders partial results)', () => {
    expect(client.formatDuration(undefined)).toBe('-');
    expect(client.formatDuration(null)).toBe('-');
    expect(client.formatCount(undefined)).toBe('-');
    expect(client.formatRate(null)).toBe('-');
    expect(client.formatLoad(undefined)).toBe('-');
    expect(client.formatProfile({})).toBe('-');
    expect(client.formatStartedAt(undefined)).toBe('-');
  });
});

describe('the load in words', () => {
  test("the page describes the load with the console summary's own functions", () => {
    expect(browserFormat.formatProfile).toBe(formatProfile);
    expect(browserFormat.formatLoad).toBe(formatLoad);
  });
});

describe('client-only wording', () => {
  test('the profile as ramps and holds', () => {
    expect(client.formatProfile(makeRunResult().load)).toBe('from 12 users: hold 12 users for 10 s');
    expect(client.formatProfile(makeOpenRunResult().load)).toBe('from 0/s: ramp to 500/s over 2 s, hold 500/s for 8 s');
  });

  test('the start time in UTC', () => {
    expect(client.formatStartedAt('2026-11-25T10:00:00.000Z')).toBe('2026-11-25 10:00:00 UTC');
  });
});
