import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { HttpClientProvider } from '../contracts/http-client.js';
import type { MetricsRecorder, WorkflowMetrics } from '../contracts/metrics.js';
import type { Reporter } from '../contracts/reporter.js';
import type { LoadDescription, RunResult } from '../contracts/run-result.js';
import type { PlannedWorkflow, RunPlan } from '../contracts/run-plan.js';
import { runClosed } from '../executors/closed.js';
import { failureReason } from './failure-reason.js';
import { RunControl } from './run-control.js';
import { NO_STEP, UserContext } from './user-context.js';

/** The parts the engine composes; each is an interface so any of them can be swapped. */
export interface EngineDeps {
  http: HttpClientProvider;
  /** A fresh recorder; the engine makes one for the measured phase and one for the warm-up. */
  createRecorder(): MetricsRecorder;
  reporters?: Reporter[];
  testId?: string;
  /** Told about problems that do not stop the run, such as a throwing cleanup. */
  warn?(message: string): void;
}

/** Raised when a workflow's `init` throws: the test cannot run. */
export class WorkflowInitError extends Error {
  constructor(readonly workflow: string, readonly file: string, cause: unknown) {
    super(`${workflow} (${file}): init failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WorkflowInitError';
  }
}

/** How long iterations that ignore the abort are waited for before being written off. */
const ABORT_GRACE_MS = 1000;

/** State of one workflow during the run. */
class WorkflowRun {
  data: unknown;
  /** Measured iterations started, against the iteration limit. */
  started = 0;
  /** Every iteration started, warm-up included: the next `ctx.iteration`. */
  sequence = 0;
  busy = 0;
  readonly contexts: UserContext[] = [];
  initContext!: UserContext;

  constructor(readonly planned: PlannedWorkflow, public metrics: WorkflowMetrics) {}
}

/**
 * Runs a {@link RunPlan}: init of every workflow, an optional warm-up, the measured phase under
 * the plan's load model, the graceful stop, then cleanups. `stop()` ends the run early (Ctrl-C)
 * the same way the end of the duration does.
 */
export class Engine {
  private readonly control = new RunControl();
  private readonly recorder: MetricsRecorder;
  private readonly warmupRecorder: MetricsRecorder | null;
  private readonly runs: WorkflowRun[];
  private readonly testId: string;
  private interruptedBySignal = false;
  private measuring = false;
  /** Set when iterations that ignored the abort were counted as interrupted and left behind. */
  private writtenOff = false;

  constructor(private readonly plan: RunPlan, private readonly deps: EngineDeps) {
    this.testId = deps.testId ?? randomUUID();
    this.recorder = deps.createRecorder();
    this.warmupRecorder = plan.warmupMs > 0 && plan.durationMs !== null ? deps.createRecorder() : null;
    this.measuring = this.warmupRecorder === null;
    const first = this.warmupRecorder ?? this.recorder;
    this.runs = plan.workflows.map((wf) => new WorkflowRun(wf, first.workflow(wf.name)));
  }

  /** Stops the run as the end of its duration would: no new iterations, graceful stop, results. */
  stop(): void {
    this.interruptedBySignal = true;
    this.control.stop();
  }

  /** Cuts running iterations short at once (a second Ctrl-C): in-flight requests fail as interrupted. */
  abort(): void {
    this.interruptedBySignal = true;
    this.cutShort().catch((err: unknown) => this.deps.warn?.(`closing connections failed: ${failureReason(err)}`));
  }

  private cutShort(): Promise<void> {
    this.control.abort();
    return this.deps.http.close({ force: true });
  }

  async run(): Promise<RunResult> {
    const startedAt = new Date();
    const reporters = this.deps.reporters ?? [];
    await this.initAll();
    let measuredStart = performance.now();
    let measuredMs = 0;
    let warmupMs = 0;
    let ticker: NodeJS.Timeout | undefined;
    try {
      for (const r of reporters) await r.onStart?.({ testId: this.testId, startedAt, workflows: this.runs.map((r) => r.planned.name), load: this.loadDescription() });
      const executing = this.execute();
      const warmupStart = performance.now();
      if (this.warmupRecorder) await this.warmup();
      warmupMs = performance.now() - warmupStart;
      measuredStart = performance.now();
      ticker = this.startTicker(measuredStart, reporters);
      const deadline = this.plan.durationMs === null ? null : delay(this.plan.durationMs, undefined, { ref: false, signal: this.control.signal }).catch(() => undefined);
      const ended = await Promise.race([executing.then(() => 'done' as const), deadline?.then(() => 'deadline' as const), this.control.whenStopped().then(() => 'stopped' as const)].filter(Boolean));
      if (ended !== 'done') {
        this.control.stop();
        await this.gracefulStop(executing);
      }
      measuredMs = performance.now() - measuredStart;
    } finally {
      if (ticker) clearInterval(ticker);
      measuredMs ||= performance.now() - measuredStart;
      if (this.measuring) this.recorder.sample(this.busyUsers());
      await this.cleanupAll();
    }
    const warmup = this.warmupRecorder
      ? { durationMs: warmupMs, iterations: this.warmupRecorder.iterationCount, requests: this.warmupRecorder.requestCount }
      : null;
    const result = this.recorder.snapshot({
      testId: this.testId,
      startedAt,
      durationMs: measuredMs,
      load: this.loadDescription(),
      interrupted: this.interruptedBySignal,
      warmup,
    });
    for (const r of reporters) await r.onEnd?.(result);
    return result;
  }

  private loadDescription(): LoadDescription {
    return {
      model: 'closed',
      users: this.plan.load.users,
      rate: null,
      maxUsers: null,
      durationMs: this.plan.durationMs,
      iterations: this.plan.iterations,
      warmupMs: this.warmupRecorder ? this.plan.warmupMs : 0,
    };
  }

  private async initAll(): Promise<void> {
    const inited: WorkflowRun[] = [];
    for (const run of this.runs) {
      const { planned } = run;
      const metrics = this.recorder.workflow(planned.name);
      run.initContext = new UserContext(planned.name, planned.env, -1, this.control, this.deps.http, metrics, '(init)');
      try {
        run.data = await planned.definition.init?.(run.initContext);
      } catch (err) {
        await run.initContext.runCleanupsCollecting();
        for (const done of inited.reverse()) await this.cleanupOne(done);
        throw new WorkflowInitError(planned.name, planned.file, err);
      }
      inited.push(run);
    }
  }

  private async cleanupAll(): Promise<void> {
    for (const run of this.runs) await this.cleanupOne(run);
  }

  /** The workflow's `cleanup`, then what `init` registered with `ctx.cleanup`, newest first. */
  private async cleanupOne(run: WorkflowRun): Promise<void> {
    const { definition } = run.planned;
    const ctx = run.initContext;
    ctx.begin(-1, this.recorder.workflow(run.planned.name), this.recorder.workflow(run.planned.name).step('(cleanup)'));
    try {
      await definition.cleanup?.(ctx, run.data as never);
    } catch (err) {
      this.deps.warn?.(`${run.planned.name}: cleanup failed: ${failureReason(err)}`);
    }
    const errors = await ctx.runCleanupsCollecting();
    for (const err of errors) this.deps.warn?.(`${run.planned.name}: a cleanup registered in init failed: ${failureReason(err)}`);
  }

  private execute(): Promise<void> {
    return Promise.all(this.runs.map((run) => runClosed(this.plan.load, this.iterationSource(run)))).then(() => undefined);
  }

  private iterationSource(run: WorkflowRun) {
    const { planned } = run;
    const limit = this.plan.iterations ?? Infinity;
    const control = this.control;
    return {
      tryStart: (): boolean => {
        // Iteration limits count measured iterations only; the warm-up runs on time alone.
        if (control.stopping || (this.measuring && run.started >= limit)) return false;
        if (this.measuring) run.started++;
        run.sequence++;
        return true;
      },
      runIteration: async (user: number): Promise<void> => {
        let ctx = run.contexts[user];
        if (ctx === undefined) {
          ctx = new UserContext(planned.name, planned.env, user, control, this.deps.http, run.metrics);
          run.contexts[user] = ctx;
        }
        const metrics = run.metrics;
        ctx.begin(run.sequence - 1, metrics, metrics.step(NO_STEP));
        run.busy++;
        const start = performance.now();
        try {
          await planned.definition.run(ctx, run.data as never);
        } catch (err) {
          ctx.failure ??= failureReason(err);
        }
        await ctx.runCleanups();
        if (this.writtenOff) return;
        run.busy--;
        if (control.aborted) metrics.recordInterrupted();
        else metrics.recordIteration(performance.now() - start, ctx.failure === undefined, ctx.failure);
      },
    };
  }

  private async warmup(): Promise<void> {
    await delay(this.plan.warmupMs, undefined, { signal: this.control.signal }).catch(() => undefined);
    for (const run of this.runs) run.metrics = this.recorder.workflow(run.planned.name);
    this.measuring = true;
  }

  /** Waits for running iterations up to the graceful stop, then cuts the rest short. */
  private async gracefulStop(executing: Promise<void>): Promise<void> {
    const finished = await Promise.race([
      executing.then(() => true),
      delay(this.plan.gracefulStopMs, false, { ref: false }),
    ]);
    if (finished) return;
    await this.cutShort();
    const ended = await Promise.race([executing.then(() => true), delay(ABORT_GRACE_MS, false, { ref: false })]);
    if (ended) return;
    // Iterations that ignore the abort (a user's own endless await) are written off as interrupted.
    this.writtenOff = true;
    for (const run of this.runs) {
      for (let i = 0; i < run.busy; i++) run.metrics.recordInterrupted();
      run.busy = 0;
    }
  }

  private busyUsers(): number {
    let busy = 0;
    for (const run of this.runs) busy += run.busy;
    return busy;
  }

  private startTicker(start: number, reporters: Reporter[]): NodeJS.Timeout {
    const totalSec = this.plan.durationMs === null ? null : this.plan.durationMs / 1000;
    let succeeded = 0;
    let failed = 0;
    const timer = setInterval(() => {
      const point = this.recorder.sample(this.busyUsers());
      failed += point.failed;
      succeeded += point.iterations - point.failed;
      const update = {
        elapsedSec: (performance.now() - start) / 1000,
        totalSec,
        succeeded,
        failed,
        dropped: 0,
        requests: this.recorder.requestCount,
        point,
      };
      for (const r of reporters) r.onProgress?.(update);
    }, 1000);
    timer.unref();
    return timer;
  }
}

/** Runs a plan to the end and resolves to its results. */
export function runTest(plan: RunPlan, deps: EngineDeps): Promise<RunResult> {
  return new Engine(plan, deps).run();
}
