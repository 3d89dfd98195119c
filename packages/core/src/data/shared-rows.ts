import type { VirtualUser } from '../workflow.js';
import { DataFileError } from './data-file-error.js';
import type { OnEnd, Rows } from './types.js';

/**
 * The pickers over one test's rows. JavaScript runs one iteration's code at a time, so the shared
 * positions need no lock: each call takes the position and moves it before returning. Every
 * picker only reads an index and a number: nothing is allocated per pick.
 */
export class SharedRows<T> implements Rows<T> {
  readonly length: number;
  private cursor = 0;
  private uniqueCursor = 0;

  constructor(
    readonly all: readonly T[],
    /** The file, as messages show it. */
    private readonly source: string,
    private readonly onEnd: OnEnd,
    /** Called each time rows opened with `onEnd: 'stop'` run out, with the reason. */
    private readonly stopTest: (reason: string) => void,
  ) {
    this.length = all.length;
  }

  next(): T {
    if (this.cursor >= this.length) {
      if (this.length > 0 && this.onEnd === 'wrap') this.cursor = 0;
      else throw this.spent('next()');
    }
    return this.all[this.cursor++]!;
  }

  random(): T {
    if (this.length === 0) throw this.empty();
    return this.all[Math.floor(Math.random() * this.length)]!;
  }

  forUser(user: VirtualUser): T {
    if (this.length === 0) throw this.empty();
    if (!(user.id >= 0)) throw new DataFileError(`${this.source}: forUser(): init and cleanup run as no particular user; pick a row in run or userInit`);
    return this.all[user.id % this.length]!;
  }

  unique(): T {
    if (this.uniqueCursor >= this.length) throw this.spent('unique()');
    return this.all[this.uniqueCursor++]!;
  }

  private empty(): DataFileError {
    return new DataFileError(`${this.source}: no rows to pick from`);
  }

  /** The rows ran out: the error for the caller, and with `onEnd: 'stop'` the test stops. */
  private spent(picker: string): DataFileError {
    if (this.length === 0) return this.empty();
    if (this.onEnd === 'stop') {
      const reason = `${this.source}: ${picker}: all ${this.length} rows were used (onEnd: 'stop'): the test stops`;
      this.stopTest(reason);
      return new DataFileError(reason, true);
    }
    return new DataFileError(`${this.source}: ${picker}: all ${this.length} rows were used${picker === 'next()' ? " (onEnd: 'fail')" : ''}`);
  }
}
