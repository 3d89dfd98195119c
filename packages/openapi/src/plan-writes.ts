import { fileState, recordedHash } from './generated-header.js';
import type { GeneratedFile } from './generate-service.js';

/** What regeneration does with one file. */
export type WriteAction =
  /** No such file yet. */
  | 'create'
  /** The file is as generated and its content changes. */
  | 'update'
  /** The file is as generated and would not change. */
  | 'unchanged'
  /** Edited by someone, but the spec did not change what would be generated: the edits stay. */
  | 'keep-edited'
  /** Edited by someone and the spec changed it: refused (overwritten with `force`). */
  | 'refuse-edited'
  /** A file of the same name not written by the generator: refused (overwritten with `force`). */
  | 'refuse-foreign'
  /** Edited or foreign, overwritten because of `force`. */
  | 'overwrite';

export interface PlannedWrite extends GeneratedFile {
  action: WriteAction;
}

/**
 * Decides, for each generated file, whether to write it, from the file now on disk (`current`
 * returns its content, or undefined when there is none). A file whose content still matches the
 * hash in its header is the generator's and is rewritten; one that does not was edited and is
 * kept when the new content is what it was generated from, refused otherwise unless `force`.
 */
export function planWrites(files: readonly GeneratedFile[], current: (path: string) => string | undefined, force: boolean): PlannedWrite[] {
  return files.map((file) => {
    const existing = current(file.path);
    if (existing === undefined) return { ...file, action: 'create' };
    if (existing === file.content) return { ...file, action: 'unchanged' };
    const state = fileState(existing);
    if (state.kind === 'as-generated') return { ...file, action: 'update' };
    if (force) return { ...file, action: 'overwrite' };
    if (state.kind === 'edited' && state.hash === recordedHash(file.content)) return { ...file, action: 'keep-edited' };
    return { ...file, action: state.kind === 'edited' ? 'refuse-edited' : 'refuse-foreign' };
  });
}
