import { setTimeout as delay } from 'node:timers/promises';
import type { CookieJar, HttpClient, HttpClientProvider, RequestScope } from '../contracts/http-client.js';
import type { StepMetrics, WorkflowMetrics } from '../contracts/metrics.js';
import type { CleanupFn, InitContext, VirtualUser, WorkflowContext, WorkflowEnv } from '../workflow.js';
import type { LogSink } from '../contracts/log.js';
import { isEndOfData } from '../data/data-file-error.js';
import type { DataFiles } from '../data/types.js';
import { CleanupStack } from './cleanup-stack.js';
import { ABANDONED_MESSAGE, CLOSED_HTTP } from './closed-http-client.js';
import { ContextLogger } from './context-logger.js';
import { failureReason } from './failure-reason.js';
import type { RunControl } from './run-control.js';
import { StepRun, type StepOwner } from './step-run.js';
import { UserMetrics, type MetricOwner } from './user-metrics.js';
import { now } from '../clock.js';
import type { Notifications } from '../contracts/notifications.js';
import { CorrelationHub } from '../notifications/correlation-hub.js';
import { measure } from './measure.js';
import { uniqueId } from './unique-id.js';

/** Step name under which requests made outside any `ctx.step` are recorded. */
export const NO_STEP = '(no step)';
/** Steps for the requests of the lifecycle hooks. */
export const INIT_STEP = '(init)';
export const CLEANUP_STEP = '(cleanup)';
export const USER_INIT_STEP = '(user init)';

/** `ctx.data` of a context made without one (by hand, outside the engine). */
const NO_DATA: DataFiles = Object.freeze({
  csv: noData,
  json: noData,
  text: noData,
  lines: noData,
  rows: noData,
});

function noData(): never {
  throw new Error('ctx.data: this context has no data files (it was not made by the engine)');
}

/** `ctx.user` in `init` and `cleanup`, which run as no particular user. */
const NO_USER: VirtualUser = Object.freeze({ id: -1, state: Object.freeze({}) });

/**
 * The context of one user of one workflow, reused across that user's iterations so the hot path
 * allocates nothing per iteration beyond what the workflow itself does.
 */
export class UserContext implements WorkflowContext, InitContext, StepOwner, MetricOwner {
  /** Replaced by a client that sends nothing once an abandoned iteration's cleanups ran. */
  http: HttpClient;
  readonly log: ContextLogger;
  iteration = -1;
  user: VirtualUser = NO_USER;
  /** Why the current iteration failed so far, or undefined while it is healthy. */
  failure: string | undefined;
  /** The iteration ended because rows opened with `onEnd: 'stop'` ran out: interrupted, not failed. */
  endOfData = false;
  private workflowMetrics!: WorkflowMetrics;
  /** `ctx.metrics`: custom metrics, recorded under the step running at each `add`. */
  readonly metrics: UserMetrics = new UserMetrics(this);
  private readonly scope: RequestScope;
  private readonly cleanups = new CleanupStack();
  private stepFailed = false;
  /** The iteration's default step, where requests outside any step go. */
  private iterationStep: StepMetrics;
  /** Steps entered and not yet left, outermost first, with their start times. */
  private readonly openSteps: StepMetrics[] = [];
  private readonly openStarts: number[] = [];
  /** Ended step runs, for the next steps to reuse. */
  private readonly freeRuns: StepRun[] = [];
  /** Bumped when the iteration is abandoned: steps open then are settled by {@link expire}, not by their own end. */
  private generation = 0;
  /** With an iteration timeout: aborted when this user's iteration is abandoned. */
  private readonly expiry: AbortController | undefined;
  private readonly ownSignal: AbortSignal | undefined;
  /** The iteration ran past its time limit and was failed; its code may still be running. */
  expired = false;
  /** An expired iteration whose cleanups ran: no more steps or requests. */
  private closed = false;

  constructor(
    readonly workflow: string,
    readonly env: WorkflowEnv,
    readonly userIndex: number,
    private readonly control: RunControl,
    http: HttpClientProvider,
    metrics: WorkflowMetrics,
    defaultStep: string = NO_STEP,
    logSink?: LogSink,
    expires = false,
    readonly data: DataFiles = NO_DATA,
    /** The test's hub; a context made by hand gets one of its own. */
    readonly notifications: Notifications = new CorrelationHub(),
  ) {
    this.workflowMetrics = metrics;
    this.iterationStep = metrics.step(defaultStep);
    this.scope = { baseUrl: env.BASE_URL, workflow, step: this.iterationStep, cookies: undefined };
    if (expires) {
      // Once per user slot, not per iteration: the user's own I/O on ctx.signal ends with the iteration.
      this.expiry = new AbortController();
      this.ownSignal = AbortSignal.any([control.signal, this.expiry.signal]);
    }
    this.http = http.forScope(this.scope);
    this.log = new ContextLogger(logSink, this);
  }

  /** The step running now, for log lines. */
  get stepName(): string {
    return this.scope.step.name;
  }

  /** The step requests and custom metrics are recorded under now. */
  get currentStep(): StepMetrics {
    return this.scope.step;
  }

  /** The identity running now, for log lines. */
  get userId(): number {
    return this.user.id;
  }

  get signal(): AbortSignal {
    return this.ownSignal ?? this.control.signal;
  }

