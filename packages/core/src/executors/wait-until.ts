import { setImmediate as nextTurn, setTimeout as delay } from 'node:timers/promises';

/**
 * Below this many ms to go, poll the event loop instead of arming a timer: Node's timers have
 * millisecond granularity (fractions are truncated, the clock is the loop's cached one), so a
 * timer alone starts iterations up to a millisecond late.
 */
const POLL_BELOW_MS = 1.5;

/**
 * Sleeps until `performance.now()` reaches `at`, or until `signal` aborts. Resolves false when
 * aborted. Never early; late only by the time other work holds the event loop.
 */
export async function waitUntil(at: number, signal: AbortSignal): Promise<boolean> {
  for (let ms = at - performance.now(); ms > 0; ms = at - performance.now()) {
    if (signal.aborted) return false;
    if (ms < POLL_BELOW_MS) {
      // One loop turn: I/O and other timers run, then the clock is read again.
      await nextTurn();
      continue;
    }
    try {
      await delay(Math.floor(ms - 1), undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}
