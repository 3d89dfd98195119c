import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { HttpClientProvider } from '../contracts/http-client.js';
import type { LogSink } from '../contracts/log.js';
import type { LiveView } from '../contracts/live-view.js';
import type { MetricsRecorder, RunMeta } from '../contracts/metrics.js';
import type { ProgressUpdate, Reporter } from '../contracts/reporter.js';
import type { LoadDescription, RunResult, WorkflowLoadDescription } from '../contracts/run-result.js';
import type { Load, PlannedWorkflow, RunPlan, WorkflowLoad } from '../contracts/run-plan.js';
import { closedConcurrency, runClosed, validateClosed } from '../executors/closed.js';
import type { ExecutorTiming, LoadProblem } from '../executors/executor.js';
import { startOpen, validateOpen } from '../executors/open.js';
import { waitUntil } from '../executors/wait-until.js';
import { delayed, peakTarget, withWarmup, type LoadProfile } from '../profile.js';
import { evaluateThresholds } from '../thresholds/evaluate-thresholds.js';
import type { Threshold } from '../thresholds/parse-threshold.js';
import { DataStore, WorkflowData } from '../data/data-store.js';
import { failureReason } from './failure-reason.js';
import { RunControl } from './run-control.js';
import { CLEANUP_STEP, INIT_STEP, UserContext } from './user-context.js';
import { UserPool } from './user-pool.js';
import { WorkflowRun, type Phase } from './workflow-run.js';
import { now } from '../clock.js';
import { segmentLoads } from '../load-share.js';
import { seededRandom } from '../executors/seeded-random.js';
import { CorrelationHub } from '../notifications/correlation-hub.js';

/** The parts the engine composes; each is an interface so any of them can be swapped. */
export interface EngineDeps {
  http: HttpClientProvider;
  /** A fresh recorder; the engine makes one for the measured phase and one for the warm-up. */
  createRecorder(): MetricsRecorder;
  reporters?: Reporter[];
  testId?: string;
  /** Told about problems that do not stop the run, such as a throwing cleanup. */
  warn?(message: string): void;
  /** Where `ctx.log` lines go; without it they are dropped. */
  log?: LogSink;
  /**
   * What {@link Engine.initShared} resolved to on the main thread of `--workers`, passed as it
   * is (after a structured clone): each workflow's `init` data by workflow name, and how far
   * `init` moved `ctx.data`'s pickers. This engine then runs neither `init` nor `cleanup`, which
   * run once per test on the main thread ({@link Engine.initShared}, {@link Engine.cleanupShared}).
   */
  initData?: Readonly<Record<string, unknown>>;
}

/**
 * Where {@link Engine.initShared}'s record keeps how far `init` moved `ctx.data`'s pickers: a key
 * no workflow name can be (names are paths).
 */
const DATA_POSITIONS = '\0ctx.data positions';

