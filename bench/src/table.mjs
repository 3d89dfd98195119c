// Plain-text tables for the terminal (and for pasting into docs/benchmarks.md as Markdown).

/** `rows`: arrays of cells (strings); the first row is the header. Numbers are right-aligned. */
export function textTable(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const right = rows[0].map((_, i) => rows.slice(1).every((r) => /^[-+−]?[\d.,]+(?:[×%]| \(.*\))?$|^n\/a$|^—$/.test(String(r[i]))));
  const line = (r) =>
    r
      .map((c, i) => (right[i] ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(rows[0]), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** The same rows as a Markdown table. */
export function markdownTable(rows) {
  const right = rows[0].map((_, i) => rows.slice(1).every((r) => /^[-+−]?[\d.,]+(?:[×%]| \(.*\))?$|^n\/a$|^—$/.test(String(r[i]))));
  const line = (r) => `| ${r.join(' | ')} |`;
  return [line(rows[0]), `|${right.map((r) => (r ? '---:' : '---')).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

export const fmt = {
  int: (x) => (x == null ? 'n/a' : Math.round(x).toLocaleString('en-US')),
  num: (x, digits = 1) => (x == null ? 'n/a' : x.toFixed(digits)),
  ratio: (x) => (x == null ? 'n/a' : `${x.toFixed(2)}×`),
  signed: (x) => (x == null ? 'n/a' : x > 0 ? `+${x}` : String(x)),
  ms: (x) => (x == null ? 'n/a' : `${x.toFixed(2)} ms`),
};
