import { ConfigError } from './config-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/y;

/**
 * Parses a duration such as `10s`, `500ms`, `1m30s` or `2h` into milliseconds. A number is taken
 * as milliseconds (as in a config file). `what` names the flag or field for the error message.
 */
export function parseDuration(value: unknown, what: string): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new ConfigError(`${what}: expected a duration like 10s, 500ms or 1m30s, got ${value}`);
  }
  const text = typeof value === 'string' ? value.trim() : '';
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
  if (matched <= 0) {
    throw new ConfigError(`${what}: expected a duration like 10s, 500ms or 1m30s, got "${String(value)}"`);
  }
  return total;
}

/** Formats milliseconds the way {@link parseDuration} reads them back (`1m30s`, `250ms`). */
export function formatDuration(ms: number): string {
  if (ms < 1000 || ms % 1000 !== 0) return `${ms}ms`;
  let s = ms / 1000;
  const parts: string[] = [];
  for (const [unit, size] of [['h', 3600], ['m', 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0 || parts.length === 0) parts.push(`${s}s`);
  return parts.join('');
}
