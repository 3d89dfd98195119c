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
 *
 * Across the shares of a test (worker threads of `--workers`, processes of `--segment i/N`, and
 * both), the whole test's sequence of `next()` and `unique()` calls is dealt out as the load is:
 * share i of N takes positions i, i + N, i + 2N, … So `unique()` never gives a row twice in the
 * whole test and the shares spend the rows evenly (10 rows over 3 shares: 4 + 3 + 3), and each
 * share's `next()` walks its turns of the file. A share runs out of rows when its own turns are
 * spent, which is about when the others' are; a share with no turn at all (fewer rows than shares)
 * gets the same error as a spent one, naming the file and the segment. With `--workers`, rows
 * returned from `init` (which runs once, on the main thread) reach the workers as their own
 * pickers, which carry on after the rows `init` took.
 */
export interface Rows<T> {
  /** Every row, in file order. */
  readonly all: readonly T[];
  readonly length: number;
  /**
   * The next row in file order, across all users of the test; at the end, see {@link OnEnd}. In
   * share i of N (`--workers`, `--segment`): rows i, i + N, … (modulo the length with `wrap`).
   */
  next(): T;
  /** A row drawn uniformly at random (rows may repeat). */
  random(): T;
  /**
   * The row of this user identity: the same for all its iterations (`ctx.user.id` modulo the
   * number of rows, so distinct for as many users as there are rows). User ids are numbered across
   * the whole test, shares included, so this holds across workers and segments too. Not in `init`
   * or `cleanup`, which run as no particular user.
   */
  forUser(user: VirtualUser): T;
  /**
   * A row no other call got in this test, in file order, across every worker and segment (share
   * i of N takes rows i, i + N, …). Once every row was handed out (in a share: its own turns) it
   * throws (or, with `onEnd: 'stop'`, stops the test, or that share of it).
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
