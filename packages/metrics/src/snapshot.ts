import { formatTags, RESULTS_SCHEMA_VERSION } from '@go-heavy/core';
import type { LiveRequest, LiveStats, LiveStep, LiveView, LiveWorkflow, RunMeta, RunResult, SchedulerStats } from '@go-heavy/core';
import { encodeHistogram } from './histogram.js';
import { stepMetrics, workflowMetrics, runMetrics } from './custom-metric-levels.js';
import type { LevelCounter } from './level-counter.js';
import type { RunCounters } from './run-counters.js';
import { allLatencyStats, toLiveStats, toStats } from './stats.js';
import { StatusCounter } from './status-counter.js';
import type { RequestHandle } from './request-handle.js';
import type { StepHandle } from './step-handle.js';
import { taggedField } from './tagged-series.js';
import type { WorkflowHandle } from './workflow-handle.js';

/** The stats of one level: complete ({@link toStats}) for results, live ({@link toLiveStats}) for views. */
type LevelStats = (name: string, level: LevelCounter, status: StatusCounter, durationMs: number) => LiveStats;

/**
 * The results of a recorder as plain data. Steps roll up their requests' status codes and errors,
 * workflows their steps'. Requests never recorded, and steps with neither runs nor requests (an
 * implicit "(no step)" a workflow never used), are left out; order is first use.
 */
export function buildRunResult(workflows: Iterable<WorkflowHandle>, counters: RunCounters, meta: RunMeta): RunResult {
  // Every level built by toStats has its buckets and histogram: the view's shape plus those.
  return build(workflows, counters, meta, toStats) as RunResult;
}

/**
 * The same as {@link buildRunResult} without any level's buckets and encoded histogram: what
 * live consumers read once a second. The counts and percentiles are the same.
 */
export function buildLiveView(workflows: Iterable<WorkflowHandle>, counters: RunCounters, meta: RunMeta): LiveView {
  return build(workflows, counters, meta, toLiveStats);
}

function build(workflows: Iterable<WorkflowHandle>, counters: RunCounters, meta: RunMeta, stats: LevelStats): LiveView {
  const results: LiveWorkflow[] = [];
  const workflowList = [...workflows];
  for (const wf of workflowList) results.push(workflowResult(wf, meta.durationMs, stats));
  let succeeded = 0;
  let failed = 0;
  let interrupted = 0;
  let dropped = 0;
  let retries = 0;
  for (const wf of results) {
    succeeded += wf.succeeded;
    failed += wf.failed;
    interrupted += wf.interrupted;
    dropped += wf.dropped;
    retries += wf.retries ?? 0;
  }
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    testId: meta.testId,
    startedAt: meta.startedAt.toISOString(),
    durationMs: meta.durationMs,
    load: structuredClone(meta.load),
    summary: {
      workflowsSucceeded: succeeded,
      workflowsFailed: failed,
      workflowsInterrupted: interrupted,
      requests: counters.requestCount,
      retries,
      droppedIterations: dropped,
      interrupted: meta.interrupted,
      abortedBy: null,
    },
    warmup: meta.warmup === null ? null : { ...meta.warmup },
    // The closed model has no schedule, so no lag to report.
    scheduler: meta.load.model === 'open' ? schedulerStats(counters, stats === toStats) : null,
    workflows: results,
    timeline: counters.timeline.points.map((p) => ({ ...p })),
    thresholds: [],
    ...runMetrics(workflowList, meta.durationMs, stats === toStats),
    ...taggedField(workflowList, meta.durationMs, stats),
  };
}

/** The open model's lag; with its histogram for results (workers and segments merge it). */
function schedulerStats(counters: RunCounters, complete: boolean): SchedulerStats {
  const lag = counters.schedulerLag;
  const stats = { starts: lag.runs, lagMs: allLatencyStats(lag) };
  return complete ? { ...stats, histogram: encodeHistogram(lag.allHistogram()) } : stats;
}

function workflowResult(wf: WorkflowHandle, durationMs: number, stats: LevelStats): LiveWorkflow {
  const status = new StatusCounter();
  const steps: LiveStep[] = [];
  let requests = 0;
  let retries = 0;
  for (const step of wf.steps.values()) {
    const result = stepResult(step, durationMs, status, stats);
    if (result === null) continue;
    for (const r of result.requests) {
      requests += r.runs;
      retries += r.retries ?? 0;
    }
    steps.push(result);
  }
  return {
    ...stats(wf.name, wf.level, status, durationMs),
    interrupted: wf.interrupted,
    dropped: wf.dropped,
    requests,
    retries,
    steps,
    checks: wf.checks.toResults(),
    failureReasons: wf.failureReasons.toRecord(),
    ...workflowMetrics(wf, durationMs, stats === toStats),
    ...taggedField([wf], durationMs, stats),
  };
}

/** The step's result, its status counts also added into `rollUp`; null when there is nothing to show. */
function stepResult(step: StepHandle, durationMs: number, rollUp: StatusCounter, stats: LevelStats): LiveStep | null {
  const status = new StatusCounter();
  const requests: LiveRequest[] = [];
  for (const req of step.requests) {
    if (req.level.runs === 0) continue;
    req.status.addInto(status);
    const tagged = req.tags === undefined ? {} : { tags: { ...req.tags } };
    requests.push({ ...stats(requestName(req), req.level, req.status, durationMs), method: req.method, endpoint: req.endpoint, ...tagged, retries: req.retries });
  }
  const metrics = stepMetrics(step, durationMs, stats === toStats);
  // Checks alone do not make a step worth showing: they are in the workflow's checks too.
  if (step.level.runs === 0 && requests.length === 0 && metrics.metrics === undefined) return null;
  status.addInto(rollUp);
  return { ...stats(step.name, step.level, status, durationMs), requests, checks: step.checks.toResults(), ...metrics };
}

/** `GET /search`, or with tags `GET /search {kind=search}`. */
function requestName(req: RequestHandle): string {
  return req.tags === undefined ? `${req.method} ${req.endpoint}` : `${req.method} ${req.endpoint} ${formatTags(req.tags)}`;
}
