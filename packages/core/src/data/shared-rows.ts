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
  /** Where each picker's turns began (after {@link skip}), for messages. */
  private nextStart: number;
  private uniqueStart: number;

  constructor(
    readonly all: readonly T[],
    /** The file, as messages show it. */
    readonly source: string,
    readonly onEnd: OnEnd,
    /** Called each time rows opened with `onEnd: 'stop'` run out, with the reason. */
    private readonly stopTest: (reason: string) => void,
    /** The share of the test this process or worker runs; the whole test by default. */
    private readonly segment: Segment = WHOLE,
  ) {
    this.length = all.length;
    this.cursor = this.uniqueCursor = this.nextStart = this.uniqueStart = segment.index;
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

  /**
   * How many of the whole test's positions the sequential pickers moved past in this share, for a
   * share of this share that carries on elsewhere (`init` on the main thread, then the workers):
   * see {@link skip}. With `wrap`, `next` is modulo the length.
   */
  taken(): { next: number; unique: number } {
    const { index } = this.segment;
    const next = this.cursor - index;
    return { next: this.onEnd === 'wrap' && this.length > 0 ? ((next % this.length) + this.length) % this.length : next, unique: this.uniqueCursor - index };
  }

  /**
   * Starts after what {@link taken} said another share took: with init's picks on the main thread
   * (segment i of N) skipped, worker w (segment i + wN of WN) carries on at i + N(c + w), …
   */
  skip(next: number, unique: number): void {
    this.cursor = this.nextStart += next;
    this.uniqueCursor = this.uniqueStart += unique;
  }

  private empty(): DataFileError {
    return new DataFileError(`${this.source}: no rows to pick from`);
  }

  /** The rows ran out: the error for the caller, and with `onEnd: 'stop'` the test stops. */
  private spent(picker: string): DataFileError {
    if (this.length === 0) return this.empty();
    const stops = this.onEnd === 'stop';
    const ending = this.segment.count === 1 ? 'the test stops' : 'this segment stops';
    const reason = `${this.source}: ${picker}: ${this.used(picker === 'next()' ? this.nextStart : this.uniqueStart)}${stops ? ` (onEnd: 'stop'): ${ending}` : picker === 'next()' ? " (onEnd: 'fail')" : ''}`;
    if (stops) this.stopTest(reason);
    return new DataFileError(reason, stops);
  }

  /** What was used up: the file's rows, or this segment's turns of them from `start` (maybe none). */
  private used(start: number): string {
    const { index, count } = this.segment;
    if (count === 1 && start === 0) return `all ${this.length} rows were used`;
    const where = count === 1 ? 'this test' : `segment ${index}/${count}`;
    const dealt = count === 1 ? `init took ${start} of the ${this.length} rows` : `the ${this.length} rows are dealt out in turn to ${count} segments`;
    const mine = shareOf(this.length - (start - index), this.segment);
    if (mine === 0) return `${where} has no row: ${dealt}${start === index ? ', more segments than rows' : ''}; add rows or run fewer segments or workers`;
    return `${where} used all its ${mine} rows (${dealt})`;
  }
}
