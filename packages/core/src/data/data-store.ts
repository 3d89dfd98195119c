import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Segment } from '../load-share.js';
import { DataFileError } from './data-file-error.js';
import { deepFreeze, parseCsv, parseJson, splitLines, stripBom } from './parse-data.js';
import { isPortableRows, portableRows, replaceDeep } from './portable-rows.js';
import { SharedRows } from './shared-rows.js';
import type { CsvOptions, DataFiles, OnEnd, Rows, RowsOptions } from './types.js';

const ON_END: readonly OnEnd[] = ['wrap', 'stop', 'fail'];

/**
 * The data files of one test: each file is read and parsed once, whichever workflow or user asks
 * first, and every later ask gets the same frozen value; rows get one set of pickers per array
 * and `onEnd`, so positions are shared by the whole test (by its segment, which takes its turns
 * of the whole test's positions).
 */
export class DataStore {
  private readonly parsed = new Map<string, unknown>();
  private readonly pickers = new WeakMap<readonly unknown[], Map<OnEnd, SharedRows<unknown>>>();
  /** Where each array came from, for messages. */
  private readonly sources = new WeakMap<readonly unknown[], string>();
  /** The cache key of each file's array, to carry its pickers' positions to worker threads. */
  private readonly keys = new WeakMap<readonly unknown[], string>();
  /** Positions another store's pickers took (init on the main thread), by file key and `onEnd`. */
  private readonly carried = new Map<string, { next: number; unique: number }>();
  private stopped = false;

  /**
   * `onStop` is told, once, when rows opened with `onEnd: 'stop'` run out. `segment` is the share
   * of the test this store serves (`RunPlan.segment`): its pickers take that share's positions.
   */
  constructor(
    private readonly onStop: (reason: string) => void = () => {},
    private readonly segment?: Segment,
  ) {}

  /**
   * Reads and parses `file` (absolute) once per `key`. A file that cannot be read or parsed is
   * tried once too: every later ask gets the same error, without reading it again under load.
   */
  load<T>(file: string, key: string, parse: (text: string, display: string) => T): T {
    const cacheKey = `${key}\0${file}`;
    const known = this.parsed.get(cacheKey);
    if (known instanceof Unreadable) throw known.error;
    if (known !== undefined || this.parsed.has(cacheKey)) return known as T;
    const display = displayPath(file);
    let value: T;
    try {
      value = parse(readText(file, display), display);
    } catch (err) {
      this.parsed.set(cacheKey, new Unreadable(err));
      throw err;
    }
    this.parsed.set(cacheKey, value);
    if (Array.isArray(value)) this.remember(value, cacheKey, display);
    return value;
  }

  /**
   * The pickers over `items` for `onEnd`, made on first use; those of a file start after the
   * positions carried from the main thread, and `skip` (of rows that crossed) likewise.
   */
  rows<T>(items: readonly T[], onEnd: OnEnd, source?: string, skip?: { next: number; unique: number }): Rows<T> {
    let byEnd = this.pickers.get(items);
    if (byEnd === undefined) this.pickers.set(items, (byEnd = new Map()));
    let rows = byEnd.get(onEnd);
    if (rows === undefined) {
      rows = new SharedRows<unknown>(items, source ?? this.sources.get(items) ?? 'ctx.data.rows()', onEnd, (reason) => this.stop(reason), this.segment);
      const key = this.keys.get(items);
      const start = key === undefined ? skip : this.carried.get(`${key}\0${onEnd}`);
      if (start) rows.skip(start.next, start.unique);
      byEnd.set(onEnd, rows);
    }
    return rows as SharedRows<T>;
  }

  /**
   * `init`'s data as it crosses to worker threads (`--workers`): rows become plain
   * {@link PortableRows}, which {@link fromPortable} on the worker makes back into pickers.
   */
  toPortable(data: unknown): unknown {
    return replaceDeep(data, (value) => {
      if (!(value instanceof SharedRows)) return undefined;
      const rows = value as SharedRows<unknown>;
      return portableRows({ key: this.keys.get(rows.all) ?? null, source: rows.source, onEnd: rows.onEnd, all: rows.all, ...rows.taken() });
    });
  }

  /** {@link toPortable}'s data on a worker: its rows are this store's, after what `init` took. */
  fromPortable(data: unknown): unknown {
    return replaceDeep(data, (value) => {
      if (!isPortableRows(value)) return undefined;
      const all = deepFreeze(value.all);
      if (value.key === null) return this.rows(all, value.onEnd, value.source, value);
      // The file as the main thread read it: ctx.data.csv(file) in `run` gets these very rows.
      const known = this.parsed.get(value.key);
      if (Array.isArray(known)) return this.rows(known as readonly unknown[], value.onEnd);
      this.parsed.set(value.key, all);
      this.remember(all, value.key, value.source);
      return this.rows(all, value.onEnd);
    });
  }

  /** How far every file's pickers went (in `init` on the main thread), for {@link carryOn}. */
  positions(): Array<[key: string, next: number, unique: number]> {
    const out: Array<[string, number, number]> = [];
    for (const [cacheKey, value] of this.parsed) {
      if (!Array.isArray(value)) continue;
      for (const [onEnd, rows] of this.pickers.get(value) ?? []) {
        const { next, unique } = rows.taken();
        if (next !== 0 || unique !== 0) out.push([`${cacheKey}\0${onEnd}`, next, unique]);
      }
    }
    return out;
  }

  /** Starts this store's pickers (on a worker) after the {@link positions} of the main thread's. */
  carryOn(positions: ReadonlyArray<[key: string, next: number, unique: number]>): void {
    for (const [key, next, unique] of positions) this.carried.set(key, { next, unique });
  }

