import { ConfigError } from '@go-heavy/config';

/** Lower-case letters, digits, `-` and `_`, starting with a letter: a folder and file name on every OS, and a threshold's word. */
const NAME = /^[a-z][a-z0-9_-]*$/;
const MAX_LENGTH = 64;
/** Names the tooling treats as something else: npm's folder (skipped by `go-heavy check`). */
const RESERVED = new Set(['node_modules']);

/**
 * Checks a service or workflow name given on the command line; throws a {@link ConfigError}
 * naming `what` (`service name`, `--service`…) and what was expected.
 */
export function checkName(what: string, name: string): string {
  const expected = `expected lower-case letters, digits, - and _, starting with a letter (like shop or browse-and-buy)`;
  if (!NAME.test(name)) throw new ConfigError(`${what}: ${expected}, got ${JSON.stringify(name)}`);
  if (name.length > MAX_LENGTH) throw new ConfigError(`${what}: expected at most ${MAX_LENGTH} characters, got ${name.length}`);
  if (RESERVED.has(name)) throw new ConfigError(`${what}: "${name}" is reserved (npm's folder): choose another name`);
  return name;
}
