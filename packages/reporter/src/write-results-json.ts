import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { RunResult } from '@go-heavy/core';

/**
 * Writes `result` to `path` as pretty JSON (two-space indent, trailing newline), creating the
 * parent folders. The text goes to a temporary file beside `path`, is flushed to disk, then
 * renamed over `path`: readers see the old file or the whole new one, never half of it.
 */
export async function writeResultsJson(path: string, result: RunResult): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // Same folder as the target, so the rename stays on one file system and is atomic.
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const file = await open(temp, 'w');
    try {
      await file.writeFile(`${JSON.stringify(result, null, 2)}\n`, 'utf8');
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
