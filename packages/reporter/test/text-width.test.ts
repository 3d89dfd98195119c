import { createPalette, stripAnsi } from '../src/color.js';
import { clipLine, padEnd, padStart, visibleWidth } from '../src/text-width.js';

const p = createPalette(true);

describe('visibleWidth and padding', () => {
  test('escapes take no room; µ, █ and ✔ take one column each', () => {
    expect(visibleWidth(p.red('850 µs'))).toBe(6);
    expect(visibleWidth('██▍ ✔')).toBe(5);
    expect(padStart(p.green('12'), 5)).toBe(`   ${p.green('12')}`);
    expect(padEnd(p.green('12'), 5)).toBe(`${p.green('12')}   `);
  });
});

describe('clipLine', () => {
  test('leaves a line that fits alone', () => {
    expect(clipLine('abcdef', 6)).toBe('abcdef');
  });

  test('cuts to the width with an ellipsis', () => {
    expect(clipLine('abcdefgh', 6)).toBe('abcde…');
    expect(visibleWidth(clipLine('x'.repeat(300), 80))).toBe(80);
  });

  test('counts only visible characters and resets a cut style', () => {
    const line = `${p.red('abc')}def${p.cyan('ghijkl')}`;
    const clipped = clipLine(line, 8);
    expect(visibleWidth(clipped)).toBe(8);
    expect(stripAnsi(clipped)).toBe('abcdefg…');
    expect(clipped.endsWith('\u001b[0m')).toBe(true);
  });
});
