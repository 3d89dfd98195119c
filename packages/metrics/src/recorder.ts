import { NO_REDACTION, type LiveView, type MetricsRecorder, type Redactor, type RunMeta, type RunResult, type TimelinePoint, type WorkflowMetrics } from '@go-heavy/core';
import { RunCounters } from './run-counters.js';
import { buildLiveView, buildRunResult } from './snapshot.js';
import { WorkflowHandle } from './workflow-handle.js';

/**
 * The HDR-histogram implementation of core's {@link MetricsRecorder}. Handles are created on first
 * use and cached, so resolve them once and record on them: recording allocates nothing.
 * Single-threaded: one recorder per worker; results merge through their encoded histograms.
 */
export class Recorder implements MetricsRecorder {
  private readonly counters = new RunCounters();
  private readonly workflows = new Map<string, WorkflowHandle>();
  private readonly redactor: Redactor;

  constructor(options: RecorderOptions = {}) {
    this.redactor = options.redactor ?? NO_REDACTION;
  }

  /** The handle for this workflow; the same object on every call. */
  workflow(name: string): WorkflowMetrics {
    let handle = this.workflows.get(name);
    if (handle === undefined) {
      handle = new WorkflowHandle(name, this.counters, this.redactor);
      this.workflows.set(name, handle);
    }
    return handle;
  }

  /** Responses plus errors recorded on every request handle of this recorder. */
  get requestCount(): number {
    return this.counters.requestCount;
  }

  /** Iterations recorded as finished or interrupted. */
  get iterationCount(): number {
    return this.counters.iterationCount;
  }

  /** Closes the current window of the timeline as the next point (t = 1, 2, …) and returns it. */
  sample(users: number): TimelinePoint {
    return this.counters.timeline.sample(users);
  }

  /** The results so far as plain data; does not reset anything and may be called again. */
  snapshot(meta: RunMeta): RunResult {
    return buildRunResult(this.workflows.values(), this.counters, meta);
  }

  /** The results so far without buckets and encoded histograms: cheap enough for every second. */
  view(meta: RunMeta): LiveView {
    return buildLiveView(this.workflows.values(), this.counters, meta);
  }
}

/** How a recorder is made. */
export interface RecorderOptions {
  /**
   * Hides secrets in what the results name: workflows, steps, endpoints, checks and failure
   * reasons are redacted once, when first recorded (default: nothing is redacted).
   */
  redactor?: Redactor;
}

/** A fresh, empty recorder: one per phase (warm-up, measured). */
export function createRecorder(options: RecorderOptions = {}): Recorder {
  return new Recorder(options);
}
