import { Aggregator, Query } from 'mingo';

type Doc = Record<string, unknown>;
type Spec = Record<string, unknown>;

/** Rows kept at most between two trims of a sorted, limited find: the cost of top-k without a heap. */
const TRIM_AT = 4096;

/**
 * A collection of `explore`, queried with MongoDB's language through mingo. Its documents come
 * from `source`, called again for each query: an array for the results' rows, a file read line
 * by line for the request log, so only what a query keeps is ever held.
 */
export class Collection {
  constructor(
    readonly name: string,
    private readonly source: () => Iterable<Doc>,
  ) {}

  /** The documents matching `query`, with `projection` applied; chain `sort`, `skip`, `limit`. */
  find(query: Spec = {}, projection?: Spec): Cursor {
    return new Cursor(this, query, projection);
  }

  /** The first document matching `query`, or null. */
  findOne(query: Spec = {}, projection?: Spec): Doc | null {
    return this.find(query, projection).limit(1).toArray()[0] ?? null;
  }

  /** How many documents match `query`, streaming. */
  count(query: Spec = {}): number {
    const q = new Query(query, {});
    let n = 0;
    for (const doc of this.source()) if (q.test(doc)) n++;
    return n;
  }

  /** mongosh's name for {@link count}. */
  countDocuments(query: Spec = {}): number {
    return this.count(query);
  }

  /** The distinct values of `field` (a dotted path) among the documents matching `query`, in the order first seen; an array's elements count one by one, as MongoDB does. */
  distinct(field: string, query: Spec = {}): unknown[] {
    const q = new Query(query, {});
    const seen = new Map<string, unknown>();
    for (const doc of this.source()) {
      if (!q.test(doc)) continue;
      const value = resolve(doc, field);
      for (const v of Array.isArray(value) ? value : [value]) {
        if (v === undefined) continue;
        const key = JSON.stringify(v);
        if (!seen.has(key)) seen.set(key, v);
      }
    }
    return [...seen.values()];
  }

  /** The documents through an aggregation `pipeline`; stages that can stream ($match, $project…) stream. */
  aggregate(pipeline: Spec[]): Doc[] {
    if (!Array.isArray(pipeline)) throw new TypeError(`${this.name}.aggregate: expected a pipeline, an array of stages like [{ $group: { _id: '$status', n: { $sum: 1 } } }]`);
    return new Aggregator(pipeline, {}).run(this.source()) as Doc[];
  }

  /** The documents, for a cursor. */
  documents(): Iterable<Doc> {
    return this.source();
  }
}

/** A lazy query: nothing is read until `toArray`, `count` or the REPL prints it. */
export class Cursor {
  private sortSpec: Spec | undefined;
  private skipN = 0;
  private limitN: number | undefined;

  constructor(
    private readonly collection: Collection,
    private readonly query: Spec,
    private readonly projection: Spec | undefined,
  ) {}

  sort(spec: Spec): this {
    this.sortSpec = spec;
    return this;
  }

  skip(n: number): this {
    this.skipN = Math.max(0, Math.floor(n));
    return this;
  }

  limit(n: number): this {
    this.limitN = n > 0 ? Math.floor(n) : undefined;
    return this;
  }

  /** How many documents match (skip and limit aside, as in mongosh). */
  count(): number {
    return this.collection.count(this.query);
  }

  /**
   * The documents. Without a sort, reading stops at skip + limit; with sort and limit, only the
   * best skip + limit documents seen so far are kept (trimmed every few thousand rows).
   */
  toArray(): Doc[] {
    return this.take(undefined);
  }

  /** The first `cap` documents {@link toArray} would give (all of them when undefined). */
  take(cap: number | undefined): Doc[] {
    const q = new Query(this.query, {});
    const limit = cap === undefined ? this.limitN : Math.min(cap, this.limitN ?? Infinity);
    const wanted = limit === undefined ? undefined : this.skipN + limit;
    let kept: Doc[] = [];
    const sortAndCut = (docs: Doc[], n: number | undefined) => new Aggregator([{ $sort: this.sortSpec }, ...(n === undefined ? [] : [{ $limit: n }])], {}).run(docs) as Doc[];
    for (const doc of this.collection.documents()) {
      if (!q.test(doc)) continue;
      kept.push(doc);
      if (wanted !== undefined && this.sortSpec === undefined && kept.length >= wanted) break;
      if (wanted !== undefined && this.sortSpec !== undefined && kept.length >= Math.max(TRIM_AT, 2 * wanted)) kept = sortAndCut(kept, wanted);
    }
    if (this.sortSpec !== undefined) kept = sortAndCut(kept, wanted);
    kept = kept.slice(this.skipN, wanted);
    if (this.projection === undefined || Object.keys(this.projection).length === 0) return kept;
    const projected = new Aggregator([{ $project: this.projection }], {}).run(kept) as Doc[];
    return projected.map((doc) => inSpecOrder(doc, this.projection!));
  }

  /** mongosh's `cursor.toArray()`, as a value to print. */
  toJSON(): Doc[] {
    return this.toArray();
  }
}

/** The value at a dotted path (`latencyMs.p95`), or undefined. */
function resolve(doc: unknown, path: string): unknown {
  let value = doc;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The fields of a projected document in the order the projection named them (mingo sorts them), the others after. */
function inSpecOrder(doc: Doc, projection: Spec): Doc {
  const out: Doc = {};
  for (const key of Object.keys(projection)) {
    const top = key.split('.', 1)[0]!;
    if (top in doc && !(top in out)) out[top] = doc[top];
  }
  for (const [key, value] of Object.entries(doc)) if (!(key in out)) out[key] = value;
  return out;
}
