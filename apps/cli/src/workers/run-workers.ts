import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { bundledModuleOf, ConfigError } from '@go-heavy/config';
import {
  Engine,
  evaluateThresholds,
  LoadShareError,
  segmentLoads,
  workflowLoadOf,
  type EngineDeps,
  type LiveView,
  type LoadDescription,
  type ProgressUpdate,
  type Reporter,
  type RunPlan,
  type RunResult,
  type Segment,
  type TimelinePoint,
} from '@go-heavy/core';
import type { RequestLogStats } from '@go-heavy/http-client';
import { addTimelinePoint } from '@go-heavy/metrics';
import { mergeParts } from '../merge-parts.js';
import { workerRequestLog, type SharedRequestLog } from '../request-log-options.js';
import { countCrashedShare, type CrashedShare } from './crashed-share.js';
import type { MainMessage, WorkerMessage, WorkerSetup, WorkerState } from './protocol.js';
import { sizeWorkerYoungGeneration } from './worker-heap.js';

/** How long a worker that sent its results may take to exit before it is terminated. */
const WORKER_EXIT_GRACE_MS = 2000;

/** What the main thread of `--workers` needs besides the plan. */
export interface WorkersOptions {
  plan: RunPlan;
  workers: number;
  /** The share of the whole test this process runs (`--segment`), or the whole. */
  segment: Segment;
  testId: string;
  /** The engine's dependencies on the main thread, where `init` and `cleanup` run once. */
  deps: EngineDeps & { testId: string; reporters: Reporter[] };
  http: WorkerSetup['http'];
  secrets: string[];
  logLevels: WorkerSetup['logLevels'];
  /** A live consumer (dashboard, Prometheus, a plugin, `abortOnFail`) needs the merged results each second. */
  live: boolean;
  /** Told about a worker that crashed (one line); the run goes on with the others. */
  crashed(message: string): void;
  /** A line for stderr from a worker (an error no iteration awaited). */
  stderr(line: string): void;
  /**
   * `--log-requests`: each worker appends to the file the main thread opened; once every worker
   * ended, `closed` gets what each one's log said (undefined for one that never told: it crashed).
   */
  requestLog?: { shared: SharedRequestLog; closed(workers: Array<RequestLogStats | undefined>): void };
}

/** The controls of a run on worker threads: `stop` as Ctrl-C, `abort` as a second Ctrl-C. */
export interface WorkersRun {
  result: Promise<RunResult>;
  stop(): void;
  abort(): void;
}

/**
 * The most workers, up to `requested`, whose shares all can run and each have something to run.
 * A load smaller than the worker count (2 users on `--workers auto` of 4 cores) runs on fewer
 * workers rather than failing; a share that cannot run whatever the count is the engine's error.
 */
export function usableWorkers(plan: RunPlan, segment: Segment, requested: number): number {
  for (let count = requested; count > 1; count--) {
    if (Array.from({ length: count }, (_, i) => workerSegment(segment, i, count)).every((share) => hasWork(plan, share))) return count;
  }
  return 1;
}

function hasWork(plan: RunPlan, share: Segment): boolean {
  try {
    return segmentLoads(plan, share, (i) => workflowLoadOf(plan, plan.workflows[i]!)).some((load) => load !== null);
  } catch (err) {
    if (err instanceof LoadShareError) return false;
    throw err;
  }
}

/** The worker `index` (0-based) of `count` inside `segment`: a segment of the segment (see load-share.ts). */
function workerSegment(segment: Segment, index: number, count: number): Segment {
  return { index: segment.index + segment.count * index, count: segment.count * count };
}

/**
 * Runs the plan on `workers` threads, each on its exact share, with `init` and `cleanup` once on
 * this thread: `init`'s data reaches the workers by structured clone. Reporters get `onStart`,
 * one `onProgress` a second (counts added; the view merged from the workers' snapshots) and
 * `onEnd` with the merged results.
 */
