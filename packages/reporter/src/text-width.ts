import { ANSI_PATTERN, stripAnsi } from './color.js';

const ELLIPSIS = '…';
const RESET = '\u001b[0m';

/**
 * Columns `text` takes in a terminal: code points, ANSI escapes excluded. Every character the
 * reports print (digits, `µ`, `█`, `✔`) is one column wide, so no width table is needed.
 */
export function visibleWidth(text: string): number {
  let n = 0;
  for (const _ of stripAnsi(text)) n++;
  return n;
}

/** Pads `text` on the right to `width` visible columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleWidth(text)));
}

/** Pads `text` on the left to `width` visible columns. */
export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleWidth(text))) + text;
}

/**
 * Cuts `line` to at most `width` visible columns, ending in `…` when something was cut.
 * ANSI escapes are kept (they take no room) and a reset is appended so a cut style never
 * bleeds into the next line.
 */
export function clipLine(line: string, width: number): string {
  if (visibleWidth(line) <= width) return line;
  if (width <= 0) return '';
  const keep = width - 1;
  let out = '';
  let shown = 0;
  let styled = false;
  let last = 0;
  const escapes = new RegExp(ANSI_PATTERN.source, 'g');
  // Walk the text between escapes, copying escapes whole and counting visible characters.
  const take = (chunk: string): boolean => {
    for (const ch of chunk) {
      if (shown === keep) return false;
      out += ch;
      shown++;
    }
    return true;
  };
  for (let m = escapes.exec(line); m !== null; m = escapes.exec(line)) {
    if (!take(line.slice(last, m.index))) break;
    out += m[0];
    styled = true;
    last = m.index + m[0].length;
  }
  if (shown < keep) take(line.slice(last));
  return out + ELLIPSIS + (styled ? RESET : '');
}
