import { clipLine, padEnd, visibleWidth } from './text-width.js';

/**
 * `prefix` followed by `items` separated by `gap` spaces, wrapped so no line is wider than
 * `width`; continuation lines are indented to line up under the first item. An item is never
 * split; one wider than a whole line is clipped. Returns the lines.
 */
export function flowItems(prefix: string, items: string[], width: number, gap = 2): string[] {
  const hang = ' '.repeat(visibleWidth(prefix));
  const lines: string[] = [];
  let line = prefix;
  let empty = true;
  for (const item of items) {
    const joined = empty ? line + item : line + ' '.repeat(gap) + item;
    if (!empty && visibleWidth(joined) > width) {
      lines.push(line);
      line = hang + item;
    } else {
      line = joined;
    }
    empty = false;
  }
  lines.push(line);
  return lines.map((l) => clipLine(l.trimEnd(), width));
}

/**
 * A `label  value` line, the label padded to `labelWidth` after `indent` spaces. The value
 * wraps after its commas ("4990 succeeded, 10 failed, …") or between `items` when an array is
 * given, so nothing is lost at narrow widths.
 */
export function labelledLine(label: string, value: string | string[], layout: { labelWidth: number; width: number; indent?: number }): string[] {
  const prefix = ' '.repeat(layout.indent ?? 2) + padEnd(label, layout.labelWidth) + '  ';
  return Array.isArray(value) ? flowItems(prefix, value, layout.width) : flowItems(prefix, value.split(/(?<=,) /), layout.width, 1);
}

/** `text` wrapped between words to `width`, each line after `indent` spaces and painted by `paint`. */
export function wrapWords(text: string, width: number, indent = 0, paint: (s: string) => string = (s) => s): string[] {
  const pad = ' '.repeat(indent);
  return flowItems('', text.split(' '), width - indent, 1).map((line) => pad + paint(line));
}
