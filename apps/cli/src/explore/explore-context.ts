import type { RunResult } from '@go-heavy/core';
import { Collection } from './collection.js';
import { readJsonLines } from './ndjson-sync.js';
import { resultRows } from './results-collections.js';

/** The names a query starts from: the collections, and `db` holding them (as in mongosh). */
export interface ExploreContext {
  workflows: Collection;
  steps: Collection;
  requests: Collection;
  /** The request log's lines, read from the file again by each query; absent without `--requests`. */
  log?: Collection;
  db: Record<string, Collection | (() => string[])>;
}

/** The collections of a results file and, when given, of its request log. */
export function exploreContext(result: RunResult, requestLog: string | undefined): ExploreContext {
  const rows = resultRows(result);
  const collections: Collection[] = [new Collection('workflows', () => rows.workflows), new Collection('steps', () => rows.steps), new Collection('requests', () => rows.requests)];
  if (requestLog !== undefined) collections.push(new Collection('log', () => readJsonLines(requestLog, addEndpoint)));
  const byName = Object.fromEntries(collections.map((c) => [c.name, c]));
  return {
    ...(byName as unknown as Omit<ExploreContext, 'db'>),
    db: { ...byName, getCollectionNames: () => collections.map((c) => c.name) },
  };
}

/** `endpoint`: the URL's path without origin and query, as the results name endpoints (added to each log line). */
function addEndpoint(doc: Record<string, unknown>): void {
  if (typeof doc.url !== 'string' || 'endpoint' in doc) return;
  const start = doc.url.indexOf('/', doc.url.indexOf('//') + 2);
  const path = start < 0 ? '/' : doc.url.slice(start);
  const q = path.search(/[?#]/);
  doc.endpoint = q < 0 ? path : path.slice(0, q);
}

/** Every field name of a collection's documents (nested ones dotted, one level down), for tab completion. */
export function fieldNames(collection: Collection, sample = 50): string[] {
  const names = new Set<string>();
  let n = 0;
  for (const doc of collection.documents()) {
    for (const [key, value] of Object.entries(doc)) {
      names.add(key);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) for (const inner of Object.keys(value)) names.add(`${key}.${inner}`);
    }
    if (++n >= sample) break;
  }
  return [...names];
}
