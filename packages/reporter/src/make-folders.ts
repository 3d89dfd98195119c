import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/**
 * Creates `dir` and its missing parents one at a time, from the nearest folder that exists.
 * Not `mkdir(dir, { recursive: true })`: under /proc that call never settles (Node retries the
 * parent it cannot create forever, at 100 % CPU). The walk is bounded by the path's depth; the
 * first refusal rejects with the file system's error.
 */
export async function makeFolders(dir: string): Promise<void> {
  const missing: string[] = [];
  let existing = resolve(dir);
  for (;;) {
    const info = await stat(existing).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    if (info) {
      if (!info.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, ${existing} is a file`), { code: 'ENOTDIR' });
      break;
    }
    const parent = dirname(existing);
    if (parent === existing) break;
    missing.unshift(existing);
    existing = parent;
  }
  for (const folder of missing) {
    await mkdir(folder).catch(async (err: NodeJS.ErrnoException) => {
      // Another writer made it meanwhile: fine, as long as it is a folder.
      if (err.code === 'EEXIST' && (await stat(folder)).isDirectory()) return;
      throw err;
    });
  }
}
