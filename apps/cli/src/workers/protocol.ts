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
  /** A live consumer (dashboard, Prometheus, a plugin, `abortOnFail`) reads the merged results each second. */
  live: boolean;
  /** `--log-requests`: the worker appends its own lines to the main thread's file, and says how many it wrote. */
  requestLog?: SharedRequestLog;
}

/**
 * What a worker would take with it if it died now: its results so far and, per workflow, its
 * iterations not ended ({@link Engine.unfinished}). Sent with its progress (a thread killed for
 * its memory says nothing more), every second for a live consumer, else every
 * {@link STATE_EVERY_S} seconds, and as last words when it can.
 */
export interface WorkerState {
  /**
   * With progress, without its timeline (`timeline: []`): the main thread has each point from
   * the progress messages, and a snapshot a point longer each second made the main thread's
   * garbage, and its RSS, grow with the run. Last words carry it whole.
   */
  snapshot: RunResult;
  unfinished: Record<string, number>;
}

/** Worker to main thread. */
export type WorkerMessage =
  | { type: 'started'; load: LoadDescription }
  | ({ type: 'progress'; succeeded: number; failed: number; dropped: number; requests: number; point: TimelinePoint } & Partial<WorkerState>)
  | { type: 'log'; level: LogLevel; message: string; fields: Record<string, unknown> }
  | { type: 'warn'; message: string }
  /** A line for stderr: an error no iteration awaited, told as one thread tells it. */
  | { type: 'stderr'; line: string }
  | { type: 'result'; result: RunResult }
  | { type: 'requestLog'; stats: RequestLogStats }
  /** The worker is dying (an error, `process.exit` in a workflow): its last state when it has one. */
  | ({ type: 'failed'; message: string } & Partial<WorkerState>);

/** Main thread to worker. */
export type MainMessage = { type: 'stop' } | { type: 'abort' };

/**
 * Without a live consumer, a worker's state goes with every 5th progress message: a snapshot
 * each second costs its thread about 3 ms and, over a long soak, made the process's memory creep
 * (natively: the heaps stayed flat), while a worker killed for its memory then loses at most
 * these seconds of counts.
 */
export const STATE_EVERY_S = 5;