  private remember(items: readonly unknown[], key: string, source: string): void {
    this.sources.set(items, source);
    this.keys.set(items, key);
  }

  private stop(reason: string): void {
    if (this.stopped) return;
    this.stopped = true;
    this.onStop(reason);
  }
}

/**
 * `ctx.data` of one workflow: paths relative to its file. Repeated calls without options are one
 * map lookup by the path as written, so `ctx.data.csv('users.csv').next()` in `run` allocates
 * nothing once loaded.
 */
export class WorkflowData implements DataFiles {
  private readonly dir: string;
  /** Rows opened without options, by the path as written: one map per reader, no key to build. */
  private readonly plainCsv = new Map<string, Rows<never>>();
  private readonly plainLines = new Map<string, Rows<string>>();
  private readonly plainJson = new Map<string, unknown>();
  private readonly plainText = new Map<string, string>();

  constructor(
    private readonly store: DataStore,
    /** The workflow's file: relative data paths start from its folder. */
    workflowFile: string,
  ) {
    this.dir = path.dirname(path.resolve(workflowFile));
  }

  csv(file: string, options?: CsvOptions): Rows<never> {
    if (options === undefined) return this.plainCsv.get(file) ?? remember(this.plainCsv, file, this.openCsv(file, {}));
    return this.openCsv(file, options);
  }

  json<T = unknown>(file: string): T {
    if (this.plainJson.has(file)) return this.plainJson.get(file) as T;
    return remember(this.plainJson, file, this.store.load(this.resolve(file, `ctx.data.json('${file}')`), 'json', parseJson)) as T;
  }

  text(file: string): string {
    return this.plainText.get(file) ?? remember(this.plainText, file, this.store.load(this.resolve(file, `ctx.data.text('${file}')`), 'text', stripBom));
  }

  lines(file: string, options?: RowsOptions): Rows<string> {
    if (options === undefined) return this.plainLines.get(file) ?? remember(this.plainLines, file, this.openLines(file, {}));
    return this.openLines(file, options);
  }

  rows<T>(items: readonly T[], options?: RowsOptions): Rows<T> {
    if (!Array.isArray(items)) throw new DataFileError(`ctx.data.rows(): expected an array, got ${items === null ? 'null' : typeof items}`);
    const onEnd = onEndOf(options, 'ctx.data.rows()');
    // Frozen in place only when it already is; a caller's own array is copied, and the copy kept.
    if (Object.isFrozen(items)) return this.store.rows(items, onEnd);
    let copy = copies.get(items) as readonly T[] | undefined;
    if (copy === undefined) copies.set(items, (copy = Object.freeze(items.slice())));
    return this.store.rows(copy, onEnd);
  }

  private openCsv(file: string, options: CsvOptions): Rows<never> {
    const where = `ctx.data.csv('${file}')`;
    checkOptions(options, ['delimiter', 'header', 'onEnd'], where);
    const onEnd = onEndOf(options, where);
    if (options.delimiter !== undefined && (typeof options.delimiter !== 'string' || options.delimiter === '')) {
      throw new DataFileError(`${where}: delimiter: expected one or more characters, got ${JSON.stringify(options.delimiter)}`);
    }
    if (options.header !== undefined && typeof options.header !== 'boolean') throw new DataFileError(`${where}: header: expected true or false, got ${JSON.stringify(options.header)}`);
    const format = { delimiter: options.delimiter ?? ',', header: options.header ?? true };
    const rows = this.store.load(this.resolve(file, where), `csv\0${format.delimiter}\0${format.header}`, (text, display) => parseCsv(text, display, format));
    return this.store.rows(rows as never[], onEnd);
  }

  private openLines(file: string, options: RowsOptions): Rows<string> {
    const where = `ctx.data.lines('${file}')`;
    checkOptions(options, ['onEnd'], where);
    return this.store.rows(this.store.load(this.resolve(file, where), 'lines', splitLines), onEndOf(options, where));
  }

  private resolve(file: string, where: string): string {
    if (typeof file !== 'string' || file === '') throw new DataFileError(`${where}: expected a file path, relative to the workflow's file`);
    return path.resolve(this.dir, file);
  }
}

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  map.set(key, value);
  return value;
}

/** A file that could not be read or parsed, kept so that it is tried once per test. */
class Unreadable {
  constructor(readonly error: unknown) {}
}

function readText(file: string, display: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : `cannot read (${code ?? String(err)})`;
    throw new DataFileError(`${display}: ${why}`);
  }
}

/** Copies of callers' unfrozen arrays, so the same array always gets the same pickers. */
const copies = new WeakMap<readonly unknown[], readonly unknown[]>();

function onEndOf(options: RowsOptions | undefined, where: string): OnEnd {
  const onEnd = options?.onEnd ?? 'wrap';
  if (!ON_END.includes(onEnd)) throw new DataFileError(`${where}: onEnd: expected one of ${ON_END.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(onEnd)}`);
  return onEnd;
}

function checkOptions(options: object, known: string[], where: string): void {
  if (options === null || typeof options !== 'object') throw new DataFileError(`${where}: options: expected an object`);
  const unknown = Object.keys(options).filter((key) => !known.includes(key));
  if (unknown.length > 0) throw new DataFileError(`${where}: unknown option ${unknown.map((k) => `"${k}"`).join(', ')}: expected ${known.join(', ')}`);
}

/** A file as messages show it: relative to the current folder, as the CLI's other messages. */
function displayPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