/** Raised when a workflow's `init` throws: the test cannot run. */
export class WorkflowInitError extends Error {
  constructor(
    readonly workflow: string,
    readonly file: string,
    cause: unknown,
  ) {
    super(`${workflow} (${file}): init failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WorkflowInitError';
  }
}

/**
 * Raised by the {@link Engine} constructor when the plan's load cannot run (negative users, no
 * free slot, a jitter outside 0–1): `problems` lists every one, not just the first. The CLI never
 * sees it (@go-heavy/config rejects such values as flags); it is for code that builds a plan by hand.
 */
export class InvalidPlanError extends Error {
  constructor(readonly problems: LoadProblem[]) {
    super(`invalid load: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidPlanError';
  }
}

/** How the measured phase ended: its duration reached, the executors done (budget or schedule spent), or a stop. */
const END = { deadline: 0, done: 1, stopped: 2 } as const;
type End = (typeof END)[keyof typeof END];

/** A timer that never fires in practice; it only keeps the event loop alive during a run. */
const KEEP_ALIVE_MS = 2 ** 30;
function noop(): void {}
/** A promise that never settles: a race entry that must not win. */
function never(): Promise<never> {
  return new Promise(noop);
}

/** How long iterations that ignore the abort are waited for before being written off. */
const ABORT_GRACE_MS = 1000;

/** The most concurrent iterations a load runs per workflow: the executor's slots. */
export function concurrencyOf(load: Load): number {
  return load.model === 'closed' ? closedConcurrency(load) : load.maxUsers;
}

/** What a workflow runs: its own {@link WorkflowLoad}, else the plan's whole load. */
export function workflowLoadOf(plan: RunPlan, wf: PlannedWorkflow): WorkflowLoad {
  return wf.load ?? { load: plan.load, iterations: plan.iterations, uniqueUsers: plan.uniqueUsers, startTimeMs: 0, weight: null, share: null };
}

/** The most concurrent iterations of the whole plan: the sum of its workflows' peaks. */
export function planConcurrency(plan: RunPlan): number {
  let total = 0;
  for (const wf of plan.workflows) total += concurrencyOf(workflowLoadOf(plan, wf).load);
  return total;
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
  private readonly phase: Phase;
  private readonly runs: WorkflowRun[];
  /** `ctx.data`'s files, read once for the whole test. */
  private readonly data: DataStore;
  /** Each run's load, in the order of {@link runs}: its share when the plan is a segment. */
  private readonly loads: WorkflowLoad[];
  private readonly testId: string;
  /** `ctx.notifications`, one for the whole test; its sources start in `init`. */
  private readonly notifications: CorrelationHub;
  private interruptedBySignal = false;
  private abortedBy: string | null = null;
  /** When {@link run} began, and when its measured phase did (for snapshots taken at any time). */
  private startedAt: Date | undefined;
  private measuredStart: number | undefined;

  constructor(
    private readonly plan: RunPlan,
    private readonly deps: EngineDeps,
  ) {
    // Before anything is created: a plan built by hand must fail here, not hang or run nothing.
    const problems = plan.workflows.length === 0 ? validateLoad(plan.load) : plan.workflows.flatMap((wf) => validateLoad(workflowLoadOf(plan, wf).load));
    if (problems.length > 0) throw new InvalidPlanError(problems);
    this.testId = deps.testId ?? randomUUID();
    this.recorder = deps.createRecorder();
    this.warmupRecorder = plan.warmupMs > 0 && plan.durationMs !== null ? deps.createRecorder() : null;
    this.phase = { recorder: this.warmupRecorder ?? this.recorder, measuring: this.warmupRecorder === null, writtenOff: false };
    // Rows opened with `onEnd: 'stop'` that run out end the test as its duration would.
    // A segment's pickers take its turns of the whole test's rows, so segments never share a unique() row.
    this.data = new DataStore((reason) => {
      deps.warn?.(reason);
      this.control.stop();
    }, plan.segment);
    const whole = plan.workflows.map((wf) => workflowLoadOf(plan, wf));
    // A segment runs its share of each workflow, and none of a workflow it has no share of.
    const shares = plan.segment && plan.segment.count > 1 ? segmentLoads(plan, plan.segment, (i) => whole[i]!) : whole;
    const kept = plan.workflows.flatMap((wf, i) => (shares[i] ? [{ wf, load: shares[i]! }] : []));
    this.loads = kept.map((k) => k.load);
    this.notifications = new CorrelationHub(this.control.signal);
    const seg = plan.segment ?? { index: 0, count: 1 };
    this.runs = kept.map(({ wf }, i) => {
      const { load, uniqueUsers, iterations } = this.loads[i]!;
      // Identities are numbered across segments as their items are dealt: index, + count, …
      const users = new UserPool(uniqueUsers !== null, uniqueUsers ?? concurrencyOf(load), () => deps.http.createCookieJar(), seg.index, seg.count);
      return new WorkflowRun(
        wf,
        this.phase,
        this.control,
        deps.http,
        users,
        iterations ?? Infinity,
        deps.log,
        plan.iterationTimeoutMs ?? null,
        new WorkflowData(this.data, wf.file),
        this.notifications,
      );
    });
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

  async run(): Promise<RunResult> {
    // Holds the process open until the run ends: with nothing else pending (a workflow awaiting
    // a promise that never settles), Node would otherwise exit in the middle of the run.
    const keepAlive = setInterval(noop, KEEP_ALIVE_MS);
    try {
      return await this.runHeld();
    } finally {
      clearInterval(keepAlive);
    }
  }

  private async runHeld(): Promise<RunResult> {
    const startedAt = new Date();
    this.startedAt = startedAt;
    const reporters = this.deps.reporters ?? [];
    const initData = this.deps.initData;
    if (initData) this.useInitData(initData);
    else await this.initAll();
    let measuredStart = now();
    let warmupMs = 0;
    let measuredMs: number | undefined;
    let ticker: NodeJS.Timeout | undefined;
    try {
      const info = { testId: this.testId, startedAt, workflows: this.runs.map((r) => r.planned.name), load: this.loadDescription(), requestStop: () => this.stop() };
      for (const r of reporters) await r.onStart?.(info);
      const warm = this.warmupRecorder ? this.plan.warmupMs : 0;
      const endMs = this.plan.durationMs === null ? Infinity : warm + this.plan.durationMs;
      const timing: ExecutorTiming = { t0: now(), stopSignal: this.control.stopSignal, endMs };
      const { done: executing, timelineEnded } = this.execute(timing);
      if (warm > 0) {
        await waitUntil(timing.t0 + warm, this.control.stopSignal);
        this.phase.recorder = this.recorder;
        this.phase.measuring = true;
      }
      // The measured phase starts where the executors' timeline says (earlier when stopped in the warm-up).
      measuredStart = Math.min(now(), timing.t0 + warm);
      warmupMs = measuredStart - timing.t0;
      this.measuredStart = measuredStart;
      ticker = this.startTicker(measuredStart, reporters, startedAt);
      // The deadline is on the executors' timeline, so the last planned start is inside it; the
      // open model's schedules say when they reached it, after dispatching every start before it.
      const deadline =
        endMs === Infinity ? null : (timelineEnded?.then(() => END.deadline) ?? waitUntil(timing.t0 + endMs, this.control.stopSignal).then((reached) => (reached ? END.deadline : END.stopped)));
      const end = await Promise.race([executing.then(() => END.done), deadline, this.control.whenStopped().then(() => END.stopped)].filter((p) => p !== null));
      measuredMs = this.measuredMs(end, now() - measuredStart);
      this.control.stop();
      await this.gracefulStop(executing);
    } finally {
      if (ticker) clearInterval(ticker);
      if (this.phase.measuring) this.recorder.sample(this.busyUsers());
      measuredMs ??= now() - measuredStart;
      if (!initData) await this.cleanupAll();
      // After the cleanups, which may still wait for notifications.
      await this.closeNotifications();
      // Iterations abandoned at their timeout may still wait on requests: cut those now, so
      // they are counted (as interrupted) before the results are taken, not lost after.
      if (this.runs.some((r) => r.abandoned > 0)) await this.deps.http.close({ force: true });
    }
    const warmup = this.warmupRecorder ? { durationMs: warmupMs, iterations: this.warmupRecorder.iterationCount, requests: this.warmupRecorder.requestCount } : null;
    const result = this.recorder.snapshot({
      testId: this.testId,
      startedAt,
      durationMs: measuredMs,
      load: this.loadDescription(),
      interrupted: this.interruptedBySignal,
      warmup,
    });
    if (this.plan.segment && this.plan.segment.count > 1) result.segment = { ...this.plan.segment };
    result.thresholds = evaluateThresholds(this.plan.thresholds ?? [], result);
    result.summary.abortedBy = this.abortedBy;
    if (this.notifications.used) result.notifications = this.notifications.result();
    for (const r of reporters) await r.onEnd?.(result);
    for (const r of reporters) await r.close?.();
    return result;
  }

  /**
   * The measured phase's length, the denominator of every rate: the planned duration when the
   * run reached its end (the open model's last start comes before it; iterations finishing in
   * the graceful stop come after it), the time run when stopped early (Ctrl-C, abortOnFail),
   * the time to the last iteration's end when the iteration budget ended it.
   */
  private measuredMs(end: End, elapsedMs: number): number {
    const planned = this.plan.durationMs;
    if (planned === null) return elapsedMs;
    if (end === END.deadline) return planned;
    if (end === END.stopped) return Math.min(elapsedMs, planned);
    const budgetSpent = this.runs.every((r) => r.limit !== Infinity && r.started >= r.limit);
    return budgetSpent ? Math.min(elapsedMs, planned) : planned;
  }

  private loadDescription(): LoadDescription {
    const { load } = this.plan;
    const profile = load.model === 'closed' ? load.users : load.rate;
    return {
      model: load.model,
      users: load.model === 'closed' ? peakTarget(profile) : null,
      rate: load.model === 'open' ? peakTarget(profile) : null,
      maxUsers: load.model === 'open' ? load.maxUsers : null,
      durationMs: this.plan.durationMs,
      iterations: this.plan.iterations,
      warmupMs: this.warmupRecorder ? this.plan.warmupMs : 0,
      profile,
      uniqueUsers: this.plan.uniqueUsers,
      distribution: load.model === 'open' ? load.distribution : null,
      jitter: load.model === 'open' ? load.jitter : null,
      gracefulStopMs: this.plan.gracefulStopMs,
      // Only when known: results of runs without them stay as they were.
      ...(this.plan.loadShape && { shape: this.plan.loadShape }),
      ...(this.plan.profileSource !== undefined && { profileSource: this.plan.profileSource }),
      ...(this.describesWorkflows() ? { workflows: this.plan.workflows.map((wf) => describeWorkflowLoad(wf.name, workflowLoadOf(this.plan, wf))) } : {}),
    };
  }

  /** Per-workflow loads are worth describing when there is more than one, or one of its own. */
  private describesWorkflows(): boolean {
    return this.plan.workflows.length > 1 || this.plan.workflows.some((wf) => wf.load !== undefined && (wf.load.startTimeMs > 0 || wf.load.weight === null));
  }

  /**
   * Runs every workflow's `init` once, for workers that run the load ({@link EngineDeps.initData}),
   * and resolves to what each returned, by workflow name (with `ctx.data` rows as plain data that
   * the workers' engines make back into pickers, and how far `init` moved them): pass it whole
   * to the workers' {@link EngineDeps.initData}. Call instead of {@link run}; then
   * {@link cleanupShared} once the workers ended. Throws {@link WorkflowInitError} as `run` does.
   */
  async initShared(): Promise<Record<string, unknown>> {
    await this.initAll();
    const data: Record<string, unknown> = {};
    // Rows cross as plain data, and the workers' pickers start after the rows init took.
    for (const run of this.runs) data[run.planned.name] = this.data.toPortable(run.data);
    data[DATA_POSITIONS] = this.data.positions();
    return data;
  }

  /**
   * After {@link initShared}: every workflow's `cleanup` and what `init` registered, then the
   * results of what this engine recorded (the requests of `init` and `cleanup`), to be merged
   * with the workers'.
   */
  async cleanupShared(meta: RunMeta): Promise<RunResult> {
    await this.cleanupAll();
    await this.closeNotifications();
    return this.recorder.snapshot(meta);
  }

  /**
   * Per workflow, the iterations this engine was asked for that have not ended: those running
   * now (measured ones) and what is left of an iteration budget. What a worker thread's share
   * would lose if the thread died now, counted as failed by the thread that merges.
   */
  unfinished(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const run of this.runs) {
      const running = this.phase.measuring ? run.busy : 0;
      const left = run.limit === Infinity ? 0 : Math.max(0, run.limit - run.started);
      if (running + left > 0) out[run.planned.name] = running + left;
    }
    return out;
  }

  /** The measured results so far, as a progress update's `snapshot()` gives them, at any moment of the run. */
  snapshotSoFar(): RunResult {
    return this.recorder.snapshot(this.metaSoFar(this.measuredStart ?? now(), this.startedAt ?? new Date()));
  }

  /** True once an `init` started a notification source (`ctx.notifications`). */
  get usesNotifications(): boolean {
    return this.notifications.used;
  }

  /** Init ran elsewhere: its data, and a context for what the workflow's hooks may ask of it. */
  private useInitData(initData: Readonly<Record<string, unknown>>): void {
    const positions = initData[DATA_POSITIONS];
    if (Array.isArray(positions)) this.data.carryOn(positions as Parameters<DataStore['carryOn']>[0]);
    for (const run of this.runs) {
      const { planned } = run;
      run.initContext = new UserContext(planned.name, planned.env, -1, this.control, this.deps.http, this.recorder.workflow(planned.name), INIT_STEP, this.deps.log, false, run.files);
      run.data = this.data.fromPortable(initData[planned.name]);
    }
  }

  private async initAll(): Promise<void> {
    const inited: WorkflowRun[] = [];
    for (const run of this.runs) {
      const { planned } = run;
      run.initContext = new UserContext(
        planned.name,
        planned.env,
        -1,
        this.control,
        this.deps.http,
        this.recorder.workflow(planned.name),
        INIT_STEP,
        this.deps.log,
        false,
        run.files,
        this.notifications,
      );
      try {
        run.data = await planned.definition.init?.(run.initContext);
        // Sources started in init and not awaited there: iterations start once they listen.
        await this.notifications.ready();
      } catch (err) {
        await run.initContext.runCleanupsCollecting();
        for (const done of inited.reverse()) await this.cleanupOne(done);
        await this.closeNotifications();
        throw new WorkflowInitError(planned.name, planned.file, err);
      }
      inited.push(run);
    }
  }

  private async closeNotifications(): Promise<void> {
    for (const err of await this.notifications.close()) this.deps.warn?.(`closing a notification source failed: ${failureReason(err)}`);
  }

  private async cleanupAll(): Promise<void> {
    for (const run of this.runs) await this.cleanupOne(run);
  }

  /** The workflow's `cleanup`, then what `init` registered with `ctx.cleanup`, newest first. */
  private async cleanupOne(run: WorkflowRun): Promise<void> {
    const { definition, name } = run.planned;
    const ctx = run.initContext;
    const metrics = this.recorder.workflow(name);
    ctx.begin(-1, metrics, metrics.step(CLEANUP_STEP));
    try {
      await definition.cleanup?.(ctx, run.data as never);
    } catch (err) {
      this.deps.warn?.(`${name}: cleanup failed: ${failureReason(err)}`);
    }
    const errors = await ctx.runCleanupsCollecting();
    for (const err of errors) this.deps.warn?.(`${name}: a cleanup registered in init failed: ${failureReason(err)}`);
  }

  /**
   * One executor per workflow, all on the same timeline (warm-up first, then the profile).
   * `timelineEnded` (open model) settles once every schedule is over and one of them reached the
   * timeline's end: only then is every start planned before the end dispatched.
   */
  private execute(timing: ExecutorTiming): { done: Promise<void>; timelineEnded: Promise<void> | null } {
    const warm = this.warmupRecorder ? this.plan.warmupMs : 0;
    const done: Array<Promise<void>> = [];
    const scheduled: Array<Promise<string>> = [];
    const segment = this.plan.segment && this.plan.segment.count > 1 ? this.plan.segment : undefined;
    this.runs.forEach((run, i) => {
      const { load, startTimeMs } = this.loads[i]!;
      if (load.model === 'closed') {
        done.push(runClosed({ ...load, users: warmed(delayed(load.users, startTimeMs), warm) }, run, timing));
        return;
      }
      // Segments place the whole schedule the same way (one seed per test and workflow), each starting its own starts.
      const random = segment ? seededRandom(`${this.testId}:${run.planned.name}`) : Math.random;
      const open = startOpen({ ...load, rate: warmed(delayed(load.rate, startTimeMs), warm) }, run, timing, random, segment);
      done.push(open.done);
      scheduled.push(open.scheduled);
    });
    if (scheduled.length === 0) return { done: Promise.all(done).then(noop), timelineEnded: null };
    // Closed-model workflows beside open ones: the end is reached once its time has come and the
    // open schedules have dispatched every start before it.
    const reached = scheduled.length < this.runs.length && timing.endMs !== Infinity ? [waitUntil(timing.t0 + timing.endMs, timing.stopSignal).then((ok) => (ok ? 'end' : 'stopped'))] : [];
    const timelineEnded = Promise.all([...scheduled, ...reached]).then((ends) => (ends.includes('end') && !ends.includes('stopped') ? undefined : never()));
    return { done: Promise.all(done).then(noop), timelineEnded };
  }

  /** Waits for running iterations up to the graceful stop, then cuts the rest short. */
  private async gracefulStop(executing: Promise<void>): Promise<void> {
    // A second Ctrl-C (abort) ends the wait at once, even for iterations hung outside a request.
    const finished = await Promise.race([executing.then(() => true), delay(this.plan.gracefulStopMs, false, { ref: false }), this.control.whenAborted().then(() => false)]);
    if (finished) return;
    // Not twice: abort() already cut them short.
    if (!this.control.aborted) await this.cutShort();
    const ended = await Promise.race([executing.then(() => true), delay(ABORT_GRACE_MS, false, { ref: false })]);
    if (ended) return;
    // Iterations that ignore the abort (a user's own endless await) are written off as interrupted.
    this.phase.writtenOff = true;
    for (const run of this.runs) run.writeOffBusy();
  }

  private cutShort(): Promise<void> {
    this.control.abort();
    return this.deps.http.close({ force: true });
  }

  private busyUsers(): number {
    let busy = 0;
    for (const run of this.runs) busy += run.busy;
    return busy;
  }

  /**
   * Thresholds with `abortOnFail`, checked on the live view of the results so far: the first to
   * fail stops the run as Ctrl-C would. Only runs when there are such thresholds.
   */
  private checkAbortThresholds(abortOn: Threshold[], soFar: () => LiveView): void {
    if (abortOn.length === 0 || this.control.stopping) return;
    const failed = evaluateThresholds(abortOn, soFar()).find((t) => !t.ok && t.actual !== null);
    if (failed) {
      this.abortedBy = failed.expr;
      this.control.stop();
    }
  }

  /** The facts of the run so far that the recorder folds into a snapshot or a view. */
  private metaSoFar(start: number, startedAt: Date): RunMeta {
    return { testId: this.testId, startedAt, durationMs: now() - start, load: this.loadDescription(), interrupted: false, warmup: null };
  }

  private startTicker(start: number, reporters: Reporter[], startedAt: Date): NodeJS.Timeout {
    const abortOn = (this.plan.thresholds ?? []).filter((t) => t.abortOnFail);
    const totalSec = this.plan.durationMs === null ? null : this.plan.durationMs / 1000;
    let succeeded = 0;
    let failed = 0;
    let dropped = 0;
    const timer = setInterval(() => {
      const point = this.recorder.sample(this.busyUsers());
      failed += point.failed;
      succeeded += point.iterations - point.failed;
      dropped += point.dropped;
      // Built at most once per second, on first use, and shared by every reader of this update.
      let view: LiveView | undefined;
      const viewSoFar = (): LiveView => (view ??= this.recorder.view(this.metaSoFar(start, startedAt)));
      const snapshot = (): RunResult => this.recorder.snapshot(this.metaSoFar(start, startedAt));
      const update: ProgressUpdate = { elapsedSec: (now() - start) / 1000, totalSec, succeeded, failed, dropped, requests: this.recorder.requestCount, point, view: viewSoFar, snapshot };
      for (const r of reporters) r.onProgress?.(update);
      this.checkAbortThresholds(abortOn, viewSoFar);
    }, 1000);
    timer.unref();
    return timer;
  }
}

function validateLoad(load: Load): LoadProblem[] {
  return load.model === 'closed' ? validateClosed(load) : validateOpen(load);
}

/** One workflow's load as the results describe it. */
function describeWorkflowLoad(name: string, wl: WorkflowLoad): WorkflowLoadDescription {
  const { load } = wl;
  const profile = load.model === 'closed' ? load.users : load.rate;
  return {
    name,
    weight: wl.weight,
    share: wl.share,
    model: load.model,
    users: load.model === 'closed' ? peakTarget(profile) : null,
    rate: load.model === 'open' ? peakTarget(profile) : null,
    maxUsers: load.model === 'open' ? load.maxUsers : null,
    iterations: wl.iterations,
    uniqueUsers: wl.uniqueUsers,
    startTimeMs: wl.startTimeMs,
    profile,
  };
}

/** The warm-up runs at the level the profile first aims for, then the profile starts over. */
function warmed(profile: LoadProfile, warmupMs: number): LoadProfile {
  return withWarmup(profile, warmupMs, profile.stages[0]?.target ?? profile.start);
}

/** Runs a plan to the end and resolves to its results. */
export function runTest(plan: RunPlan, deps: EngineDeps): Promise<RunResult> {
  return new Engine(plan, deps).run();
}
