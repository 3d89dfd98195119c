import type { OnEnd } from './types.js';

/** The brand of {@link PortableRows}: a key no row object of a user's file is likely to have. */
const MARK = '@go-heavy/ctx.data:rows';

/**
 * Rows returned from `init` as they cross to worker threads (`--workers`): plain data that a
 * structured clone keeps, made back into pickers on the worker by its own data store.
 */
export interface PortableRows {
  [MARK]: true;
  /** The file's cache key in the data store, or null for `ctx.data.rows(array)`. */
  key: string | null;
  source: string;
  onEnd: OnEnd;
  all: readonly unknown[];
  /** The whole test's positions `init` took (see SharedRows.taken). */
  next: number;
  unique: number;
}

export function isPortableRows(value: object): value is PortableRows {
  return (value as Partial<PortableRows>)[MARK] === true;
}

export function portableRows(fields: Omit<PortableRows, typeof MARK>): PortableRows {
  return { [MARK]: true, ...fields };
}

/**
 * `value` with every object that `replace` maps (to something other than undefined) replaced,
 * inside plain objects, arrays and Maps: copied where something inside was replaced, the rest
 * shared as it is (so frozen data stays untouched). Other objects (Dates, typed arrays, class
 * instances) are kept whole. Runs once per test, never per request.
 */
export function replaceDeep(value: unknown, replace: (value: object) => unknown, seen = new Map<object, unknown>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (seen.has(value)) return seen.get(value);
  seen.set(value, value);
  let out: unknown = value;
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      const next = replaceDeep(item, replace, seen);
      if (next === item) return;
      if (out === value) seen.set(value, (out = value.slice()));
      (out as unknown[])[i] = next;
    });
  } else if (isMap(value)) {
    for (const [key, item] of value) {
      const next = replaceDeep(item, replace, seen);
      if (next === item) continue;
      if (out === value) seen.set(value, (out = new Map(value)));
      (out as Map<unknown, unknown>).set(key, next);
    }
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const next = replaceDeep(item, replace, seen);
      if (next === item) continue;
      if (out === value) seen.set(value, (out = { ...value }));
      (out as Record<string, unknown>)[key] = next;
    }
  }
  return out;
}

// By shape, not by this realm's constructors: a structured clone may come from another realm.
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function isMap(value: object): value is Map<unknown, unknown> {
  return Object.prototype.toString.call(value) === '[object Map]';
}
