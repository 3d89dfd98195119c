/** Default `waitFor` timeout. */
export const DEFAULT_WAIT_MS = 30_000;

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/**
 * A time given as milliseconds or as `'500ms'`, `'10s'`, `'2m'` (fractions allowed), for the
 * options of `ctx.notifications`. Throws a TypeError naming `what` and the value otherwise.
 */
export function parseWaitMs(value: number | string | undefined, what: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  if (typeof value === 'string') {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(value);
    if (m && Number(m[1]) > 0) return Number(m[1]) * UNITS[m[2]!]!;
  }
  throw new TypeError(`${what}: expected a positive number of milliseconds or a duration such as '10s', '500ms', '2m'; got ${JSON.stringify(value)}`);
}
