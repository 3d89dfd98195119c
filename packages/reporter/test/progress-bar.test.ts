import type { ProgressUpdate } from '@go-heavy/core';
import { stripAnsi } from '../src/color.js';
import { formatClock, formatProgressBar } from '../src/format-progress-bar.js';
import { formatProgressFigures, formatProgressLine } from '../src/format-progress.js';
import { progressReporter } from '../src/progress-reporter.js';
import { visibleWidth } from '../src/text-width.js';
import { ANSI } from './helpers/text.js';

function update(over: Partial<ProgressUpdate> = {}): ProgressUpdate {
  return {
    elapsedSec: 15,
    totalSec: 60,
    succeeded: 1204,
    failed: 3,
    dropped: 0,
    requests: 3612,
    point: { t: 15, started: 100, dropped: 0, iterations: 100, failed: 0, requests: 300, errors: 0, p50: 4.12, p99: 21.3, max: 88, users: 12 },
    view: () => {
      throw new Error('progress lines never need the results so far');
    },
    snapshot: () => {
      throw new Error('progress lines never need the full results');
    },
    ...over,
  };
}

/** The bar of a line: its leading run of █ and ░. */
function barOf(line: string): { filled: number; empty: number } {
  const bar = /^(█*)(░*)/.exec(stripAnsi(line))!;
  return { filled: [...bar[1]!].length, empty: [...bar[2]!].length };
}

describe('formatProgressBar', () => {
  test('bar, percentage, elapsed / planned time, then the figures of the plain line', () => {
    const line = formatProgressBar(update(), { width: 200 });
    expect(line).toBe(`${'█'.repeat(10)}${'░'.repeat(30)}  25% 15s / 1m00s  ${formatProgressFigures(update())}`);
    expect(line).not.toMatch(ANSI);
  });

  test.each([0, 6, 15, 30, 45, 59, 60])('the bar is filled in proportion to elapsed / total (%ss of 60s)', (elapsedSec) => {
    const { filled, empty } = barOf(formatProgressBar(update({ elapsedSec }), { width: 200 }));
    expect(filled + empty).toBe(40);
    expect(filled).toBe(Math.round((elapsedSec / 60) * 40));
  });

  test('past the planned end (the graceful stop) the bar stays full and the time stops at the total', () => {
    const line = formatProgressBar(update({ elapsedSec: 61.2 }), { width: 200 });
    expect(barOf(line)).toEqual({ filled: 40, empty: 0 });
    expect(line).toContain('100% 1m00s / 1m00s');
  });

  test('the bar shrinks with the width, down to 10 columns, keeping its proportion', () => {
    const figures = visibleWidth(formatProgressFigures(update()));
    const time = ' 25% 15s / 1m00s'.length;
    const line = formatProgressBar(update(), { width: figures + time + 3 + 20 });
    expect(barOf(line)).toEqual({ filled: 5, empty: 15 });
    expect(visibleWidth(line)).toBe(figures + time + 3 + 20);
    expect(barOf(formatProgressBar(update(), { width: 60 }))).toEqual({ filled: 3, empty: 7 });
  });

  test.each([0, 1, 5, 10, 20, 40, 60, 79, 80, 99, 120, 300])('never wider than the width (%i columns), with or without colour', (width) => {
    for (const color of [false, true]) {
      for (const u of [update(), update({ totalSec: null }), update({ elapsedSec: 3725, totalSec: 7200, failed: 120 })]) {
        const line = formatProgressBar(u, { width, color });
        expect(visibleWidth(line)).toBeLessThanOrEqual(width);
        expect(line).not.toContain('\n');
      }
    }
  });

  test('colour paints the bar and a non-zero failed count; the text is the same', () => {
    const plain = formatProgressBar(update(), { width: 120 });
    const colored = formatProgressBar(update(), { width: 120, color: true });
    expect(colored).toMatch(ANSI);
    expect(stripAnsi(colored)).toBe(plain);
  });

  test('without a planned length (a run of iterations): the elapsed time and the figures, no bar', () => {
    const line = formatProgressBar(update({ totalSec: null, elapsedSec: 75 }), { width: 200 });
    expect(line).toBe(`elapsed 1m15s  ${formatProgressFigures(update())}`);
  });
});

describe('formatClock', () => {
  test.each([
    [0, '0s'],
    [9.4, '9s'],
    [59, '59s'],
    [65, '1m05s'],
    [3723, '1h02m03s'],
    [-1, '0s'],
    [Number.NaN, '0s'],
  ])('%s s → %s', (sec, text) => expect(formatClock(sec)).toBe(text));
});

describe('progressReporter', () => {
  test('not a terminal: one plain line per update, no escape sequences, no carriage return', () => {
    const out: string[] = [];
    const reporter = progressReporter({ write: (s) => out.push(s), tty: false, color: true, width: 30 });
    reporter.onProgress!(update());
    reporter.onProgress!(update({ elapsedSec: 16 }));
    void reporter.onEnd?.({} as never);
    expect(out).toEqual([`${formatProgressLine(update())}\n`, `${formatProgressLine(update({ elapsedSec: 16 }))}\n`]);
    expect(out.join('')).not.toMatch(/[\u001b\r]/); // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose
  });

  test('the default is the plain form (tty unset)', () => {
    const out: string[] = [];
    progressReporter({ write: (s) => out.push(s) }).onProgress!(update());
    expect(out).toEqual([`${formatProgressLine(update())}\n`]);
  });

  test('a terminal: the bar redrawn in place, never wrapping, erased at the end', () => {
    const out: string[] = [];
    const reporter = progressReporter({ write: (s) => out.push(s), tty: true, width: 80 });
    reporter.onProgress!(update());
    reporter.onProgress!(update({ elapsedSec: 16 }));
    void reporter.onEnd!({} as never);
    expect(out).toHaveLength(3);
    for (const text of out.slice(0, 2)) {
      expect(text.startsWith('\r\u001b[2K')).toBe(true);
      expect(text).not.toContain('\n');
      // One column short of the terminal, so the cursor never wraps to the next line.
      expect(visibleWidth(text.slice('\r\u001b[2K'.length))).toBeLessThanOrEqual(79);
    }
    expect(out[1]).toBe(`\r\u001b[2K${formatProgressBar(update({ elapsedSec: 16 }), { width: 79 })}`);
    expect(out[2]).toBe('\r\u001b[2K');
  });

  test('a terminal: the width is read at each update when given as a function; colour only when asked', () => {
    const out: string[] = [];
    let columns = 120;
    const reporter = progressReporter({ write: (s) => out.push(s), tty: true, width: () => columns, color: true });
    reporter.onProgress!(update());
    columns = 50;
    reporter.onProgress!(update());
    expect(out[0]).toMatch(ANSI);
    const shown = out.map((s) => visibleWidth(s.slice('\r\u001b[2K'.length)));
    expect(shown[0]).toBeLessThanOrEqual(119);
    expect(shown[1]).toBeLessThanOrEqual(49);
    expect(shown[1]).toBeLessThan(shown[0]!);
  });

  test('nothing drawn, nothing erased', async () => {
    const out: string[] = [];
    await progressReporter({ write: (s) => out.push(s), tty: true }).onEnd!({} as never);
    expect(out).toEqual([]);
  });
});
