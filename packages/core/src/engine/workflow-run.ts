import type { HttpClientProvider } from '../contracts/http-client.js';
import type { LogSink } from '../contracts/log.js';
import type { MetricsRecorder, StepMetrics, WorkflowMetrics } from '../contracts/metrics.js';
import type { PlannedWorkflow } from '../contracts/run-plan.js';
import type { DataFiles } from '../data/types.js';
import type { Notifications } from '../contracts/notifications.js';
import type { IterationDone, IterationSource } from '../executors/executor.js';
import { failureReason } from './failure-reason.js';
import { IterationDeadline, iterationTimeoutReason } from './iteration-deadline.js';
import type { RunControl } from './run-control.js';
import { NO_STEP, USER_INIT_STEP, UserContext } from './user-context.js';
import type { Identity, UserPool } from './user-pool.js';
import { now } from '../clock.js';

/** Which recorder iterations go to right now, and whether they count against the budget. */
export interface Phase {
  recorder: MetricsRecorder;
  measuring: boolean;
  /** Set once iterations that ignored the abort were written off as interrupted. */
  writtenOff: boolean;
}

/**
 * One workflow during the run: the {@link IterationSource} its executor drives. Owns the
 * per-slot contexts (reused across iterations), the user identities and the iteration budget.
 */
export class WorkflowRun implements IterationSource {
  data: unknown;
  initContext!: UserContext;
  /** Measured iterations started, against the iteration limit. */
  started = 0;
  /** Every iteration started, warm-up included: the next `ctx.iteration`. */
  private sequence = 0;
  busy = 0;
  private metrics: WorkflowMetrics;
  /** `metrics.step(NO_STEP)`, kept with `metrics`: the recorder's last-step cache holds the user's step. */
  private iterationStep: StepMetrics;
  private metricsOf: MetricsRecorder;
  private readonly contexts: Array<UserContext | undefined> = [];
  /** One per slot: the hot path's end handlers (see {@link IterationEnd}). */
  private readonly ends: IterationEnd[] = [];
  /** One per slot with an iteration timeout. */
  private readonly deadlines: IterationDeadline[] = [];
  private readonly timeoutReason: string;
  /** Iterations abandoned at their timeout whose code has not ended yet. */
  abandoned = 0;

  constructor(
    readonly planned: PlannedWorkflow,
    private readonly phase: Phase,
    private readonly control: RunControl,
    private readonly http: HttpClientProvider,
    private readonly users: UserPool,
    /** Iterations it may start in the measured phase (Infinity: no limit). */
    readonly limit: number,
    private readonly logSink?: LogSink,
    /** `--iteration-timeout` in ms, or null for none. */
    private readonly timeoutMs: number | null = null,
    /** `ctx.data` of this workflow's contexts. */
    readonly files?: DataFiles,
    /** `ctx.notifications`: the test's hub. */
    private readonly notifications?: Notifications,
  ) {
    this.metricsOf = phase.recorder;
    this.metrics = phase.recorder.workflow(planned.name);
    this.iterationStep = this.metrics.step(NO_STEP);
    this.timeoutReason = timeoutMs === null ? '' : iterationTimeoutReason(timeoutMs);
  }

  active(): boolean {
    return !this.control.stopping && !(this.phase.measuring && this.started >= this.limit);
  }

  tryStart(): boolean {
    if (!this.active()) return false;
    if (this.phase.measuring) this.started++;
    return true;
  }

  dropped(): void {
    this.currentMetrics().recordDropped();
  }

  runIteration(slot: number, intended: number | undefined, done: IterationDone): void {
    const metrics = this.currentMetrics();
    const actualStart = now();
    const intendedStart = intended ?? actualStart;
    metrics.recordStart(actualStart - intendedStart);
    const ctx = (this.contexts[slot] ??= new UserContext(
      this.planned.name,
      this.planned.env,
      slot,
      this.control,
      this.http,
      metrics,
      NO_STEP,
      this.logSink,
      this.timeoutMs !== null,
      this.files,
      this.notifications,
    ));
    let user: Identity;
    try {
      user = this.users.acquire(slot);
    } catch (err) {
      // Unreachable while config caps concurrency at --unique-users; should it happen, the
      // iteration fails rather than throwing into the executor.
      metrics.recordIteration(now() - intendedStart, false, failureReason(err));
      queueMicrotask(done);
      return;
    }
    ctx.begin(this.sequence++, metrics, this.iterationStep, user, user.cookies);
    this.busy++;
    const { definition } = this.planned;
    if (this.timeoutMs !== null || (!user.initialized && definition.userInit)) {
      this.runFull(slot, ctx, user, metrics, intendedStart).then(() => done(), done);
      return;
    }
    // The hot path: no async function (its frame, its await closures) per iteration, but the
    // workflow's promise chained to the slot's end handlers, bound once.
    const end = (this.ends[slot] ??= new IterationEnd(this));
    end.ctx = ctx;
    end.user = user;
    end.metrics = metrics;
    end.intendedStart = intendedStart;
    end.done = done;
    let result: unknown;
    try {
      result = definition.run(ctx, this.data as never);
    } catch (err) {
      // A workflow that threw before returning a promise: ended after this turn, as an await
      // would have (and `done` is never called before runIteration returns).
      queueMicrotask(() => end.failed(err));
      return;
    }
    Promise.resolve(result).then(end.ok, end.failed);
  }

