import type { LiveView } from './live-view.js';
import type { RunResult, TimelinePoint, LoadDescription } from './run-result.js';

export interface RunStartInfo {
  testId: string;
  startedAt: Date;
  workflows: string[];
  load: LoadDescription;
  /**
   * Asks the run to stop as Ctrl-C would: no new iterations, graceful stop, results. For
   * reporters that offer a stop button (the dashboard).
   */
  requestStop(): void;
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
  /**
   * The results so far, every workflow, step and request with their counts and latency
   * percentiles, without buckets and encoded histograms: what a live view shows. Built once per
   * update, on first call, and shared by every reporter that asks (treat it as read-only).
   */
  view(): LiveView;
  /**
   * The complete results so far, buckets and encoded histograms included. Costly (every
   * histogram is compressed on the load's thread): prefer {@link view}; call this every few
   * seconds at most, and only to export histograms.
   */
  snapshot(): RunResult;
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
  /** Flushes and releases what the reporter holds (files, servers); awaited after `onEnd`. */
  close?(): Promise<void>;
}

/** The version of the reporter plugin contract; bumped when it changes incompatibly. */
export const REPORTER_API_VERSION = 1;

/** What a reporter plugin's factory receives besides its options. */
export interface ReporterContext {
  /** {@link REPORTER_API_VERSION} of the go-heavy running the plugin. */
  apiVersion: number;
  /** The folder holding `services/`. */
  root: string;
  /** Where output files of relative paths go (the working directory). */
  cwd: string;
}

/**
 * What a reporter plugin package default-exports: named in `heavy.config.ts`
 * (`reporters: [['@acme/go-heavy-reporter-slack', { channel: '#perf' }]]`) or `--reporter NAME`,
 * resolved from the user's project, and called once per run.
 */
export type ReporterFactory<Options = Record<string, unknown>> = (options: Options, context: ReporterContext) => Reporter | Promise<Reporter>;
