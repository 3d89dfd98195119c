import type { ProgressUpdate } from '@go-heavy/core';
import { consoleReporter } from '../src/console-reporter.js';
import { progressReporter } from '../src/progress-reporter.js';
import { formatFullReport } from '../src/format-full-report.js';
import { formatProgressLine } from '../src/format-progress.js';
import { formatSummary } from '../src/format-summary.js';
import { makeRunResult } from './helpers/run-result-fixture.js';
import { ANSI, widestLine } from './helpers/text.js';

const result = makeRunResult();

function update(over: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    elapsedSec: 12,
    totalSec: 60,
    succeeded: 1204,
    failed: 3,
    dropped: 0,
    requests: 3612,
    point: { t: 12, started: 100, dropped: 0, iterations: 100, failed: 0, requests: 300, errors: 0, p50: 4.12, p99: 21.3, max: 88, users: 12 },
    view: () => result,
    snapshot: () => result,
    ...over,
  };
}

/** A reporter writing into an array. */
function capture(options: Parameters<typeof consoleReporter>[0] = {}) {
  const out: string[] = [];
  return { out, reporter: consoleReporter({ write: (s) => out.push(s), ...options }) };
}

const PROGRESS = /^\[ *\d+s\] ✔ \d+ ✘ \d+ \(\d+\/s\) p50: [\d.]+(µs|ms|s) p99: [\d.]+(µs|ms|s) max: [\d.]+(µs|ms|s) users: \d+ dropped: \d+$/;

describe('formatProgressLine', () => {
  test("f1's form", () => {
    const line = formatProgressLine(update());
    expect(line).toBe('[ 12s] ✔ 1204 ✘ 3 (100/s) p50: 4.1ms p99: 21ms max: 88ms users: 12 dropped: 0');
    expect(line).toMatch(PROGRESS);
  });

  test('other magnitudes still match the form', () => {
    const line = formatProgressLine(
      update({
        elapsedSec: 1234,
        dropped: 5,
        point: { ...update().point, iterations: 2, p50: 0.42, p99: 1.5, max: 2345, users: 200 },
      }),
    );
    expect(line).toBe('[1234s] ✔ 1204 ✘ 3 (2/s) p50: 420µs p99: 1.5ms max: 2.3s users: 200 dropped: 5');
    expect(line).toMatch(PROGRESS);
  });
});

describe('consoleReporter', () => {
  test('onEnd writes the summary and a newline', async () => {
    const { out, reporter } = capture({ width: 80 });
    expect(reporter.name).toBe('console');
    await reporter.onEnd!(result);
    expect(out).toEqual([`${formatSummary(result, { width: 80 })}\n`]);
    expect(out[0]).not.toMatch(ANSI);
    expect(widestLine(out[0])).toBeLessThanOrEqual(80);
  });

  test('full writes the complete report', async () => {
    const { out, reporter } = capture({ full: true, width: 120 });
    await reporter.onEnd!(result);
    expect(out).toEqual([`${formatFullReport(result, { width: 120 })}\n`]);
    expect(out[0]).toContain('POST /cart/{id}');
  });

  test('color: true colours the report', async () => {
    const { out, reporter } = capture({ color: true });
    await reporter.onEnd!(result);
    expect(out[0]).toMatch(ANSI);
  });

  test('without a write function and colour, output goes to stdout, plain when not a terminal', async () => {
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await consoleReporter({ color: false, width: 70 }).onEnd!(result);
      expect(spy).toHaveBeenCalledWith(`${formatSummary(result, { width: 70 })}\n`);
    } finally {
      spy.mockRestore();
    }
  });

  test('no progress hook unless asked', () => {
    expect(capture().reporter.onProgress).toBeUndefined();
    expect(capture({ progress: false }).reporter.onProgress).toBeUndefined();
  });

  test('progress: one plain line per update', () => {
    const { out, reporter } = capture({ progress: true, color: true });
    reporter.onProgress!(update());
    reporter.onProgress!(update({ elapsedSec: 13, succeeded: 1305 }));
    expect(out).toHaveLength(2);
    for (const line of out) {
      expect(line.endsWith('\n')).toBe(true);
      expect(line).not.toMatch(ANSI);
      expect(line.trimEnd()).toMatch(PROGRESS);
    }
    expect(out[1]).toMatch(/^\[ 13s\] ✔ 1305 /);
  });
});

describe('progressReporter', () => {
  it('writes only progress lines, and nothing at the end', async () => {
    const out: string[] = [];
    const reporter = progressReporter({ write: (s) => out.push(s) });
    reporter.onProgress!(update());
    expect(reporter.onEnd).toBeUndefined();
    expect(out).toEqual([`${formatProgressLine(update())}\n`]);
  });
});
