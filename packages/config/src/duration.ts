import { ConfigError } from './config-error.js';
import { shown } from './load/shown.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;
/** Zero is zero in every unit, so it alone may go without one (`--warmup 0`). */
const BARE_ZERO = /^0+(?:\.0+)?$/;
const EXAMPLE = 'expected a duration like 10s, 500ms or 1m30s';

/**
 * Parses a duration such as `10s`, `500ms`, `1m30s`, `2h` or a bare `0` into milliseconds. A
 * number is taken as milliseconds (as in a config file). `what` names the flag or field for the
 * error message; anything else, and a total too large to be a number, is a {@link ConfigError}.
 */
export function parseDuration(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new ConfigError(`${what}: ${EXAMPLE}, got ${value}`);
  }
  const text = typeof value === 'string' ? value.trim() : '';
  if (BARE_ZERO.test(text)) return 0;
  let total = 0;
  PART.lastIndex = 0;
  let matched = 0;
  while (PART.lastIndex < text.length) {
    const at = PART.lastIndex;
    const m = PART.exec(text);
    if (!m || m.index !== at) {
      matched = -1;
      break;
    }
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    matched++;
  }
  if (matched <= 0 || !Number.isFinite(total)) {
    const bare = /^\d+(?:\.\d+)?$/.test(text) ? ' (a number other than 0 needs a unit)' : '';
    throw new ConfigError(`${what}: ${EXAMPLE}, got ${shown(value)}${bare}`);
  }
  return total;
}

/**
 * {@link parseDuration} for settings where zero is a mistake (`--duration 0`, `--timeout 0`):
 * the message says a duration above zero is expected, with `why` it must be, so the user reads
 * what the setting is for rather than a complaint about units.
 */
export function parsePositiveDuration(value: unknown, what: string, why: string): number {
  const ms = parseDuration(value, what);
  if (ms <= 0) throw new ConfigError(`${what}: expected a duration above zero like 30s, got ${shown(value)}: ${why}`);
  return ms;
}

/** Formats milliseconds the way {@link parseDuration} reads them back (`1m30s`, `250ms`). */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${plain(ms)}ms`;
  let s = ms / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (s >= size) {
      parts.push(`${plain(Math.floor(s / size))}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${plain(s)}s`);
  return parts.join('');
}

/** A number in digits, never in exponent notation (`1e-7` reads back as no duration). */
function plain(n: number): string {
  const text = String(n);
  return text.includes('e') ? n.toLocaleString('en-US', { useGrouping: false, maximumSignificantDigits: 17 }) : text;
}
