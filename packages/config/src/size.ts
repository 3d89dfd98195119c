import { ConfigError } from './config-error.js';

const UNIT_BYTES: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 2 ** 10, mib: 2 ** 20, gib: 2 ** 30 };
const SIZE = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i;

/**
 * Parses a size such as `64MB` (10^6 bytes), `64MiB` (2^20), `512kB` or `1.5GB` into a whole
 * number of bytes above zero. A number, or a string without a unit, is bytes. `what` names the
 * flag or field for the error message.
 */
export function parseSize(value: unknown, what: string): number {
  let bytes = Number.NaN;
  if (typeof value === 'number') {
    bytes = value;
  } else if (typeof value === 'string') {
    const m = SIZE.exec(value.trim());
    const unit = m === null ? undefined : UNIT_BYTES[m[2] === '' ? 'b' : m[2]!.toLowerCase()];
    if (m !== null && unit !== undefined) bytes = Math.floor(Number(m[1]) * unit);
  }
  if (!(Number.isSafeInteger(bytes) && bytes > 0)) {
    throw new ConfigError(`${what}: expected a size above zero like 64MB, 512KiB or a number of bytes, got ${JSON.stringify(value)}`);
  }
  return bytes;
}
