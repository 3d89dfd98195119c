import { inspect } from 'node:util';
import { formatTable } from '@go-heavy/reporter';
import { Cursor } from './collection.js';

/** Documents a printed cursor shows before it says there are more (mongosh shows 20 too). */
const PAGE = 20;
/** A cell's widest text; a longer one (a body, headers) is cut with "…". */
const MAX_CELL = 40;

/**
 * What the REPL prints for a value: a cursor's first {@link PAGE} documents, or an array of
 * documents, as a table (one column per field, nested objects one level deep as `latencyMs.p95`);
 * anything else as Node prints it.
 */
export function renderValue(value: unknown, width: number, color: boolean): string {
  if (value instanceof Cursor) {
    const docs = value.take(PAGE + 1);
    const more = docs.length > PAGE;
    const table = renderDocs(docs.slice(0, PAGE), width);
    return more ? `${table}\n… more: add .limit(n), or .toArray() for every one` : table;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(isDoc)) return renderDocs(value, width);
  return inspect(value, { colors: color, depth: 6, breakLength: width });
}

/** Documents as an aligned table; an empty list as "(no documents)". */
function renderDocs(docs: readonly Record<string, unknown>[], width: number): string {
  if (docs.length === 0) return '(no documents)';
  const flat = docs.map((d) => flatten(d));
  const columns: string[] = [];
  for (const row of flat) for (const key of Object.keys(row)) if (!columns.includes(key)) columns.push(key);
  const rows = flat.map((row) => columns.map((c) => cell(row[c])));
  return formatTable(rows, { header: columns, width, stickyColumns: 1, maxWidths: columns.map(() => MAX_CELL) }).join('\n');
}

function isDoc(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Fields of nested objects one level down (`latencyMs.p95`); deeper ones stay JSON. */
function flatten(doc: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    if (isDoc(value) && Object.keys(value).length > 0 && Object.keys(value).length <= 12) {
      for (const [inner, v] of Object.entries(value)) out[`${key}.${inner}`] = v;
    } else out[key] = value;
  }
  return out;
}

function cell(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
  if (typeof value === 'string') return value.replace(/[\r\n\t]+/g, ' ');
  return JSON.stringify(value);
}
