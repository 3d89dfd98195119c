/** An integer count, rounded, without separators so it can be copied and compared as is. */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? String(Math.round(n)) : '-';
}

/** A per-second rate with one decimal ("499.4"). */
export function formatRate(perSec: number): string {
  return Number.isFinite(perSec) ? perSec.toFixed(1) : '-';
}

/** `part` as a percentage of `whole` with one decimal ("41.2%"); "0.0%" when `whole` is 0 or either is not a number. */
export function formatPercent(part: number, whole: number): string {
  return Number.isFinite(part) && Number.isFinite(whole) && whole > 0 ? `${((part / whole) * 100).toFixed(1)}%` : '0.0%';
}

/** A count and its noun, plural unless the count is 1: "1 user", "12 users". */
export function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
