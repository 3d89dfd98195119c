import { createPalette, stripAnsi } from '../src/color.js';
import { formatTable, looksNumeric } from '../src/format-table.js';
import { visibleWidth } from '../src/text-width.js';

describe('formatTable', () => {
  const rows = [
    ['open home', '5000', '4.12 ms'],
    ['add to cart', '12', '850 µs'],
  ];

  test('left-aligns text, right-aligns numbers, header included', () => {
    const lines = formatTable(rows, { header: ['step', 'runs', 'p50'] });
    expect(lines).toEqual(['step         runs      p50', 'open home    5000  4.12 ms', 'add to cart    12   850 µs']);
  });

  test('explicit alignment wins over detection', () => {
    const lines = formatTable(
      [
        ['1', 'a'],
        ['22', 'bb'],
      ],
      { align: ['left', 'right'] },
    );
    expect(lines).toEqual(['1    a', '22  bb']);
  });

  test('indent and gap', () => {
    expect(formatTable([['a', '1']], { indent: 3, gap: 4 })).toEqual(['   a    1']);
  });

  test('colour does not change the layout', () => {
    const p = createPalette(true);
    const colored = formatTable(
      rows.map(([a, b, c]) => [p.bold(a), p.green(b), c]),
      { header: ['step', 'runs', 'p50'] },
    );
    const plain = formatTable(rows, { header: ['step', 'runs', 'p50'] });
    expect(colored.map(stripAnsi)).toEqual(plain);
    expect(colored.join('')).toContain('\u001b[');
  });

  test('wraps columns that do not fit into blocks repeating the sticky columns', () => {
    const header = ['name', 'P10', 'P25', 'P50', 'P75', 'P90', 'P95', 'P99', 'P100'];
    const row = ['checkout', '2.10 ms', '2.90 ms', '3.80 ms', '5.00 ms', '7.70 ms', '9.90 ms', '21.0 ms', '88.1 ms'];
    const lines = formatTable([row], { header, width: 50, stickyColumns: 1 });
    for (const line of lines) expect(visibleWidth(line)).toBeLessThanOrEqual(50);
    const text = lines.join('\n');
    for (const cell of row.slice(1)) expect(text).toContain(cell);
    // The row label starts every block, so a value is never far from its row's name.
    const blocks = text.split('\n\n');
    expect(blocks.length).toBeGreaterThan(1);
    for (const block of blocks) expect(block.split('\n')[1].startsWith('checkout')).toBe(true);
  });

  test('clip overflow cuts lines instead of wrapping', () => {
    const lines = formatTable([['7', 'x'.repeat(100)]], { width: 40, overflow: 'clip' });
    expect(lines).toHaveLength(1);
    expect(visibleWidth(lines[0])).toBe(40);
    expect(lines[0].endsWith('…')).toBe(true);
  });

  test('maxWidths clips long cells before the layout', () => {
    const lines = formatTable([['a very long step name indeed', '1']], { maxWidths: [10] });
    expect(lines).toEqual(['a very lo…  1']);
  });

  test('no rows, no lines', () => {
    expect(formatTable([])).toEqual([]);
  });
});

describe('looksNumeric', () => {
  test.each(['1204', '4.12 ms', '850 µs', '1.23 s', '41.2%', '499.4/s', '-', '2 m 05 s'])('%p is numeric', (cell) => {
    expect(looksNumeric(cell)).toBe(true);
  });
  test.each(['GET /', 'step pay', '', 'timeout'])('%p is not numeric', (cell) => {
    expect(looksNumeric(cell)).toBe(false);
  });
});

describe('formatTable wrapping balance', () => {
  test('eight columns that need two blocks wrap four and four', () => {
    const row = ['2.10 ms', '2.90 ms', '3.80 ms', '5.00 ms', '7.70 ms', '9.90 ms', '21.0 ms', '88.1 ms'];
    const lines = formatTable([row], { width: 72, indent: 4 });
    expect(lines).toEqual(['    2.10 ms  2.90 ms  3.80 ms  5.00 ms', '', '    7.70 ms  9.90 ms  21.0 ms  88.1 ms']);
  });
});
