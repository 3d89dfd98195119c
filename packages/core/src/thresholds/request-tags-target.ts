import { parseTags } from '../request-tags.js';
import { ThresholdSyntaxError } from './threshold-syntax.js';

/**
 * A request target's endpoint and its tags: `/search {kind=search}` (or `/search{kind=search}`)
 * selects the series of `/search` tagged exactly `kind=search`; without tags, the untagged one.
 * Trailing braces holding no `=` belong to the endpoint (`/users/{id}`).
 */
export function endpointAndTags(expr: string, text: string): { endpoint: string; tags?: Record<string, string> } {
  // Braces without `=` are part of the endpoint name: `/users/{id}`.
  const open = text.lastIndexOf('{');
  if (open < 0 || !text.endsWith('}') || !text.slice(open).includes('=')) return { endpoint: text };
  const tags = parseTags(text.slice(open));
  const endpoint = text.slice(0, open).trim();
  if (tags === undefined || endpoint === '')
    throw new ThresholdSyntaxError(expr, `expected the request's tags as "<METHOD> <endpoint> {key=value,…}", like "GET /search {kind=search}", got "${text}"`);
  return Object.keys(tags).length === 0 ? { endpoint } : { endpoint, tags };
}

/** True when a request's tags are exactly the target's (both absent or empty counts as equal). */
export function sameTags(actual: Readonly<Record<string, string>> | undefined, wanted: Readonly<Record<string, string>> | undefined): boolean {
  const a = actual === undefined ? [] : Object.keys(actual);
  const w = wanted === undefined ? [] : Object.keys(wanted);
  return a.length === w.length && w.every((key) => actual![key] === wanted![key]);
}
