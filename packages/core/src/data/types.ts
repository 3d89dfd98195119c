import type { VirtualUser } from '../workflow.js';

/**
 * What the sequential pickers do once every row was handed out:
 * - `wrap`: {@link Rows.next} starts over from the first row (the default);
 * - `stop`: the test stops as when its duration ends (no new iteration starts, running ones get
 *   the graceful stop to finish); the iteration that found no row is counted as interrupted;
 * - `fail`: the iteration that asks fails with a {@link DataFileError} naming the file.
 * {@link Rows.unique} never wraps: with `stop` it stops the test, otherwise it fails the iteration.
 */
export type OnEnd = 'wrap' | 'stop' | 'fail';

export interface RowsOptions {
  /** What the sequential pickers do when the rows run out; default `wrap`. */
  onEnd?: OnEnd;
}

export interface CsvOptions extends RowsOptions {
  /** The field separator, one or more characters; default `,`. */
  delimiter?: string;
  /**
   * True (the default): the first row names the columns and each row is an object keyed by them.
   * False: every line is a row, an array of its fields.
   */
  header?: boolean;
}

/**
 * The rows of a data file, loaded once per test and shared by every user: read-only (frozen),
 * and the pickers' positions are shared too, so `next()` walks the rows across all users. Picking
 * allocates nothing. A picker on no rows throws a {@link DataFileError}.
 */
export interface Rows<T> {
  /** Every row, in file order. */
  readonly all: readonly T[];
  readonly length: number;
  /** The next row in file order, across all users of the test; at the end, see {@link OnEnd}. */
  next(): T;
  /** A row drawn uniformly at random (rows may repeat). */
  random(): T;
  /**
   * The row of this user identity: the same for all its iterations (`ctx.user.id` modulo the
   * number of rows, so distinct for as many users as there are rows). Not in `init` or `cleanup`,
   * which run as no particular user.
   */
  forUser(user: VirtualUser): T;
  /**
   * A row no other call got in this test, in file order. Once every row was handed out it throws
   * (or, with `onEnd: 'stop'`, stops the test).
   */
  unique(): T;
}

/**
 * `ctx.data`: test data files read once per test, however many users and workflows ask, and
 * shared read-only. Relative paths are relative to the workflow's file (not to the current
 * folder); absolute paths are used as they are. Reading is synchronous and happens on the first
 * call for a file: call these in `init` (a bad file then stops the test before the load, with
 * the file and line) and keep what they return, or call them in `run`, where later calls are a
 * lookup.
 */
export interface DataFiles {
  /** A CSV file (parsed by csv-parse), header row first unless `header: false`. */
  csv<Row = Readonly<Record<string, string>>>(file: string, options?: CsvOptions & { header?: true }): Rows<Row>;
  csv(file: string, options: CsvOptions & { header: false }): Rows<readonly string[]>;
  /** A JSON file, deeply frozen. */
  json<T = unknown>(file: string): T;
  /** A text file (UTF-8) as a string. */
  text(file: string): string;
  /** The non-empty lines of a text file as rows (a list of search terms, of URLs…). */
  lines(file: string, options?: RowsOptions): Rows<string>;
  /**
   * Rows over an array you have (say, a list inside a JSON file): one set of pickers per array
   * and `onEnd` for the whole test, so every user shares their positions. An array that is not
   * frozen is copied once, and the rows are that frozen copy.
   */
  rows<T>(items: readonly T[], options?: RowsOptions): Rows<T>;
}
