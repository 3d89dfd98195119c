import { stripAnsi } from './color.js';
import { clipLine, padEnd, padStart, visibleWidth } from './text-width.js';

/** How a column's cells are aligned. */
export type Align = 'left' | 'right';

/** Options of {@link formatTable}. */
export interface TableOptions {
  /** A header row, aligned like the column below it. */
  header?: string[];
  /** Per column; by default a column is right-aligned when every body cell looks numeric. */
  align?: Align[];
  /** Spaces before every line. Default 0. */
  indent?: number;
  /** Spaces between columns. Default 2. */
  gap?: number;
  /** Maximum visible width of a line. Default: unlimited. */
  width?: number;
  /**
   * What to do with columns that do not fit in `width`: `wrap` (default) moves them to a
   * following block, repeating the first `stickyColumns` columns; `clip` cuts the lines.
   */
  overflow?: 'wrap' | 'clip';
  /** Columns repeated at the start of every wrapped block (row labels). Default 0. */
  stickyColumns?: number;
  /** Per column, the most columns a cell may take; longer cells are clipped with "…". */
  maxWidths?: Array<number | undefined>;
}

// A number with an optional unit: "1204", "4.12 ms", "850 µs", "41.2%", "499.4/s", "-".
const NUMERIC = /^(?:-|[-+]?\d[\d.,]*(?:\s?(?:µs|ms|s|m|h|%|\/s))*(?:\s\d+\s?(?:m|s))*)$/;

/** True when `cell` reads as a number (optionally with a unit), for default alignment. */
export function looksNumeric(cell: string): boolean {
  return NUMERIC.test(stripAnsi(cell).trim());
}

/**
 * Lays `rows` out in aligned columns and returns the lines (no trailing newline). Widths are
 * measured without ANSI escapes, so coloured and plain tables line up the same. No line is
 * wider than `options.width`: columns wrap into further blocks, and what still does not fit
 * (a single very wide cell) is clipped with "…".
 */
export function formatTable(rows: string[][], options: TableOptions = {}): string[] {
  const { header, indent = 0, gap = 2, width = Infinity, overflow = 'wrap' } = options;
  const all = header ? [header, ...rows] : rows;
  const columns = Math.max(0, ...all.map((r) => r.length));
  if (columns === 0) return [];
  const cell = (row: string[], c: number) => {
    const max = options.maxWidths?.[c];
    return max === undefined ? (row[c] ?? '') : clipLine(row[c] ?? '', max);
  };
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...all.map((r) => visibleWidth(cell(r, c)))));
  const align = Array.from({ length: columns }, (_, c): Align => {
    const given = options.align?.[c];
    if (given) return given;
    const body = rows.map((r) => cell(r, c)).filter((s) => stripAnsi(s).trim() !== '');
    return body.length > 0 && body.every(looksNumeric) ? 'right' : 'left';
  });
  const sticky = Math.min(options.stickyColumns ?? 0, columns);
  const blocks = overflow === 'wrap' ? splitColumns(widths, sticky, indent, gap, width) : [range(0, columns)];

  const lines: string[] = [];
  const pad = ' '.repeat(indent);
  blocks.forEach((block, i) => {
    if (i > 0) lines.push(''); // a blank line tells a wrapped block from the rows above it
    for (const row of all) {
      const cells = block.map((c) => (align[c] === 'right' ? padStart : padEnd)(cell(row, c), widths[c]));
      // Trailing spaces of a left-aligned last column carry nothing.
      lines.push(clipLine((pad + cells.join(' '.repeat(gap))).trimEnd(), width));
    }
  });
  return lines;
}

/**
 * Groups column indexes into blocks that each fit in `width`; every block starts with the
 * sticky columns. Blocks are balanced (8 columns wrap as 4 + 4, not 7 + 1). A column too wide
 * even alone gets a block of its own (and is clipped).
 */
function splitColumns(widths: number[], sticky: number, indent: number, gap: number, width: number): number[][] {
  const stickyCols = range(0, sticky);
  const stickyWidth = indent + stickyCols.reduce((sum, c) => sum + widths[c] + gap, 0);
  const greedy = (maxPerBlock: number): number[][] => {
    const blocks: number[][] = [];
    let current: number[] = [];
    let used = stickyWidth;
    for (let c = sticky; c < widths.length; c++) {
      const need = (current.length > 0 ? gap : 0) + widths[c];
      if (current.length > 0 && (used + need > width || current.length === maxPerBlock)) {
        blocks.push(current);
        current = [];
        used = stickyWidth;
      }
      used += (current.length > 0 ? gap : 0) + widths[c];
      current.push(c);
    }
    if (current.length > 0 || blocks.length === 0) blocks.push(current);
    return blocks;
  };
  const fewest = greedy(Infinity);
  const movable = widths.length - sticky;
  const balanced = greedy(Math.ceil(movable / fewest.length));
  const blocks = balanced.length === fewest.length ? balanced : fewest;
  return blocks.map((block) => [...stickyCols, ...block]);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}
