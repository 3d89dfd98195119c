import { stripAnsi } from '../../src/color.js';
import { visibleWidth } from '../../src/text-width.js';

/** Matches any ANSI escape sequence. */
export const ANSI = /\u001b\[/; // eslint-disable-line no-control-regex -- matches ANSI escape sequences on purpose

/** The widest line of `text`, in terminal columns. */
export function widestLine(text: string): number {
  return Math.max(...text.split('\n').map(visibleWidth));
}

/** The lines from the one equal to `title` up to (not including) the next of `titles`. */
export function sectionOf(text: string, title: string, titles: string[]): string {
  const lines = stripAnsi(text).split('\n');
  const start = lines.indexOf(title);
  if (start < 0) throw new Error(`no line "${title}" in:\n${text}`);
  const next = lines.findIndex((l, i) => i > start && titles.includes(l));
  return lines.slice(start, next < 0 ? undefined : next).join('\n');
}

/** Escapes `s` for use inside a RegExp. */
export function re(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
