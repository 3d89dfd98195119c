import type { BodyChange, ResponseDiff, ResponseDifference, ResponseKey } from '@go-heavy/core';
import { create, type Delta } from 'jsondiffpatch';

/** The fields of a request-log line (`--log-requests`) the comparison reads. */
export interface RequestLogLine {
  id: string;
  workflow: string | null;
  step: string;
  method: string;
  url: string;
  status: number | null;
  responseBody: string | null;
  responseBodyTruncated?: true;
}

/** Options of {@link diffResponses}. */
export interface ResponseDiffOptions {
  /** Differences listed one by one (the rest are counted and summarised per request). Default 50. */
  limit?: number;
  /** Body changes listed per response at most. Default 20. */
  changesPerBody?: number;
}

/** What is kept of a response of the first log until its match in the second comes. */
interface Kept {
  id: string;
  status: number | null;
  body: string | null;
  truncated: boolean;
}

type Group = ResponseDiff['groups'][number];

const MAX_VALUE_TEXT = 200;
const patcher = create({ arrays: { detectMove: true } });

/**
 * Matches the responses of two request logs by workflow, step, method, endpoint (the URL's
 * path without origin and query, as the results name endpoints) and occurrence (the n-th such
 * request in each log), and lists the ones whose status or body differs: JSON bodies compared
 * value by value (jsondiffpatch), other bodies as text. Streams both logs: it holds the status
 * and body (as logged, so at most the log's body limit) of each request of `a` until its match
 * in `b` is read, then lets it go.
 */
export async function diffResponses(a: AsyncIterable<RequestLogLine>, b: AsyncIterable<RequestLogLine>, options: ResponseDiffOptions = {}): Promise<ResponseDiff> {
  const limit = options.limit ?? 50;
  const perBody = options.changesPerBody ?? 20;
  const kept = new Map<string, Kept>();
  const seenA = new Map<string, number>();
  for await (const line of a) {
    const key = keyOf(line);
    const n = (seenA.get(key) ?? 0) + 1;
    seenA.set(key, n);
    kept.set(`${key}#${n}`, { id: line.id, status: line.status, body: line.responseBody, truncated: line.responseBodyTruncated === true });
  }
  const seenB = new Map<string, number>();
  const groups = new Map<string, Group>();
  const listed: ResponseDifference[] = [];
  const result: ResponseDiff = { matched: 0, onlyA: 0, onlyB: 0, differing: 0, statusChanged: 0, bodyChanged: 0, groups: [], listed, unlisted: 0 };
  for await (const line of b) {
    const key = keyOf(line);
    const n = (seenB.get(key) ?? 0) + 1;
    seenB.set(key, n);
    const before = kept.get(`${key}#${n}`);
    if (before === undefined) {
      result.onlyB++;
      continue;
    }
    kept.delete(`${key}#${n}`);
    result.matched++;
    const statusChanged = before.status !== line.status;
    const body = bodyDifference(before, line, perBody);
    if (!statusChanged && body === undefined) continue;
    result.differing++;
    if (statusChanged) result.statusChanged++;
    if (body !== undefined) result.bodyChanged++;
    const where: ResponseKey = { workflow: line.workflow, step: line.step, method: line.method, endpoint: endpointOf(line.url), occurrence: n };
    const group = groups.get(key) ?? newGroup(groups, key, where);
    group.differing++;
    if (statusChanged) countStatus(group, before.status, line.status);
    for (const change of body?.changes ?? []) countPath(group, change.path);
    if (body?.text) countPath(group, '(text)');
    if (listed.length < limit) {
      listed.push({ ...where, idA: before.id, idB: line.id, ...(statusChanged && { status: { a: before.status, b: line.status } }), ...(body !== undefined && { body }) });
    } else result.unlisted++;
  }
  result.onlyA = kept.size;
  result.groups = [...groups.values()].sort((x, y) => y.differing - x.differing);
  for (const g of result.groups) g.paths.sort((x, y) => y.count - x.count || x.path.localeCompare(y.path));
  return result;
}

function keyOf(line: RequestLogLine): string {
  return JSON.stringify([line.workflow, line.step, line.method, endpointOf(line.url)]);
}

/** The URL's path, without origin and query: the two runs may target different hosts. */
export function endpointOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    const q = url.indexOf('?');
    return q === -1 ? url : url.slice(0, q);
  }
}

function newGroup(groups: Map<string, Group>, key: string, where: ResponseKey): Group {
  const group: Group = { workflow: where.workflow, step: where.step, method: where.method, endpoint: where.endpoint, differing: 0, statuses: [], paths: [] };
  groups.set(key, group);
  return group;
}

function countStatus(group: Group, a: number | null, b: number | null): void {
  const entry = group.statuses.find((s) => s.a === a && s.b === b);
  if (entry) entry.count++;
  else group.statuses.push({ a, b, count: 1 });
}

function countPath(group: Group, path: string): void {
  const entry = group.paths.find((p) => p.path === path);
  if (entry) entry.count++;
  else if (group.paths.length < 100) group.paths.push({ path, count: 1 });
}

/** How two bodies differ, or undefined when they are the same (JSON bodies: the same values, whatever the spacing or key order). */
function bodyDifference(a: Kept, b: RequestLogLine, perBody: number): ResponseDifference['body'] {
  if (a.body === b.responseBody) return undefined;
  const ja = parseJson(a.body);
  const jb = parseJson(b.responseBody);
  if (ja === undefined || jb === undefined) return { changes: [], text: true };
  const delta = patcher.diff(ja.value, jb.value);
  if (delta === undefined) return undefined;
  const changes: BodyChange[] = [];
  walk(delta, '', changes);
  const truncated = changes.length > perBody || a.truncated || b.responseBodyTruncated === true;
  return { changes: changes.slice(0, perBody), ...(truncated && { truncated: true as const }) };
}

function parseJson(text: string | null): { value: unknown } | undefined {
  if (text === null) return { value: null };
  const t = text.trimStart();
  if (t === '' || !'{["-0123456789tfn'.includes(t[0]!)) return undefined;
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** jsondiffpatch's delta as a flat list of changes at JSON pointers. */
function walk(delta: Delta, path: string, out: BodyChange[]): void {
  if (Array.isArray(delta)) {
    if (delta.length === 1) out.push({ path, kind: 'added', b: show(delta[0]) });
    else if (delta.length === 2) out.push({ path, kind: 'changed', a: show(delta[0]), b: show(delta[1]) });
    else if (delta[2] === 0) out.push({ path, kind: 'removed', a: show(delta[0]) });
    else if (delta[2] === 3) out.push({ path, kind: 'moved', b: `to index ${String(delta[1])}` });
    else out.push({ path, kind: 'changed' });
    return;
  }
  if (delta === undefined || delta === null || typeof delta !== 'object') return;
  const record = delta as Record<string, unknown>;
  const isArray = record._t === 'a';
  for (const key of Object.keys(record)) {
    if (key === '_t') continue;
    const name = isArray && key.startsWith('_') ? key.slice(1) : key;
    walk(record[key] as Delta, `${path}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > MAX_VALUE_TEXT ? `${text.slice(0, MAX_VALUE_TEXT - 1)}…` : text;
}
