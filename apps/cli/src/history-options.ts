import path from 'node:path';
import { ConfigError } from '@go-heavy/config';

/** Where the history store lives unless `--history PATH` says otherwise. */
export function historyFile(root: string, flag: string | undefined): string {
  return flag === undefined ? path.join(root, '.go-heavy', 'history.ndjson') : path.resolve(flag);
}

/** `--tag env=staging --tag region=eu` as a record; a tag without `=` is a usage error. */
export function parseTags(tags: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) {
    const eq = tag.indexOf('=');
    if (eq <= 0) throw new ConfigError(`--tag: expected key=value, like env=staging, got "${tag}"`);
    out[tag.slice(0, eq).trim()] = tag.slice(eq + 1).trim();
  }
  return out;
}
