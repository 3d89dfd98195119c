import { createPalette, stripAnsi } from '../src/color.js';
import { clipLine, padEnd, padStart, visibleWidth } from '../src/text-width.js';
import { formatTable } from '../src/format-table.js';

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

describe('wide characters: CJK and emoji step names', () => {
  test('a CJK character or an emoji takes two columns, a combining accent none', () => {
    expect(visibleWidth('東京')).toBe(4);
    expect(visibleWidth('カート 🛒')).toBe(9);
    expect(visibleWidth('👩‍💻 pay')).toBe(6);
    expect(visibleWidth('café')).toBe(4);
    expect(visibleWidth('cafe\u0301')).toBe(4);
    expect(visibleWidth(p.red('決済'))).toBe(4);
    expect(padEnd('決済', 6)).toBe('決済  ');
  });

  test('clipLine never cuts through a wide character nor goes past the width', () => {
    const clipped = clipLine('決済決済決済', 6);
    expect(clipped).toBe('決済…');
    expect(visibleWidth(clipped)).toBeLessThanOrEqual(6);
    expect(visibleWidth(clipLine('🛒🛒🛒🛒', 5))).toBeLessThanOrEqual(5);
  });

  test('a table with CJK and emoji step names keeps its columns aligned', () => {
    const lines = formatTable(
      [
        ['browse', '1200', '12.5 ms'],
        ['カートに追加', '1180', '20.1 ms'],
        ['🛒 checkout', '990', '31.0 ms'],
      ],
      { header: ['step', 'runs', 'p50'] },
    ).map(stripAnsi);
    // カートに追加 is 12 columns, 🛒 checkout 11: the name column is 12 wide, then a 2-column gap.
    expect(lines.map((l) => l.trimEnd())).toEqual(['step          runs      p50', 'browse        1200  12.5 ms', 'カートに追加  1180  20.1 ms', '🛒 checkout    990  31.0 ms']);
  });
});
