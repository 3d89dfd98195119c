import type { RequestTags } from './contracts/metrics.js';
import { hasControlCharacter } from './engine/metric-name.js';

/** A tag key: a Prometheus label name, so tags export as labels unchanged. */
const TAG_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Characters a tag value cannot hold besides control characters: they delimit tags in names and thresholds (`{kind=search,page=2}`). */
const TAG_VALUE_FORBIDDEN = /[{}=,]/;
/** Most tags on one request, and longest value. */
export const MAX_TAGS = 10;
export const MAX_TAG_VALUE_LENGTH = 100;

/**
 * The problem with `tags` as `RequestOptions.tags`, or undefined when they are fine: a plain
 * object of at most 10 tags whose keys are label names (`kind`, `api_version`) and whose values
 * are strings of 1 to 100 characters without `{ } = ,` or control characters.
 */
export function tagsProblem(tags: unknown): string | undefined {
  if (tags === null || typeof tags !== 'object' || Array.isArray(tags)) return `expected an object of string values like { kind: 'search' }, got ${describe(tags)}`;
  const keys = Object.keys(tags);
  if (keys.length > MAX_TAGS) return `expected at most ${MAX_TAGS} tags, got ${keys.length}`;
  for (const key of keys) {
    if (!TAG_KEY.test(key)) return `tag "${key}": expected a key of letters, digits and _ (not starting with a digit)`;
    const value = (tags as Record<string, unknown>)[key];
    if (typeof value !== 'string') return `tag "${key}": expected a string value, got ${describe(value)}`;
    if (value === '' || value.length > MAX_TAG_VALUE_LENGTH || TAG_VALUE_FORBIDDEN.test(value) || hasControlCharacter(value)) {
      return `tag "${key}": expected a value of 1 to ${MAX_TAG_VALUE_LENGTH} characters without { } = , or control characters, got ${JSON.stringify(value)}`;
    }
  }
  return undefined;
}

/**
 * The tags as shown in names and written in thresholds: `{kind=search,page=2}`, keys sorted, so
 * equal tags always read the same; `''` for no tags.
 */
export function formatTags(tags: RequestTags | undefined): string {
  if (tags === undefined) return '';
  const keys = Object.keys(tags);
  if (keys.length === 0) return '';
  keys.sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) out += `${i > 0 ? ',' : ''}${keys[i]}=${tags[keys[i]!]}`;
  return `${out}}`;
}

/** Reads `{kind=search,page=2}` (spaces allowed around the parts) back into tags, or undefined when malformed. */
export function parseTags(text: string): Record<string, string> | undefined {
  const m = /^\{(.*)\}$/.exec(text.trim());
  if (!m) return undefined;
  const out: Record<string, string> = {};
  if (m[1]!.trim() === '') return out;
  for (const part of m[1]!.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return undefined;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (!TAG_KEY.test(key) || value === '' || key in out) return undefined;
    out[key] = value;
  }
  return out;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}
