import { setTimeout as delay } from 'node:timers/promises';
import { now } from '../clock.js';

/**
 * Sleeps until `performance.now()` reaches `at`, or until `signal` aborts. Resolves false when
 * aborted. Never early; late by up to about a millisecond (Node's timer granularity) plus the
 * time other work holds the event loop. Timers only, never polling: a sleeping run costs no CPU.
 */
export async function waitUntil(at: number, signal: AbortSignal): Promise<boolean> {
  // A timer may fire a little early against performance.now() (its start is the loop's cached
  // clock): sleep again for what is left, at least 1 ms, until the time is reached.
  for (let ms = at - now(); ms > 0; ms = at - now()) {
    if (signal.aborted) return false;
    try {
      await delay(Math.max(1, Math.ceil(ms)), undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}
