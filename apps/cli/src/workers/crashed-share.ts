import type { RunResult, WorkerCrash } from '@go-heavy/core';

/** The reason a crashed worker's iterations are counted under in `failureReasons`. */
const CRASH_REASON = 'worker thread crashed';

/** A worker that died before its results: which, why, and its iterations not ended by workflow. */
export interface CrashedShare {
  worker: number;
  of: number;
  message: string;
  unfinished: Readonly<Record<string, number>>;
}

/**
 * Counts a crashed worker's unfinished share as failed in the merged results: per workflow in
 * `lostToCrash` and under {@link CRASH_REASON}, and in `summary.workflowsFailed`. Not in `runs`
 * nor in any latency: those iterations never ended, so they have none. Returns the crash as the
 * results list it.
 */
export function countCrashedShare(result: RunResult, crash: CrashedShare): WorkerCrash {
  let lost = 0;
  for (const [name, count] of Object.entries(crash.unfinished)) {
    if (!(count > 0)) continue;
    lost += count;
    const wf = result.workflows.find((w) => w.name === name);
    if (wf === undefined) continue;
    wf.lostToCrash = (wf.lostToCrash ?? 0) + count;
    wf.failureReasons[CRASH_REASON] = (wf.failureReasons[CRASH_REASON] ?? 0) + count;
  }
  result.summary.workflowsFailed += lost;
  const entry: WorkerCrash = { worker: crash.worker, of: crash.of, message: crash.message, lostIterations: lost };
  (result.crashedWorkers ??= []).push(entry);
  return entry;
}
