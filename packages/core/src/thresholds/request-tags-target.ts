import type { LiveTagged, LiveView } from '../contracts/live-view.js';
import { parseTags } from '../request-tags.js';
import { ThresholdSyntaxError } from './threshold-syntax.js';

/** What a tag filter can test: the stats of requests. */
const TAG_FILTER_STATS: ReadonlySet<string> = new Set(['min', 'max', 'avg', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100', 'error-rate', 'runs/s', 'runs', 'failed']);

/**
 * A tag filter target: `{kind=search}` (every request of the run with that tag) or
 * `shop/browse {kind=search}` (of one workflow), k6's `http_req_duration{kind:search}`;
 * undefined when `text` is another target. One tag: the results add requests up per tag.
 */
export function parseTagFilter(expr: string, text: string): { level: 'tag'; workflow: string | null; tags: Record<string, string> } | undefined {
  const open = text.indexOf('{');
  if (open < 0 || !text.endsWith('}') || !text.slice(open).includes('=') || /\s>\s/.test(text)) return undefined;
  const before = text.slice(0, open).trim();
  const tags = parseTags(text.slice(open));
  if (tags === undefined || Object.keys(tags).length !== 1 || (before !== '' && before !== '*' && !/^[^\s/]+\/\S+$/.test(before))) {
    throw new ThresholdSyntaxError(expr, `expected a tag filter as "{key=value}" (the run) or "<service>/<workflow> {key=value}", one tag, like "shop/browse {kind=search}", got "${text}"`);
  }
  return { level: 'tag', workflow: before === '' || before === '*' ? null : before, tags };
}

/** Throws when a tag filter is given a stat requests do not have. */
export function checkTagFilterStat(expr: string, stat: string): void {
  if (!TAG_FILTER_STATS.has(stat)) throw new ThresholdSyntaxError(expr, `${stat} is not a stat of requests: a tag filter has ${[...TAG_FILTER_STATS].join(', ')}`);
}

/** The added-up requests of one tag at the target's level, or undefined when none carried it. */
export function taggedAt(target: { workflow: string | null; tags: Record<string, string> }, result: LiveView): LiveTagged | undefined {
  const list = target.workflow === null ? result.tagged : result.workflows.find((w) => w.name === target.workflow)?.tagged;
  return list?.find((t) => sameTags(t.tags, target.tags));
}

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
