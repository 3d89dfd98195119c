import type { CleanupFn } from '../workflow.js';

/**
 * Cleanups in last-in, first-out order, as f1's `t.Cleanup`. Every cleanup runs even when an
 * earlier one throws; the errors are returned, not thrown, so the caller decides what fails.
 */
export class CleanupStack {
  private readonly fns: CleanupFn[] = [];

  get size(): number {
    return this.fns.length;
  }

  push(fn: CleanupFn): void {
    if (typeof fn !== 'function') throw new TypeError('cleanup(fn): fn must be a function');
    this.fns.push(fn);
  }

  /** Runs and removes every registered cleanup, newest first. Resolves to the errors thrown. */
  async runAll(): Promise<unknown[]> {
    let errors: unknown[] | undefined;
    while (this.fns.length > 0) {
      const fn = this.fns.pop()!;
      try {
        await fn();
      } catch (err) {
        (errors ??= []).push(err);
      }
    }
    return errors ?? NO_ERRORS;
  }
}

const NO_ERRORS: unknown[] = Object.freeze([]) as unknown as unknown[];
