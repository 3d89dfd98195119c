/** Options of {@link formatDuration}. */
export interface DurationFormat {
  /** Drop trailing zeros of the fraction ("5 ms" rather than "5.00 ms"), for round bounds. */
  trim?: boolean;
}

/**
 * A duration in milliseconds as people read it, with about three significant digits:
 * "850 µs" under 1 ms, "4.12 ms" / "41.2 ms" / "412 ms" under 1 s, "1.23 s" / "10.02 s" under
 * a minute, then "2 m 05 s" and "1 h 02 m 03 s". Non-finite or negative input gives "-".
 */
export function formatDuration(ms: number, options: DurationFormat = {}): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  if (ms === 0) return '0 ms';
  const trim = options.trim ? trimZeros : (s: string) => s;
  // Each tier is chosen on the rounded value, so 999.6 µs reads "1.00 ms", never "1000 µs".
  const us = Math.round(ms * 1000);
  if (us < 1000) return `${us} µs`;
  const msText = threeDigits(ms);
  if (msText !== null) return `${trim(msText)} ms`;
  const sec = ms / 1000;
  if (Number(sec.toFixed(2)) < 60) return `${trim(sec.toFixed(2))} s`;
  return clock(Math.round(sec));
}

/**
 * A duration in milliseconds in the progress line's compact form: "850µs", "4.1ms", "21ms",
 * "1.2s". Non-finite or negative input gives "-".
 */
export function formatDurationCompact(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '-';
  const us = Math.round(ms * 1000);
  if (us < 1000) return `${us}µs`;
  const tenths = ms.toFixed(1);
  if (Number(tenths) < 10) return `${tenths}ms`;
  const whole = Math.round(ms);
  if (whole < 1000) return `${whole}ms`;
  return `${(ms / 1000).toFixed(1)}s`;
}

/** `ms` in [1, 1000) with three significant digits, or null when it rounds to 1000 or more. */
function threeDigits(ms: number): string | null {
  for (const decimals of [2, 1, 0]) {
    const text = ms.toFixed(decimals);
    if (Number(text) < 10 ** (3 - decimals)) return text;
  }
  return null;
}

/** "5.00" → "5", "2.50" → "2.5": a number's text without trailing zeros of its fraction. */
export function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

function clock(totalSec: number): string {
  const h = Math.floor(totalSec / 3600);
  const m = Math.floor((totalSec % 3600) / 60);
  const s = totalSec % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${two(m)} m ${two(s)} s` : `${m} m ${two(s)} s`;
}
