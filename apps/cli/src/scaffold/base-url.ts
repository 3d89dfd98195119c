import { ConfigError } from '@go-heavy/config';

/** Where a new service points when `--base-url` is not given: the usual port of a Node.js dev server. */
export const DEFAULT_BASE_URL = 'http://localhost:3000';

/** Checks `--base-url`: an http(s) URL, written to env.default as given (without a trailing slash). */
export function checkBaseUrl(value: string | undefined): string {
  if (value === undefined) return DEFAULT_BASE_URL;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // A newline would end the env.default line and start another variable.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /\s/.test(value)) {
    throw new ConfigError(`--base-url: expected an http:// or https:// URL like ${DEFAULT_BASE_URL}, got ${JSON.stringify(value)}`);
  }
  return value.replace(/\/+$/, '');
}
