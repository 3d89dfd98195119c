import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';

/**
 * Checks, before any load is sent, that a file named by a flag can be written: its folder is
 * created if missing and must be a writable folder. A bad path is the user's mistake, so it is
 * one line naming the flag and exit code 2 — not a failure after the run, when the results
 * would be lost. Returns the absolute path.
 */
export function writablePath(flag: string, file: string): string {
  const absolute = path.resolve(file);
  const dir = path.dirname(absolute);
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
    accessSync(dir, constants.W_OK);
    if (statSync(absolute, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`${absolute} is a folder`);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'EEXIST' || (err as NodeJS.ErrnoException).code === 'ENOTDIR' ? `${nearestFile(dir)} is a file, not a folder` : (err as Error).message;
    throw new ConfigError(`${flag}: cannot write ${file}: ${reason}`);
  }
  return absolute;
}

/** The first ancestor of `dir` that exists, which is then a file. */
function nearestFile(dir: string): string {
  for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
    if (statSync(d, { throwIfNoEntry: false })) return d;
  }
  return dir;
}
