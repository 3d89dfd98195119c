import type { HttpClient } from './contracts/http-client.js';
import type { WorkflowLogger } from './contracts/log.js';
import type { DataFiles } from './data/types.js';
import type { CustomMetrics } from './contracts/custom-metrics.js';
import type { Notifications } from './contracts/notifications.js';

/** A function run at cleanup time; may be async. */
export type CleanupFn = () => void | Promise<void>;

/** Read-only environment of a workflow: env files overlaid by the process environment. */
export type WorkflowEnv = Readonly<Record<string, string | undefined>> & { readonly BASE_URL?: string };

/** What `init` and `cleanup` receive. */
export interface InitContext {
  /** Qualified workflow name, `<service>/<workflow>`. */
  readonly workflow: string;
  readonly env: WorkflowEnv;
  /** Requests made here are recorded under the step `(init)` or `(cleanup)`. */
  readonly http: HttpClient;
  /** The tool's log (GO_HEAVY_LOG_*), with the workflow and step bound to each line. */
  readonly log: WorkflowLogger;
  /** Custom metrics, recorded under `(init)` / `(cleanup)` or the step running at each `add`. */
  readonly metrics: CustomMetrics;
  /** Registers a function run once after the test, after `cleanup`, last registered first. */
  cleanup(fn: CleanupFn): void;
  /** Runs `fn` as a named step: timed, and its requests recorded under it. */
  step<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /** Test data files next to the workflow, read once per test: `ctx.data.csv('users.csv')`. */
  readonly data: DataFiles;
  /**
   * The test's asynchronous notifications, shared by every user: start a receiver here
   * (`listenWebhook()`, `subscribe(source)`), then `waitFor(key)` in `run`.
   */
  readonly notifications: Notifications;
  /** Times `fn` and records it as a request of method `CUSTOM` and endpoint `name` (see WorkflowContext). */
  measure<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /** An id unique in the whole test, across users, workers and machines (see WorkflowContext). */
  uniqueId(): string;
}

/**
 * The identity an iteration runs as. With `--unique-users N` there are N of them per workflow,
 * handed out so that one never runs two iterations at once; otherwise each concurrent user is one.
 */
export interface VirtualUser {
  /** 0-based, stable for the whole test. */
  readonly id: number;
  /** Yours to keep per user across iterations (a token, a cart id…). */
  readonly state: Record<string, unknown>;
}

/** What each iteration of `run` receives. One object per user, reused across its iterations. */
export interface WorkflowContext {
  readonly workflow: string;
  readonly env: WorkflowEnv;
  readonly http: HttpClient;
  /** The tool's log (GO_HEAVY_LOG_*), with workflow, step, user and iteration bound to each line. */
  readonly log: WorkflowLogger;
  /** 0-based index of the executor slot running this iteration (below the concurrency). */
  readonly userIndex: number;
  /** The user identity this iteration runs as; its cookies are kept by `ctx.http`. */
  readonly user: VirtualUser;
  /** 0-based number of this iteration across all users of the workflow. */
  readonly iteration: number;
  /** Aborted when the run is cut short after the graceful stop; pass it to your own I/O. */
  readonly signal: AbortSignal;
  /**
   * Test data files next to the workflow, read once per test and shared by every user:
   * `ctx.data.csv('users.csv').next()`. Best opened in `init` (see {@link DataFiles}).
   */
  readonly data: DataFiles;
  /**
   * Runs `fn` as a named step: timed, recorded with its requests. A throw fails the step and
   * the iteration (the remaining steps do not run).
   */
  step<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /**
   * Records a named check. A false condition marks the current step and the iteration failed
   * but does not stop it. Returns the condition.
   */
  check(condition: boolean, name: string): boolean;
  /**
   * Custom metrics (`ctx.metrics.trend('queue depth').add(12)`): counters, rates and trends,
   * recorded under the step running at each `add` and rolled up to the workflow and the run.
   */
  readonly metrics: CustomMetrics;
  /** Registers a function run when this iteration ends, last registered first. */
  cleanup(fn: CleanupFn): void;
  /**
   * The test's asynchronous notifications: `await ctx.notifications.waitFor(id, { timeout: '10s' })`
   * resolves with the message whose key is `id` (even one that arrived first), or rejects after the
   * timeout (category `timeout`), failing the step. Sources are started in `init`.
   */
  readonly notifications: Notifications;
  /**
   * Times any async work (a gRPC call, a query, a queue publish) and records it under the current
   * step as a request of method `CUSTOM` and endpoint `name`, with the same statistics as HTTP
   * requests. A throw is recorded as an error of the error's string `category` when it has one,
   * else `custom`, and rethrown. Resolves to what `fn` returns. Keep `name` free of ids.
   */
  measure<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /**
   * An id unique in the whole test, across users, worker processes and machines: a random
   * per-process prefix and a counter (`k3f9x2a1-1f`). For correlating notifications and test data.
   */
  uniqueId(): string;
  /** Waits, ending early (without error) when the run is cut short. */
  sleep(ms: number): Promise<void>;
}

/** What a workflow file default-exports, through {@link workflow}. */
export interface WorkflowDefinition<Data = unknown> {
  /** Defaults to the file name without extension. */
  name?: string;
  /** Extra env file, relative to the workflow file, overlaid on the service's env files. */
  env?: string;
  /** Runs once per test before the first iteration; its result is passed to every iteration. */
  init?(ctx: InitContext): Promise<Data> | Data;
  /**
   * Runs once per user identity, at the start of its first iteration (recorded in that
   * iteration, under the step `(user init)`). A throw fails that iteration; it runs again next time.
   */
  userInit?(ctx: WorkflowContext, data: Data): Promise<void> | void;
  /** One iteration. */
  run(ctx: WorkflowContext, data: Data): Promise<void> | void;
  /** Runs once after the last iteration. */
  cleanup?(ctx: InitContext, data: Data): Promise<void> | void;
}

const WORKFLOW = Symbol.for('go-heavy.workflow');

/** A workflow definition carrying the brand that tells it apart from other default exports. */
export type Workflow<Data = unknown> = WorkflowDefinition<Data> & { readonly [WORKFLOW]: true };

/**
 * Declares a workflow. Default-export the result from `services/<service>/<name>.ts`.
 * Validates the shape at once, so a mistake is reported when the file loads, not mid-run.
 */
export function workflow<Data = unknown>(definition: WorkflowDefinition<Data>): Workflow<Data> {
  if (definition === null || typeof definition !== 'object') {
    throw new TypeError('workflow(): expected an object with a run(ctx, data) function');
  }
  if (typeof definition.run !== 'function') {
    throw new TypeError('workflow(): `run` must be a function (ctx, data) => Promise<void>');
  }
  for (const hook of ['init', 'userInit', 'cleanup'] as const) {
    if (definition[hook] !== undefined && typeof definition[hook] !== 'function') {
      throw new TypeError(`workflow(): \`${hook}\` must be a function when given`);
    }
  }
  if (definition.name !== undefined && (typeof definition.name !== 'string' || definition.name.trim() === '')) {
    throw new TypeError('workflow(): `name` must be a non-empty string when given');
  }
  return Object.freeze({ ...definition, [WORKFLOW]: true as const });
}

/** True when `value` was made by {@link workflow} (from any copy of this package). */
export function isWorkflow(value: unknown): value is Workflow {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[WORKFLOW] === true;
}
