// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// ---- dom -------------------------------------------------------------------------------
export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Sets attributes; null, undefined and false are left out. */
export function setAttrs(node: Element, attrs: Record<string, unknown> | null | undefined): void {
  if (!attrs) return;
  for (const key of Object.keys(attrs)) {
    const value = attrs[key];
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(key, String(value));
  }
}

/** Appends children: nodes as they are, strings and numbers as text; null/false skipped; arrays flattened. */
export function append<T extends Node>(node: T, children?: unknown): T {
  if (children === null || children === undefined || children === false) return node;
  if (Array.isArray(children)) {
    for (const child of children) append(node, child);
  } else if (typeof children === 'string' || typeof children === 'number') {
    node.appendChild(document.createTextNode(String(children)));
  } else {
    node.appendChild(children as Node);
  }
  return node;
}

/** An HTML element: h('td', { class: 'num' }, '42'). */
export function h(tag: string, attrs?: Record<string, unknown> | null, children?: unknown): HTMLElement {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** An SVG element: svg('rect', { x: 0, y: 0, width: 10, height: 20 }). */
export function svg(tag: string, attrs?: Record<string, unknown> | null, children?: unknown): SVGElement {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return append(node, children);
}

/** A section with a heading: section('summary', 'Summary', [...]). */
export function section(id: string, title: string, children: unknown, attrs?: Record<string, unknown>): HTMLElement {
  return h('section', Object.assign({ id: id, class: 'section' }, attrs), [h('h2', null, title), children]);
}

/** A table from a header row (strings or [text, attrs]) and rows of cells built with h('td'). */
export function table(attrs: Record<string, unknown>, headerRows: unknown[][], rows: unknown): HTMLElement {
  const headCell = (cell: unknown) => (Array.isArray(cell) ? h('th', cell[1], cell[0]) : h('th', null, cell));
  return h(
    'div',
    { class: 'table-wrap' },
    h('table', attrs, [
      h(
        'thead',
        null,
        headerRows.map((row) => h('tr', null, row.map(headCell))),
      ),
      h('tbody', null, rows),
    ]),
  );
}

/** A number cell, right-aligned; 'zero' when it is 0, plus an extra class ('bad', 'warn'). */
export function numCell(col: string, text: string, value: number | null | undefined, extra?: string): HTMLElement {
  const cls = ['num', value === 0 ? 'zero' : '', value != null && value > 0 && extra ? extra : ''].filter(Boolean).join(' ');
  return h('td', { class: cls, 'data-col': col }, text);
}

/** Builds one section; a section that throws on odd data shows the error instead of breaking the page. */
export function safely(name: string, build: () => Node): Node {
  try {
    return build();
  } catch (error) {
    console.error('go-heavy: could not render the ' + name, error);
    return h('section', { class: 'section render-error', 'data-error': name }, 'Could not render the ' + name + ': ' + String((error as Error | undefined)?.message || error));
  }
}
