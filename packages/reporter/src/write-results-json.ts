import type { RunResult } from '@go-heavy/core';
import { writeFileAtomic } from './write-file-atomic.js';

/**
 * Writes `result` to `path` as pretty JSON (two-space indent, trailing newline), creating the
 * parent folders, atomically: readers see the old file or the whole new one, never half of it.
 */
export function writeResultsJson(path: string, result: RunResult): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
}
