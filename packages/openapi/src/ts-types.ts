import { propertyKey, quote } from './naming.js';
import { record } from './record.js';
import type { Schema } from './samples.js';

/** How deep a type is spelled out before it becomes `unknown` (and always at a cycle). */
const MAX_DEPTH = 8;

/**
 * The TypeScript type of a request body's schema, as source text indented by `indent`: object
 * types with their required and optional properties (read-only ones left out, as a request does
 * not send them), arrays, enums as unions of literals, `allOf` as an intersection, `oneOf` and
 * `anyOf` as unions, `nullable` and 3.1's `type: [..., 'null']` as `| null`.
 */
export function typeOf(schema: Schema, indent = ''): string {
  return render(schema, indent, [], 0);
}

function render(schema: Schema, indent: string, ancestors: object[], depth: number): string {
  if (ancestors.includes(schema) || depth > MAX_DEPTH) return 'unknown';
  const seen = [...ancestors, schema];
  const nullable = schema.nullable === true;
  const withNull = (t: string) => (nullable && t !== 'unknown' ? `${t} | null` : t);
  if (schema.const !== undefined) return withNull(typeof schema.const === 'string' ? quote(schema.const) : JSON.stringify(schema.const));
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return withNull(union(schema.enum.map((v) => (v === null ? 'null' : typeof v === 'string' ? quote(v) : JSON.stringify(v)))));
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    return withNull(
      parts(
        schema.allOf.map((s) => render(record(s), indent, seen, depth + 1)),
        ' & ',
      ),
    );
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list) && list.length > 0) return withNull(union(list.map((s) => render(record(s), indent, seen, depth + 1))));
  }
  const types = Array.isArray(schema.type) ? schema.type.map(String) : typeof schema.type === 'string' ? [schema.type] : [];
  if (types.length > 1) return withNull(union(types.map((t) => render({ ...schema, type: t, nullable: false }, indent, ancestors, depth))));
  const type = types[0] ?? (schema.properties !== undefined ? 'object' : schema.items !== undefined ? 'array' : undefined);
  switch (type) {
    case 'string':
      return withNull('string');
    case 'integer':
    case 'number':
      return withNull('number');
    case 'boolean':
      return withNull('boolean');
    case 'null':
      return 'null';
    case 'array': {
      const item = render(record(schema.items), indent, seen, depth + 1);
      return withNull(/[ |&{]/.test(item) ? `Array<${item}>` : `${item}[]`);
    }
    case 'object':
      return withNull(objectType(schema, indent, seen, depth));
    default:
      return 'unknown';
  }
}

function objectType(schema: Schema, indent: string, seen: object[], depth: number): string {
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const inner = `${indent}  `;
  const lines: string[] = [];
  for (const [name, value] of Object.entries(record(schema.properties))) {
    const property = record(value);
    if (property.readOnly === true) continue;
    lines.push(`${inner}${propertyKey(name)}${required.has(name) ? '' : '?'}: ${render(property, inner, seen, depth + 1)};`);
  }
  const extra = schema.additionalProperties;
  if (extra === true || (extra !== undefined && extra !== false && typeof extra === 'object')) {
    const value = extra === true ? 'unknown' : render(record(extra), inner, seen, depth + 1);
    // Declared properties must fit the index signature; `unknown` always does.
    lines.push(`${inner}[key: string]: ${lines.length > 0 ? 'unknown' : value};`);
  }
  if (lines.length === 0) return 'Record<string, unknown>';
  return `{\n${lines.join('\n')}\n${indent}}`;
}

function union(items: string[]): string {
  return parts(items, ' | ');
}

function parts(items: string[], separator: string): string {
  const unique = [...new Set(items)];
  if (unique.includes('unknown')) return 'unknown';
  return unique.length === 1 ? unique[0]! : unique.map((t) => (/[|&]/.test(t) && !t.startsWith('{') ? `(${t})` : t)).join(separator);
}
