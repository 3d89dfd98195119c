import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { makeFolders } from './make-folders.js';

/**
 * Writes `text` (UTF-8) to `path`, creating the parent folders: to a temporary file beside
 * `path`, flushed, then renamed over `path`, so readers see the old file or the whole new one.
 * A failed write removes the temporary file and rejects. Every file a reporter writes goes here.
 */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const dir = dirname(path);
  await makeFolders(dir);
  // Same folder as the target, so the rename stays on one file system and is atomic.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(text, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
