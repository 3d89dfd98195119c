import { shareOf, type Segment } from '../load-share.js';
import type { VirtualUser } from '../workflow.js';
import { DataFileError } from './data-file-error.js';
import type { OnEnd, Rows } from './types.js';

/** The whole test: one share. */
const WHOLE: Segment = { index: 0, count: 1 };

/**
 * The pickers over one test's rows. JavaScript runs one iteration's code at a time, so the shared
 * positions need no lock: each call takes the position and moves it before returning. Every
 * picker only reads an index and a number: nothing is allocated per pick.
 *
 * In a segment of the test (`--segment`, a worker of `--workers`), the whole test's sequence of
 * `next()` and `unique()` calls is dealt out as every other item of load-share.ts: segment i of N
 * takes positions i, i + N, i + 2N, … of it. So the segments' `unique()` rows never overlap and
 * together are the file's first rows, and `next()` walks (i + kN) mod length with `wrap`.
 */
export class SharedRows<T> implements Rows<T> {
  readonly length: number;
  /** The row the next call takes: this segment's positions, `stride` apart. */
  private cursor: number;
  private uniqueCursor: number;
  private readonly stride: number;

  constructor(
    readonly all: readonly T[],
    /** The file, as messages show it. */
    private readonly source: string,
    private readonly onEnd: OnEnd,
    /** Called each time rows opened with `onEnd: 'stop'` run out, with the reason. */
    private readonly stopTest: (reason: string) => void,
    /** The share of the test this process or worker runs; the whole test by default. */
    private readonly segment: Segment = WHOLE,
  ) {
    this.length = all.length;
    this.cursor = this.uniqueCursor = segment.index;
    this.stride = segment.count;
  }

  next(): T {
    if (this.cursor >= this.length) {
      // Wrapping keeps the position modulo the length, so the cursor stays small.
      if (this.length > 0 && this.onEnd === 'wrap') this.cursor %= this.length;
      else throw this.spent('next()');
    }
    const row = this.all[this.cursor]!;
    this.cursor += this.stride;
    return row;
  }

  random(): T {
    if (this.length === 0) throw this.empty();
    return this.all[Math.floor(Math.random() * this.length)]!;
  }

  forUser(user: VirtualUser): T {
    if (this.length === 0) throw this.empty();
    if (!(user.id >= 0)) throw new DataFileError(`${this.source}: forUser(): init and cleanup run as no particular user; pick a row in run or userInit`);
    // user.id is numbered across the whole test (user-pool.ts), so this needs no segment.
    return this.all[user.id % this.length]!;
  }

  unique(): T {
    if (this.uniqueCursor >= this.length) throw this.spent('unique()');
    const row = this.all[this.uniqueCursor]!;
    this.uniqueCursor += this.stride;
    return row;
  }

  private empty(): DataFileError {
    return new DataFileError(`${this.source}: no rows to pick from`);
  }

  /** The rows ran out: the error for the caller, and with `onEnd: 'stop'` the test stops. */
  private spent(picker: string): DataFileError {
    if (this.length === 0) return this.empty();
    const stops = this.onEnd === 'stop';
    const ending = this.segment.count === 1 ? 'the test stops' : 'this segment stops';
    const reason = `${this.source}: ${picker}: ${this.used()}${stops ? ` (onEnd: 'stop'): ${ending}` : picker === 'next()' ? " (onEnd: 'fail')" : ''}`;
    if (stops) this.stopTest(reason);
    return new DataFileError(reason, stops);
  }

  /** What was used up: the file's rows, or this segment's share of them (maybe none). */
  private used(): string {
    const { index, count } = this.segment;
    if (count === 1) return `all ${this.length} rows were used`;
    const where = `segment ${index}/${count}`;
    const dealt = `the ${this.length} rows are dealt out in turn to ${count} segments`;
    const mine = shareOf(this.length, this.segment);
    if (mine === 0) return `${where} has no row: ${dealt}, more segments than rows; add rows or run fewer segments or workers`;
    return `${where} used all its ${mine} rows (rows ${index}, ${index + count}, …: ${dealt})`;
  }
}
