import { integrate, type Load, type LoadProfile } from '@go-heavy/core';
import { stripAnsi } from '../src/color.js';
import { drawLoadChart } from '../src/draw-load-chart.js';
import { visibleWidth } from '../src/text-width.js';
import { ANSI } from './helpers/text.js';

const BLOCKS = ' ▁▂▃▄▅▆▇█';

const open = (rate: LoadProfile): Load => ({ model: 'open', rate, maxUsers: 100, distribution: 'regular', jitter: 0 });
const closed = (users: LoadProfile): Load => ({ model: 'closed', users });

/** A bell curve of `peak`/s around `peakMs`, in legs of 1 s over `durationMs`. */
function bell(peak: number, peakMs: number, stddevMs: number, durationMs: number): LoadProfile {
  const at = (t: number) => peak * Math.exp(-0.5 * ((t - peakMs) / stddevMs) ** 2);
  const stages = [];
  for (let t = 1000; t <= durationMs; t += 1000) stages.push({ durationMs: 1000, target: at(t) });
  return { start: at(0), stages };
}

/** The chart's parts: title, plot rows (after the y axis), the x-axis labels, and each column's height in eighths. */
function parse(chart: string) {
  const lines = chart.split('\n');
  const axisAt = lines.findIndex((l) => l.includes('└'));
  const plotStart = lines[axisAt]!.indexOf('└') + 1;
  const rows = lines.slice(1, axisAt).map((l) => [...l].slice(plotStart));
  const width = [...lines[axisAt]!].length - plotStart;
  const heights = Array.from({ length: width }, (_, c) => rows.reduce((sum, row) => sum + Math.max(0, BLOCKS.indexOf(row[c] ?? ' ')), 0));
  // An area: each column is full from the bottom up to one partial cell, empty above it.
  for (let c = 0; c < width; c++) {
    const column = rows.map((row) => row[c] ?? ' ').join('');
    expect(column).toMatch(/^ *[▁▂▃▄▅▆▇█]?█*$/);
  }
  const yLabels = lines
    .slice(1, axisAt)
    .map((l) => /^\s*(\S*)\s*[┤│]/.exec(l)![1])
    .filter((l) => l !== '');
  return { title: lines[0]!, rows, heights, yLabels, xLabels: lines[axisAt + 1]!.trim().split(/\s+/), lines };
}

const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

describe('drawLoadChart', () => {
  test('a constant closed load fills every column to the top', () => {
    const chart = drawLoadChart(closed({ start: 5, stages: [{ durationMs: 30_000, target: 5 }] }), 30_000);
    const { title, heights, yLabels, xLabels, rows } = parse(chart);
    expect(title).toBe('closed model: peak 5 users over 30s');
    expect(rows).toHaveLength(8);
    expect(new Set(heights)).toEqual(new Set([64]));
    expect(yLabels).toEqual(['5', '2.5']);
    expect(xLabels).toEqual(['0', '15s', '30s']);
  });

  test('a ramp rises column by column to the top, then holds', () => {
    const ramp = {
      start: 0,
      stages: [
        { durationMs: 10_000, target: 50 },
        { durationMs: 40_000, target: 50 },
      ],
    };
    const { title, heights, yLabels, xLabels } = parse(drawLoadChart(closed(ramp), 50_000, { width: 70, height: 6 }));
    expect(title).toBe('closed model: peak 50 users over 50s');
    for (let i = 1; i < heights.length; i++) expect(heights[i]).toBeGreaterThanOrEqual(heights[i - 1]!);
    expect(heights[0]).toBeLessThan(8);
    expect(heights[heights.length - 1]).toBe(48);
    // The ramp takes the first fifth of the columns.
    const firstFull = heights.indexOf(48);
    expect(Math.abs(firstFull - heights.length / 5)).toBeLessThanOrEqual(2);
    expect(yLabels).toEqual(['50', '25']);
    expect(xLabels).toEqual(['0', '25s', '50s']);
  });

  test('stages peak where the profile peaks and the title counts the planned iterations', () => {
    const rate = {
      start: 0,
      stages: [
        { durationMs: 10_000, target: 50 },
        { durationMs: 30_000, target: 200 },
        { durationMs: 10_000, target: 0 },
      ],
    };
    const { title, heights, yLabels } = parse(drawLoadChart(open(rate), 50_000));
    // 250 + 3750 + 1000 iterations.
    expect(integrate(rate, 0, 50_000)).toBe(5000);
    expect(title).toBe('open model: peak 200/s, 5000 iterations planned over 50s');
    expect(yLabels).toEqual(['200/s', '100/s']);
    // The peak is at 40 s of 50 s.
    expect(Math.abs(argmax(heights) / heights.length - 0.8)).toBeLessThan(0.03);
    expect(heights[heights.length - 1]).toBeLessThan(8);
  });

  test('a gaussian rate is tallest at its peak and symmetric around it', () => {
    const rate = bell(100, 30_000, 8000, 60_000);
    const { title, heights } = parse(drawLoadChart(open(rate), 60_000, { width: 62 }));
    expect(title).toBe(`open model: peak 100/s, ${Math.round(integrate(rate, 0, 60_000))} iterations planned over 1m`);
    expect(Math.abs(argmax(heights) / heights.length - 0.5)).toBeLessThan(0.03);
    for (let i = 0; i < heights.length; i++) expect(Math.abs(heights[i]! - heights[heights.length - 1 - i]!)).toBeLessThanOrEqual(1);
    expect(heights[0]).toBeLessThan(heights[Math.floor(heights.length / 4)]!);
  });

  test('the peak counts only within the duration', () => {
    const rate = {
      start: 10,
      stages: [
        { durationMs: 10_000, target: 10 },
        { durationMs: 10_000, target: 1000 },
      ],
    };
    expect(parse(drawLoadChart(open(rate), 10_000)).title).toBe('open model: peak 10/s, 100 iterations planned over 10s');
  });

  test('no line wider than the width, no ANSI unless asked', () => {
    const load = closed({ start: 0, stages: [{ durationMs: 90_000, target: 12_345 }] });
    for (const width of [30, 50, 80, 120]) {
      const chart = drawLoadChart(load, 90_000, { width });
      expect(chart).not.toMatch(ANSI);
      for (const line of chart.split('\n')) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
    }
    const colored = drawLoadChart(load, 90_000, { width: 50, color: true });
    expect(colored).toMatch(ANSI);
    expect(stripAnsi(colored)).toBe(drawLoadChart(load, 90_000, { width: 50 }));
    expect(parse(drawLoadChart(load, 90_000)).xLabels).toEqual(['0', '45s', '1m30s']);
  });

  test('fractional levels and singular nouns', () => {
    const chart = drawLoadChart(open({ start: 1, stages: [{ durationMs: 1000, target: 1 }] }), 1000, { height: 4 });
    const { title, yLabels } = parse(chart);
    expect(title).toBe('open model: peak 1/s, 1 iteration planned over 1s');
    expect(yLabels).toEqual(['1/s', '0.5/s']);
    expect(parse(drawLoadChart(closed({ start: 1, stages: [] }), 2500)).title).toBe('closed model: peak 1 user over 2.5s');
  });

  test('without a duration, only the title', () => {
    expect(drawLoadChart(closed({ start: 3, stages: [] }), 0)).toBe('closed model: peak 3 users');
    expect(drawLoadChart(open({ start: 40, stages: [] }), Number.NaN)).toBe('open model: peak 40/s');
  });
});
