import type { LoadDescription, LogLevel, RunPlan, RunResult, Segment, TimelinePoint } from '@go-heavy/core';
import type { HttpClientOptions, RequestLogStats } from '@go-heavy/http-client';
import type { SharedRequestLog } from '../request-log-options.js';

/** A planned workflow as it crosses to a worker: its definition stays behind, its bundle goes. */
export type WorkerWorkflow = Omit<RunPlan['workflows'][number], 'definition'> & { bundle: string };

/** What a worker thread starts with (`workerData`): plain data only (structured clone). */
export interface WorkerSetup {
  plan: Omit<RunPlan, 'workflows' | 'thresholds'> & { workflows: WorkerWorkflow[]; segment: Segment };
  testId: string;
  /** What every workflow's `init` returned on the main thread, by workflow name. */
  initData: Record<string, unknown>;
  http: Pick<HttpClientOptions, 'timeoutMs' | 'connections' | 'insecure' | 'discardResponseBodies' | 'maxResponseBytes' | 'maxRedirects'>;
  /** The secret values the recorder redacts (none with --show-secrets). */
  secrets: string[];
  /** `ctx.log` levels the main thread's log writes: lines of other levels are not sent. */
  logLevels: LogLevel[];
  /** Send the complete results so far every second (live consumers need percentiles), besides the counts. */
  live: boolean;
  /** `--log-requests`: the worker appends its own lines to the main thread's file, and says how many it wrote. */
  requestLog?: SharedRequestLog;
}

/** Worker to main thread. */
export type WorkerMessage =
  | { type: 'started'; load: LoadDescription }
  | { type: 'progress'; succeeded: number; failed: number; dropped: number; requests: number; point: TimelinePoint; snapshot?: RunResult }
  | { type: 'log'; level: LogLevel; message: string; fields: Record<string, unknown> }
  | { type: 'warn'; message: string }
  | { type: 'result'; result: RunResult }
  | { type: 'requestLog'; stats: RequestLogStats }
  | { type: 'failed'; message: string };

/** Main thread to worker. */
export type MainMessage = { type: 'stop' } | { type: 'abort' };
