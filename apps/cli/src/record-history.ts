import type { RunResult } from '@go-heavy/core';
import { gitCommit } from './git-commit.js';

/**
 * Appends a run to the history store, with the git commit of the load tests' root and the
 * user's tags. A history that cannot be written is reported, never fatal: the run happened.
 */
export async function recordHistory(file: string, result: RunResult, context: { root: string; service: string; tags: Record<string, string> }): Promise<string | null> {
  try {
    const commit = await gitCommit(context.root);
    // Loaded here, after the run: the history never weighs on the load itself.
    const { HistoryStore } = await import('@go-heavy/history');
    const store = HistoryStore.open(file);
    try {
      store.record(result, { service: context.service, commit, tags: context.tags });
    } finally {
      store.close();
    }
    return null;
  } catch (err) {
    return `history not recorded in ${file}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
