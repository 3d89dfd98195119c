import { setTimeout as delay } from 'node:timers/promises';
import type { CookieJar, HttpClient, HttpClientProvider, RequestScope } from '../contracts/http-client.js';
import type { StepMetrics, WorkflowMetrics } from '../contracts/metrics.js';
import type { CleanupFn, InitContext, VirtualUser, WorkflowContext, WorkflowEnv } from '../workflow.js';
import type { LogSink } from '../contracts/log.js';
import { CleanupStack } from './cleanup-stack.js';
import { ContextLogger } from './context-logger.js';
import type { RunControl } from './run-control.js';

/** Step name under which requests made outside any `ctx.step` are recorded. */
export const NO_STEP = '(no step)';
/** Steps for the requests of the lifecycle hooks. */
export const INIT_STEP = '(init)';
export const CLEANUP_STEP = '(cleanup)';
export const USER_INIT_STEP = '(user init)';

/** `ctx.user` in `init` and `cleanup`, which run as no particular user. */
const NO_USER: VirtualUser = Object.freeze({ id: -1, state: Object.freeze({}) });

/**
 * The context of one user of one workflow, reused across that user's iterations so the hot path
 * allocates nothing per iteration beyond what the workflow itself does.
 */
export class UserContext implements WorkflowContext, InitContext {
  readonly http: HttpClient;
  readonly log: ContextLogger;
  iteration = -1;
  user: VirtualUser = NO_USER;
  /** Why the current iteration failed so far, or undefined while it is healthy. */
  failure: string | undefined;
  private metrics!: WorkflowMetrics;
  private readonly scope: RequestScope;
  private readonly cleanups = new CleanupStack();
  private stepFailed = false;

  constructor(
    readonly workflow: string,
    readonly env: WorkflowEnv,
    readonly userIndex: number,
    private readonly control: RunControl,
    http: HttpClientProvider,
    metrics: WorkflowMetrics,
    defaultStep: string = NO_STEP,
    logSink?: LogSink,
  ) {
    this.metrics = metrics;
    this.scope = { baseUrl: env.BASE_URL, workflow, step: metrics.step(defaultStep), cookies: undefined };
    this.http = http.forScope(this.scope);
    this.log = new ContextLogger(logSink, this);
  }

  /** The step running now, for log lines. */
  get stepName(): string {
    return this.scope.step.name;
  }

  /** The identity running now, for log lines. */
  get userId(): number {
    return this.user.id;
  }

  get signal(): AbortSignal {
    return this.control.signal;
  }

  /** Prepares for the next iteration, recording into `metrics` (the phase it starts in). */
  begin(iteration: number, metrics: WorkflowMetrics, defaultStep: StepMetrics, user: VirtualUser = NO_USER, cookies?: CookieJar): void {
    this.iteration = iteration;
    this.metrics = metrics;
    this.user = user;
    this.scope.step = defaultStep;
    this.scope.cookies = cookies;
    this.failure = undefined;
    this.stepFailed = false;
  }

  async step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const step = this.metrics.step(name);
    const outer = this.scope.step;
    const outerFailed = this.stepFailed;
    this.scope.step = step;
    this.stepFailed = false;
    const start = performance.now();
    try {
      const value = await fn();
      step.record(performance.now() - start, !this.stepFailed);
      return value;
    } catch (err) {
      this.stepFailed = true;
      step.record(performance.now() - start, false);
      throw err;
    } finally {
      this.scope.step = outer;
      this.stepFailed = outerFailed || this.stepFailed;
    }
  }

  check(condition: boolean, name: string): boolean {
    const ok = Boolean(condition);
    this.metrics.recordCheck(name, ok);
    if (!ok) {
      this.stepFailed = true;
      this.failure ??= `check: ${name}`;
    }
    return ok;
  }

  cleanup(fn: CleanupFn): void {
    this.cleanups.push(fn);
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
    if (!(ms > 0) || this.control.aborted) return;
    try {
      await delay(ms, undefined, { signal: this.control.signal });
    } catch {
      // Aborted: the run is ending, so waking early is the point.
    }
  }
}
