import { createPalette, stripAnsi } from '../src/color.js';
import { drawBar, drawDistribution } from '../src/draw-distribution.js';
import { visibleWidth } from '../src/text-width.js';

const buckets = [
  { leMs: 2, count: 410 },
  { leMs: 5, count: 2730 },
  { leMs: 10, count: 1504 },
  { leMs: 100, count: 0 },
  { leMs: 1000, count: 1 },
];

/** The bar between the pipes, trailing spaces removed. */
const barOf = (line: string) => /\|([^|]*)\|/.exec(stripAnsi(line))![1].trimEnd();
const barLength = (line: string) => visibleWidth(barOf(line));

describe('drawDistribution', () => {
  test('one line per bucket with its bound, count and share', () => {
    const lines = drawDistribution(buckets, { width: 80 });
    expect(lines).toHaveLength(5);
    // Shares of 4645 samples.
    expect(lines[0]).toMatch(/^ {2}<= 2 ms {4}\|█+.*\| {2}410 {3}\(8\.8%\)$/);
    expect(lines[1]).toMatch(/^ {2}<= 5 ms {4}\|█+\| 2730 {2}\(58\.8%\)$/);
    expect(lines[4]).toMatch(/^ {2}<= 1 s {5}\|▏ +\| {4}1 {3}\(0\.0%\)$/);
  });

  test('bars scale to the largest bucket, which fills the room', () => {
    const lines = drawDistribution(buckets, { width: 80 });
    const lengths = lines.map(barLength);
    const room = visibleWidth(/\|([^|]*)\|/.exec(lines[0])![1]);
    expect(lengths[1]).toBe(room);
    expect(Math.max(...lengths)).toBe(lengths[1]);
    expect(lengths[2]).toBeGreaterThan(lengths[0]);
    expect(lengths[2]).toBeLessThan(lengths[1]);
    // 1504 / 2730 of the room, within one column.
    expect(Math.abs(lengths[2] - (1504 / 2730) * room)).toBeLessThanOrEqual(1);
  });

  test('an empty bucket has no bar, a tiny one still shows', () => {
    const lines = drawDistribution(buckets, { width: 80 });
    expect(barOf(lines[3])).toBe('');
    expect(barLength(lines[4])).toBe(1);
  });

  test('bars use the available width, never more', () => {
    for (const width of [40, 60, 80, 120]) {
      const lines = drawDistribution(buckets, { width });
      for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(width);
      expect(visibleWidth(lines[1])).toBe(width);
    }
    expect(barLength(drawDistribution(buckets, { width: 120 })[1])).toBeGreaterThan(barLength(drawDistribution(buckets, { width: 60 })[1]));
  });

  test('colour changes nothing but escapes', () => {
    const plain = drawDistribution(buckets, { width: 70 });
    const colored = drawDistribution(buckets, { width: 70, palette: createPalette(true) });
    expect(colored.join('\n')).toContain('\u001b[');
    expect(colored.map(stripAnsi)).toEqual(plain);
  });

  test('a non-finite last bound reads as "> previous bound"', () => {
    const lines = drawDistribution([
      { leMs: 50, count: 3 },
      { leMs: null as unknown as number, count: 1 },
    ]);
    expect(lines[1]).toContain('> 50 ms');
  });

  test('no buckets, one line that says so', () => {
    expect(drawDistribution([])).toEqual(['  (no samples)']);
  });
});

describe('drawBar', () => {
  test('whole and eighth blocks', () => {
    expect(drawBar(10, 10, 4)).toBe('████');
    expect(drawBar(5, 10, 4)).toBe('██');
    expect(drawBar(1, 16, 4)).toBe('▎'); // 1/16 of 4 columns = 2 eighths
    expect(drawBar(3, 32, 4)).toBe('▍'); // 3 eighths
    expect(drawBar(0, 10, 4)).toBe('');
  });
});
