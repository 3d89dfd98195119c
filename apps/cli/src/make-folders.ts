import { mkdirSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';

/**
 * Creates `dir` and any missing parents, one at a time from the nearest folder that exists.
 * Not `mkdirSync(dir, { recursive: true })`: under /proc that call never returns (Node retries
 * the parent it cannot create forever, at 100 % CPU). The walk is bounded by the path's depth.
 * Throws an Error whose message says what is in the way, in words a user can act on.
 */
export function makeFolders(dir: string): void {
  const missing: string[] = [];
  let existing = path.resolve(dir);
  for (;;) {
    const info = statIfAny(existing);
    if (info) {
      if (!info.isDirectory()) throw new Error(`${existing} is a file, not a folder`);
      break;
    }
    const parent = path.dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(folder).isDirectory()) continue;
      throw new Error(`cannot create the folder ${folder}: ${reason(err)}`);
    }
  }
}

/** The entry at `file`, or undefined when there is none (also when a parent is a file). */
export function statIfAny(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

/** Why the file system refused, in words; the code stays for a search. */
export function reason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'not permitted here',
    EROFS: 'the file system is read-only',
    // /proc and its like answer ENOENT to any new name.
    ENOENT: 'this file system does not take new files or folders',
    ENOSPC: 'no space left on the device',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'the name is too long',
  };
  const known = code === undefined ? undefined : words[code];
  return known ? `${known} (${code})` : (err instanceof Error ? err.message : String(err)).split('\n', 1)[0]!;
}
