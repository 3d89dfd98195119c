import type { RunResult, TimelinePoint, LoadDescription } from './run-result.js';

export interface RunStartInfo {
  testId: string;
  startedAt: Date;
  workflows: string[];
  load: LoadDescription;
}

/** Totals so far, sent once per second of the measured phase. */
export interface ProgressUpdate {
  /** Seconds since the measured phase began. */
  elapsedSec: number;
  /** Planned length of the measured phase in seconds, when known. */
  totalSec: number | null;
  succeeded: number;
  failed: number;
  dropped: number;
  requests: number;
  /** The second that just ended. */
  point: TimelinePoint;
}

/**
 * Turns a run into something people read. Every hook is optional; hooks may be async and the
 * engine awaits `onStart` and `onEnd`. `onProgress` is synchronous and must be cheap: it runs
 * on the same thread as the load.
 */
export interface Reporter {
  readonly name: string;
  onStart?(info: RunStartInfo): void | Promise<void>;
  onProgress?(update: ProgressUpdate): void;
  onEnd?(result: RunResult): void | Promise<void>;
}
