import { accessSync, closeSync, constants, openSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import { makeFolders, reason, statIfAny } from './make-folders.js';

/**
 * Checks, before any load is sent, that a file named by a flag (or a variable) can be written:
 * its missing folders are created, and a probe file is created and removed beside it, the only
 * sure test (root passes every permission check, yet /proc and /sys refuse new files). A bad
 * path is the user's mistake, so it is one line naming the flag and exit code 2, not a failure
 * after the run, when the results would be lost. Returns the absolute path.
 */
export function writablePath(flag: string, file: string): string {
  if (file.trim() === '') throw new ConfigError(`${flag}: expected a file path, like results.json, got ""`);
  const absolute = path.resolve(file);
  try {
    const info = statIfAny(absolute);
    if (info?.isDirectory()) throw new Error(`${absolute} is a folder`);
    const dir = path.dirname(absolute);
    makeFolders(dir);
    probe(dir, path.basename(absolute));
    if (info) accessSync(absolute, constants.W_OK);
  } catch (err) {
    const why = err instanceof Error && !('code' in err) ? err.message : reason(err);
    throw new ConfigError(`${flag}: cannot write ${file}: ${why}`);
  }
  return absolute;
}

function probe(dir: string, name: string): void {
  const file = path.join(dir, `.${name}.${process.pid}.probe`);
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    throw new Error(`cannot create files in ${dir}: ${reason(err)}`);
  }
  closeSync(fd);
  unlinkSync(file);
}
