import { ConfigError } from '@go-heavy/config';

/**
 * A TCP port typed as a flag's value: a whole number from 0 to 65535, 0 meaning "a free one".
 * Anything else is a {@link ConfigError} naming the flag and the text typed.
 */
export function parsePort(flag: string, text: string | number): number {
  const trimmed = String(text).trim();
  const port = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(port) || port > 65_535) {
    throw new ConfigError(`${flag}: expected a port from 0 to 65535 (0 takes a free one), got ${JSON.stringify(String(text))}`);
  }
  return port;
}