  /** An iteration with a user init to run first or an iteration timeout to race. */
  private async runFull(slot: number, ctx: UserContext, user: Identity, metrics: WorkflowMetrics, intendedStart: number): Promise<void> {
    const { definition } = this.planned;
    if (this.timeoutMs === null) {
      try {
        if (!user.initialized && definition.userInit) await ctx.step(USER_INIT_STEP, () => definition.userInit!(ctx, this.data as never));
        user.initialized = true;
        await definition.run(ctx, this.data as never);
      } catch (err) {
        ctx.fail(err);
      }
    } else {
      const work = this.work(ctx, user);
      if (!(await (this.deadlines[slot] ??= new IterationDeadline(this.timeoutMs)).race(work))) this.abandon(slot, ctx, work);
    }
    if (ctx.hasCleanups) await ctx.runCleanups();
    this.finishIteration(ctx, user, metrics, intendedStart);
  }

  /** @internal the workflow's code of a hot-path iteration ended: cleanups (when any), then the records. */
  endIteration(end: IterationEnd): void {
    // Most iterations register no cleanup: no promise nor microtask hop for them.
    if (end.ctx.hasCleanups) end.ctx.runCleanups().then(end.finish, end.done);
    else end.finish();
  }

  /** @internal records the iteration that ended and frees its identity. */
  finishIteration(ctx: UserContext, user: Identity, metrics: WorkflowMetrics, intendedStart: number): void {
    if (ctx.expired) ctx.close();
    this.users.release(user);
    if (this.phase.writtenOff) return;
    this.busy--;
    // Cut short by the end of the run, or by rows opened with `onEnd: 'stop'` running out.
    if (this.control.aborted || ctx.endOfData) metrics.recordInterrupted();
    else metrics.recordIteration(now() - intendedStart, ctx.failure === undefined, ctx.failure);
  }

  /** The workflow's code for one iteration; settles when it ends, never rejects. */
  private async work(ctx: UserContext, user: Identity): Promise<void> {
    const { definition } = this.planned;
    try {
      if (!user.initialized && definition.userInit) {
        await ctx.step(USER_INIT_STEP, () => definition.userInit!(ctx, this.data as never));
      }
      user.initialized = true;
      // An iteration abandoned during userInit does not go on to run when userInit ends late.
      if (ctx.expired) return;
      await definition.run(ctx, this.data as never);
    } catch (err) {
      ctx.fail(err);
    }
  }

  /**
   * The iteration ran past `--iteration-timeout`: it fails, and the slot gets a fresh context for
   * its next iteration, since the abandoned code may still use the old one. Its requests in
   * flight end on their own and are recorded then, once; the engine cuts those still running
   * when the run ends.
   */
  private abandon(slot: number, ctx: UserContext, work: Promise<void>): void {
    ctx.expire(this.timeoutReason);
    this.contexts[slot] = undefined;
    this.abandoned++;
    void work.then(() => this.abandoned--);
  }

  /** Counts iterations still running as interrupted (they ignored the abort). */
  writeOffBusy(): void {
    const metrics = this.currentMetrics();
    for (let i = 0; i < this.busy; i++) metrics.recordInterrupted();
    this.busy = 0;
  }

  /** The handle of the phase now running, re-resolved only when the phase changes. */
  private currentMetrics(): WorkflowMetrics {
    if (this.metricsOf !== this.phase.recorder) {
      this.metricsOf = this.phase.recorder;
      this.metrics = this.phase.recorder.workflow(this.planned.name);
      this.iterationStep = this.metrics.step(NO_STEP);
    }
    return this.metrics;
  }
}

/**
 * The state a slot's hot-path iteration needs when its workflow code ends, and the handlers its
 * promise is chained to: made once per slot and reused, since a slot runs one iteration at a time
 * on that path (an iteration timeout, which can leave one running, takes `runFull`).
 */
class IterationEnd {
  ctx!: UserContext;
  user!: Identity;
  metrics!: WorkflowMetrics;
  intendedStart = 0;
  done!: IterationDone;
  readonly ok: () => void;
  readonly failed: (err: unknown) => void;
  readonly finish: () => void;

  constructor(run: WorkflowRun) {
    this.ok = () => run.endIteration(this);
    this.failed = (err) => {
      try {
        this.ctx.fail(err);
      } catch (recordErr) {
        return this.done(recordErr);
      }
      run.endIteration(this);
    };
    this.finish = () => {
      try {
        run.finishIteration(this.ctx, this.user, this.metrics, this.intendedStart);
      } catch (recordErr) {
        return this.done(recordErr);
      }
      this.done();
    };
  }
}