export function runOnWorkers(o: WorkersOptions): WorkersRun {
  const workers: Worker[] = [];
  let stopping: MainMessage['type'] | null = null;
  const send = (message: MainMessage): void => {
    for (const w of workers) w.postMessage(message);
  };
  const stop = (): void => {
    stopping ??= 'stop';
    send({ type: 'stop' });
  };
  const result = run(o, workers, () => stopping, stop);
  return {
    result,
    stop,
    abort() {
      stopping = 'abort';
      send({ type: 'abort' });
    },
  };
}

async function run(o: WorkersOptions, workers: Worker[], stopping: () => MainMessage['type'] | null, requestStop: () => void): Promise<RunResult> {
  const { plan, deps } = o;
  const segments = Array.from({ length: o.workers }, (_, i) => workerSegment(o.segment, i, o.workers));
  // Every share is checked before init runs: a load that cannot be split is one line.
  for (const s of segments) {
    try {
      segmentLoads(plan, s, (i) => workflowLoadOf(plan, plan.workflows[i]!));
    } catch (err) {
      if (err instanceof LoadShareError) throw new ConfigError(`--workers ${o.workers}: ${err.message}`);
      throw err;
    }
  }
  const startedAt = new Date();
  const main = new Engine(plan, { ...deps, reporters: [] });
  const initData = await main.initShared();
  const meta = (load: LoadDescription, durationMs: number): Parameters<Engine['cleanupShared']>[0] => ({ testId: o.testId, startedAt, durationMs, load, interrupted: false, warmup: null });
  if (main.usesNotifications) {
    // The sources listen on this thread, while the iterations that wait would run in the workers.
    await main.cleanupShared(meta(emptyLoad(), 0));
    throw new ConfigError(
      'ctx.notifications does not work with --workers yet: init started a notification source on the main thread, and the iterations waiting for its messages would run in worker threads; run without --workers, or as --segment processes',
    );
  }
  try {
    structuredClone(initData);
  } catch (err) {
    await main.cleanupShared(meta(emptyLoad(), 0));
    throw new ConfigError(
      `init returned data that cannot be sent to worker threads (--workers): ${(err as Error).message}; return plain data (objects, arrays, strings, numbers, Maps, Dates, typed arrays), not functions, sockets or clients`,
    );
  }
  const setupOf = (segment: Segment, index: number): WorkerSetup => ({
    plan: { ...withoutThresholds(plan), segment, workflows: plan.workflows.map(({ definition: _definition, ...wf }) => ({ ...wf, bundle: bundleOf(wf.file) })) },
    testId: o.testId,
    initData,
    http: { ...o.http, connections: Math.max(1, Math.ceil((o.http.connections ?? 1) / o.workers)) },
    secrets: o.secrets,
    logLevels: o.logLevels,
    live: o.live,
    ...(o.requestLog && { requestLog: workerRequestLog(o.requestLog.shared, index) }),
  });

  const latest: Array<Extract<WorkerMessage, { type: 'progress' }> | undefined> = [];
  const lastState: Array<Partial<WorkerState> | undefined> = [];
  // Each worker's timeline, point by point from its progress: its state snapshots come without.
  const timelines: TimelinePoint[][] = segments.map(() => []);
  // How many of them its last state had seen: the counts of a state and its timeline agree.
  const stateSeen: number[] = [];
  const stateSnapshot = (i: number): RunResult | undefined => {
    const snapshot = lastState[i]?.snapshot;
    return snapshot && { ...snapshot, timeline: timelines[i]!.slice(0, stateSeen[i]) };
  };
  const results: Array<RunResult | undefined> = [];
  const crashes: Array<CrashedShare & { snapshot?: RunResult }> = [];
  const told = new Set<string>();
  const logStats: Array<RequestLogStats | undefined> = [];
  let started = 0;
  let load: LoadDescription | undefined;
  let onStarted!: () => void;
  const allStarted = new Promise<void>((resolve) => (onStarted = resolve));
  // Workers start with the young generation a load grows it to: RSS does not step up minutes in.
  sizeWorkerYoungGeneration();
  const ended = segments.map(
    (segment, i) =>
      new Promise<void>((resolve) => {
        const worker = new Worker(path.join(path.dirname(__filename), 'worker.js'), { workerData: setupOf(segment, i) });
        workers.push(worker);
        let done = false;
        let listening = false;
        const fail = (message: string, last: Partial<WorkerState> = {}): void => {
          if (done) return;
          done = true;
          // Its last words, else its last state (a few seconds old at most), else nothing ran: its whole share.
          const state = last.snapshot ? last : lastState[i];
          const snapshot = last.snapshot ?? stateSnapshot(i);
          crashes.push({ worker: i + 1, of: o.workers, message, snapshot, unfinished: state?.unfinished ?? wholeShare(plan, segment) });
          o.crashed(`worker ${i + 1} of ${o.workers} crashed: ${message}; its unfinished share is counted as failed, the others go on`);
          if (!listening && ++started === o.workers) onStarted();
          resolve();
        };
        // Once it said all it has to say (its results, then its log's counts): a thread kept alive
        // by what a workflow left running (a hung iteration a second Ctrl-C wrote off) is ended,
        // as one thread's process.exit ends it.
        const endLingering = (): void => void setTimeout(() => void worker.terminate(), WORKER_EXIT_GRACE_MS).unref();
        worker.on('message', (m: WorkerMessage) => {
          switch (m.type) {
            case 'started':
              load ??= m.load;
              listening = true;
              if (++started === o.workers) onStarted();
              // A stop asked before this worker listened.
              if (stopping() !== null) worker.postMessage({ type: stopping()! });
              return;
            case 'progress':
              latest[i] = m;
              timelines[i]!.push(m.point);
              if (m.snapshot) {
                lastState[i] = m;
                stateSeen[i] = timelines[i]!.length;
              }
              return;
            case 'log':
              deps.log?.write(m.level, m.message, m.fields);
              return;
            case 'warn':
              deps.warn?.(m.message);
              return;
            case 'stderr':
              // Each worker tells an error once; the same error from several workers, once too.
              if (!told.has(m.line)) o.stderr(m.line);
              told.add(m.line);
              return;
            case 'result':
              results[i] = m.result;
              done = true;
              if (!o.requestLog) endLingering();
              return;
            case 'requestLog':
              logStats[i] = m.stats;
              endLingering();
              return;
            case 'failed':
              fail(m.message, m);
              return;
          }
        });
        worker.on('error', (err) => fail(err.message));
        worker.on('exit', (code) => {
          if (!done) fail(`exited with code ${code} before its results`);
          resolve();
        });
      }),
  );
  await allStarted;
  const description = load ?? emptyLoad();
  const reporters = deps.reporters;
  for (const r of reporters) await r.onStart?.({ testId: o.testId, startedAt, workflows: plan.workflows.map((w) => w.name), load: description, requestStop });
  const abortOn = (plan.thresholds ?? []).filter((t) => t.abortOnFail);
  let abortedBy: string | null = null;
  const t0 = Date.now();
  const ticker = setInterval(() => {
    const parts = latest.filter((p) => p !== undefined);
    if (parts.length === 0) return;
    let view: LiveView | undefined;
    const soFar = (): RunResult => {
      // Each second with a live consumer; else the latest each worker sent (a few seconds old).
      const snapshots = segments.flatMap((_, i) => stateSnapshot(i) ?? []);
      return snapshots.length > 0 ? mergeParts(snapshots, []) : emptyResult(o.testId, startedAt, description);
    };
    const update: ProgressUpdate = {
      elapsedSec: (Date.now() - t0) / 1000,
      totalSec: plan.durationMs === null ? null : plan.durationMs / 1000,
      succeeded: sum(parts, (p) => p.succeeded),
      failed: sum(parts, (p) => p.failed),
      dropped: sum(parts, (p) => p.dropped),
      requests: sum(parts, (p) => p.requests),
      point: addPoints(parts.map((p) => p.point)),
      view: () => (view ??= soFar()),
      snapshot: soFar,
    };
    for (const r of reporters) r.onProgress?.(update);
    if (abortOn.length > 0 && abortedBy === null && stopping() === null) {
      const failed = evaluateThresholds(abortOn, update.view()).find((t) => !t.ok && t.actual !== null);
      if (failed) {
        abortedBy = failed.expr;
        for (const w of workers) w.postMessage({ type: 'stop' } satisfies MainMessage);
      }
    }
  }, 1000);
  ticker.unref();
  await Promise.all(ended);
  clearInterval(ticker);
  o.requestLog?.closed(segments.map((_, i) => logStats[i]));
  const parts = [...results.filter((r): r is RunResult => r !== undefined), ...crashes.flatMap((c) => (c.snapshot ? [c.snapshot] : []))];
  const measured = parts.length > 0 ? Math.max(...parts.map((r) => r.durationMs)) : 0;
  const initAndCleanup = await main.cleanupShared(meta(description, measured));
  const merged = mergeParts([initAndCleanup, ...parts], []);
  for (const crash of crashes) countCrashedShare(merged, crash);
  merged.thresholds = evaluateThresholds(plan.thresholds ?? [], merged);
  merged.load = description;
  merged.testId = o.testId;
  merged.workers = o.workers;
  merged.summary.interrupted = stopping() !== null;
  if (abortedBy !== null) {
    merged.summary.abortedBy = abortedBy;
    merged.summary.interrupted = false;
  }
  if (o.segment.count > 1) merged.segment = { ...o.segment };
  for (const r of reporters) await r.onEnd?.(merged);
  for (const r of reporters) await r.close?.();
  return merged;
}

