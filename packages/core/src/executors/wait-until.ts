import { setTimeout as delay } from 'node:timers/promises';

/**
 * Sleeps until `performance.now()` reaches `at`, or until `signal` aborts. Resolves false when
 * aborted. Timers fire late, never early: callers measure the lag against `at` themselves.
 */
export async function waitUntil(at: number, signal: AbortSignal): Promise<boolean> {
  // Node truncates fractional delays and measures from the loop's cached clock, so a timer can
  // fire up to a millisecond early: sleep again until the clock has really passed `at`.
  for (let ms = at - performance.now(); ms > 0; ms = at - performance.now()) {
    if (signal.aborted) return false;
    try {
      await delay(Math.ceil(ms), undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal.aborted;
}
