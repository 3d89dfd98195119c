import { propertyKey, quote } from './naming.js';

/**
 * A JSON value as TypeScript source, indented by `indent`: objects and arrays over several
 * lines, short arrays of plain values on one.
 */
export function literal(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, inner));
    const oneLine = `[${items.join(', ')}]`;
    if (value.every((v) => v === null || typeof v !== 'object') && oneLine.length <= 80) return oneLine;
    return `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${propertyKey(k)}: ${literal(v, inner)},`).join('\n')}\n${indent}}`;
  }
  return 'null';
}
