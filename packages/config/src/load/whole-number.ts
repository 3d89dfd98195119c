import { ConfigError } from '../config-error.js';
import { shown } from './shown.js';

/**
 * Reads a whole number of at least `min` from a number or a string of digits (`"5"`, `5`).
 * Throws a {@link ConfigError} `<what>: expected a whole number >= <min>, got <value>`.
 */
export function parseWholeNumber(value: unknown, what: string, min = 1): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new ConfigError(`${what}: expected a whole number >= ${min}, got ${shown(value)}`);
  }
  return n;
}
