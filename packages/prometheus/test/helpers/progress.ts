import type { ProgressUpdate, RunResult, TimelinePoint } from '@go-heavy/core';

const QUIET_SECOND: Omit<TimelinePoint, 't'> = { started: 0, dropped: 0, iterations: 0, failed: 0, requests: 0, errors: 0, p50: 0, p99: 0, max: 0, users: 0 };

/**
 * A progress update at `elapsedSec` whose live view is `view`; its full snapshot throws, since an
 * exporter must push from the cheap view while the run goes.
 */
export function progressAt(elapsedSec: number, view: () => RunResult, options: { totalSec?: number | null; second?: Omit<TimelinePoint, 't'> } = {}): ProgressUpdate {
  return {
    elapsedSec,
    totalSec: options.totalSec ?? null,
    succeeded: 0,
    failed: 0,
    dropped: 0,
    requests: 0,
    point: { t: Math.ceil(elapsedSec), ...(options.second ?? QUIET_SECOND) },
    view,
    snapshot: () => {
      throw new Error('the exporter took a full snapshot');
    },
  };
}
