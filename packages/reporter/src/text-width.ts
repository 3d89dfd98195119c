import { ANSI_PATTERN, stripAnsi } from './color.js';

const ELLIPSIS = '…';
const RESET = '\u001b[0m';

/** User-perceived characters: an emoji with its modifiers, a letter with its accents. */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Printable ASCII only: one column per character, the common case, no segmenting. */
const ASCII = /^[\x20-\x7e]*$/;
/** Shown as an emoji, two columns: emoji presentation, or text made emoji by U+FE0F. */
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;
/** Takes no column: combining marks, format and control characters on their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]+$/u;

/**
 * The East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, W and F) a terminal
 * draws two columns wide: Hangul Jamo, CJK punctuation, kana, CJK ideographs, Hangul syllables,
 * compatibility ideographs, fullwidth forms and the supplementary ideograph planes.
 */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1b000, 0x1b2ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  for (const [lo, hi] of WIDE) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

/** Columns one grapheme takes: 0, 1 or 2. */
function graphemeWidth(g: string): number {
  if (EMOJI.test(g) || isWide(g.codePointAt(0)!)) return 2;
  return ZERO_WIDTH.test(g) ? 0 : 1;
}

/**
 * Columns `text` takes in a terminal, ANSI escapes excluded: two for CJK characters and
 * emoji (`東京`, `🛒`), none for combining marks, one for the rest (digits, `µ`, `█`, `✔`).
 */
export function visibleWidth(text: string): number {
  const plain = stripAnsi(text);
  if (ASCII.test(plain)) return plain.length;
  let n = 0;
  for (const { segment } of graphemes.segment(plain)) n += graphemeWidth(segment);
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
  // Walk the text between escapes, copying escapes whole and counting the columns of each
  // grapheme, so a wide character that would not fit is left out whole.
  const take = (chunk: string): boolean => {
    for (const { segment } of graphemes.segment(chunk)) {
      const w = graphemeWidth(segment);
      if (shown + w > keep) return false;
      out += segment;
      shown += w;
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