  /** Prepares for the next iteration, recording into `metrics` (the phase it starts in). */
  begin(iteration: number, metrics: WorkflowMetrics, defaultStep: StepMetrics, user: VirtualUser = NO_USER, cookies?: CookieJar): void {
    this.iteration = iteration;
    this.workflowMetrics = metrics;
    this.user = user;
    this.iterationStep = defaultStep;
    this.scope.step = defaultStep;
    this.scope.cookies = cookies;
    this.failure = undefined;
    this.endOfData = false;
    this.stepFailed = false;
  }

  /** The iteration's code threw `err`: the first failure is its reason. Off the hot path. */
  fail(err: unknown): void {
    if (this.failure !== undefined) return;
    this.failure = failureReason(err);
    this.endOfData = isEndOfData(err);
  }

  /** Not `async`: the step's work is chained to a pooled {@link StepRun}, with no frame of its own. */
  step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new Error(ABANDONED_MESSAGE));
    const run = this.freeRuns.pop() ?? new StepRun(this);
    try {
      run.step = this.workflowMetrics.step(name);
    } catch (err) {
      this.freeRuns.push(run);
      return Promise.reject(err);
    }
    run.outer = this.scope.step;
    run.outerFailed = this.stepFailed;
    run.generation = this.generation;
    // Open steps are tracked only where an iteration can be abandoned (an iteration timeout).
    run.depth = this.expiry === undefined ? -1 : this.openSteps.length;
    this.scope.step = run.step;
    this.stepFailed = false;
    run.start = now();
    if (run.depth >= 0) {
      this.openSteps.push(run.step);
      this.openStarts.push(run.start);
    }
    let result: Promise<T> | T;
    try {
      result = fn();
    } catch (err) {
      // Thrown before returning a promise: the step ends at once, as an `await` would have.
      try {
        this.endStep(run, false);
      } catch (recordErr) {
        return Promise.reject(recordErr);
      }
      return Promise.reject(err);
    }
    return Promise.resolve(result).then(run.fulfilled, run.rejected) as Promise<T>;
  }

  /** @internal the work of `run` settled: records the step (unless its iteration was abandoned meanwhile) and leaves it. */
  endStep(run: StepRun, ok: boolean): void {
    try {
      // A step open when its iteration was abandoned was recorded then; the context moved on.
      if (run.generation !== this.generation) return;
      if (!ok) this.stepFailed = true;
      run.step.record(now() - run.start, ok && !this.stepFailed);
    } finally {
      if (run.generation === this.generation) {
        if (run.depth >= 0) {
          this.openSteps.length = run.depth;
          this.openStarts.length = run.depth;
        }
        this.scope.step = run.outer;
        this.stepFailed = run.outerFailed || this.stepFailed;
      }
      this.freeRuns.push(run);
    }
  }

  check(condition: boolean, name: string): boolean {
    // From plain JavaScript the order is easy to swap (k6's is `check(value, { name: fn })`):
    // a name that is not text would reach every report as one.
    if (typeof name !== 'string')
      throw new TypeError(`ctx.check(condition, name): expected the name second, as a string, got ${typeof name}${typeof condition === 'string' ? ' (arguments swapped?)' : ''}`);
    const ok = Boolean(condition);
    // An abandoned iteration was already recorded as failed: its late checks count for nothing.
    if (this.expired) return ok;
    this.workflowMetrics.recordCheck(name, ok);
    this.scope.step.recordCheck?.(name, ok);
    if (!ok) {
      this.stepFailed = true;
      this.failure ??= `check: ${name}`;
    }
    return ok;
  }

  cleanup(fn: CleanupFn): void {
    this.cleanups.push(fn);
  }

  measure<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    if (this.closed) return Promise.reject(new Error(ABANDONED_MESSAGE));
    return measure(this.scope.step, name, fn);
  }

  uniqueId(): string {
    return uniqueId();
  }

  /**
   * Abandons the running iteration at its time limit: it fails with `reason`, every step still
   * open fails with the time it ran, requests go to the iteration's default step again (for
   * the cleanups) and `ctx.signal` aborts. Steps that end later record nothing.
   */
  expire(reason: string): void {
    const time = now();
    this.expired = true;
    this.generation++;
    this.failure = reason;
    for (let i = this.openSteps.length - 1; i >= 0; i--) this.openSteps[i]!.record(time - this.openStarts[i]!, false);
    this.openSteps.length = 0;
    this.openStarts.length = 0;
    this.scope.step = this.iterationStep;
    this.expiry?.abort(new Error(reason));
  }

  /** After an abandoned iteration's cleanups: what its code still does is refused, not sent. */
  close(): void {
    this.closed = true;
    this.http = CLOSED_HTTP;
  }

  /** True when the iteration registered cleanups that `runCleanups` has yet to run. */
  get hasCleanups(): boolean {
    return this.cleanups.size > 0;
  }

  /** Runs this iteration's cleanups (LIFO); a throwing cleanup fails the iteration. */
  async runCleanups(): Promise<void> {
    if (this.cleanups.size === 0) return;
    const errors = await this.cleanups.runAll();
    if (errors.length > 0 && this.failure === undefined) {
      const first = errors[0];
      this.failure = `cleanup: ${first instanceof Error ? first.message : String(first)}`;
    }
  }

  /** Runs the registered cleanups (LIFO) and returns their errors, for test-level cleanups. */
  runCleanupsCollecting(): Promise<unknown[]> {
    return this.cleanups.runAll();
  }

  async sleep(ms: number): Promise<void> {
    const signal = this.signal;
    if (!(ms > 0) || signal.aborted) return;
    try {
      await delay(ms, undefined, { signal });
    } catch {
      // Aborted: the run is ending or the iteration was abandoned, so waking early is the point.
    }
  }
}