/** Per workflow, the iterations of a share's budget: what a worker that never reported had to run. */
function wholeShare(plan: RunPlan, share: Segment): Record<string, number> {
  const out: Record<string, number> = {};
  segmentLoads(plan, share, (i) => workflowLoadOf(plan, plan.workflows[i]!)).forEach((load, i) => {
    if (load?.iterations) out[plan.workflows[i]!.name] = load.iterations;
  });
  return out;
}

function bundleOf(file: string): string {
  const bundle = bundledModuleOf(file);
  if (bundle === undefined) throw new Error(`${file}: not loaded by this process, no bundle to hand to the workers`);
  return bundle;
}

function withoutThresholds(plan: RunPlan): Omit<RunPlan, 'workflows' | 'thresholds'> {
  const { workflows: _w, thresholds: _t, ...rest } = plan;
  return rest;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

/** The workers' points of the last second added up (their seconds tick apart by a few ms). */
function addPoints(points: readonly TimelinePoint[]): TimelinePoint {
  const out: TimelinePoint = { ...points[0]! };
  for (const p of points.slice(1)) addTimelinePoint(out, p);
  return out;
}

function emptyLoad(): LoadDescription {
  return {
    model: 'closed',
    users: 0,
    rate: null,
    maxUsers: null,
    durationMs: null,
    iterations: null,
    warmupMs: 0,
    profile: { start: 0, stages: [] },
    uniqueUsers: null,
    distribution: null,
    jitter: null,
    gracefulStopMs: 0,
  };
}

function emptyResult(testId: string, startedAt: Date, load: LoadDescription): RunResult {
  return {
    schemaVersion: 1,
    testId,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    load,
    summary: { workflowsSucceeded: 0, workflowsFailed: 0, workflowsInterrupted: 0, requests: 0, retries: 0, droppedIterations: 0, interrupted: false, abortedBy: null },
    warmup: null,
    scheduler: null,
    workflows: [],
    timeline: [],
    thresholds: [],
  };
}
