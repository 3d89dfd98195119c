import { NO_REDACTION, type Redactor, type RunResult } from '@go-heavy/core';
import { gitCommit } from './git-commit.js';

/**
 * Appends a run to the history store, with the git commit of the load tests' root and the
 * user's tags (redacted like the results are). A history that cannot be written is reported,
 * never fatal: the run happened.
 */
export async function recordHistory(file: string, result: RunResult, context: { root: string; service: string; tags: Record<string, string>; redactor?: Redactor }): Promise<string | null> {
  const redactor = context.redactor ?? NO_REDACTION;
  try {
    const commit = await gitCommit(context.root);
    // Loaded here, after the run: the history never weighs on the load itself.
    const { HistoryStore } = await import('@go-heavy/history');
    const store = HistoryStore.open(file);
    try {
      const tags = Object.fromEntries(Object.entries(context.tags).map(([k, v]) => [redactor.text(k), redactor.text(v)]));
      store.record(result, { service: context.service, commit, tags });
    } finally {
      store.close();
    }
    return null;
  } catch (err) {
    return `history not recorded in ${file}: ${redactor.text(err instanceof Error ? err.message : String(err))}`;
  }
}
