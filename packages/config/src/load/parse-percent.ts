import { ConfigError } from '../config-error.js';
import { shown } from './shown.js';

const PERCENT = /^(\d+(?:\.\d+)?)\s*%$/;
const FRACTION = /^(\d+(?:\.\d+)?|\.\d+)$/;

/**
 * Reads a fraction from 0 to 1 written as a percentage (`20%`) or a fraction (`0.2`, or the
 * number 0.2): both give 0.2. Throws a {@link ConfigError}
 * `<what>: expected a fraction from 0 to 1 or a percentage like 20%, got "150%"`.
 */
export function parsePercent(value: unknown, what: string): number {
  let n = NaN;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const text = value.trim();
    const percent = PERCENT.exec(text);
    if (percent) n = Number(percent[1]) / 100;
    else if (FRACTION.test(text)) n = Number(text);
  }
  if (!Number.isFinite(n) || n < 0 || n > 1) {
    throw new ConfigError(`${what}: expected a fraction from 0 to 1 or a percentage like 20%, got ${shown(value)}`);
  }
  return n;
}
