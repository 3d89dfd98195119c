import type { LoadProfile } from '../profile.js';
import type { Threshold } from '../thresholds/parse-threshold.js';
import type { Workflow, WorkflowEnv } from '../workflow.js';
import type { LoadShape } from './run-result.js';
import type { Segment } from '../load-share.js';

/** One workflow ready to run: loaded, named, with its environment resolved. */
export interface PlannedWorkflow {
  /** Qualified name, `<service>/<workflow>`. */
  name: string;
  service: string;
  /** The file it came from, for messages. */
  file: string;
  definition: Workflow<unknown>;
  env: WorkflowEnv;
  /**
   * What this workflow runs: its weighted share of the service's load, or a load of its own.
   * Absent (plans built by hand): it runs the plan's whole `load`, `iterations` and `uniqueUsers`.
   */
  load?: WorkflowLoad;
}

/**
 * One workflow's load: a weighted share of the service's load (as k6's scenarios, but split from
 * one `--users`/`--rate`), or a load of its own from `heavy.config.ts`. Every workflow follows
 * its own profile on the run's shared timeline.
 */
export interface WorkflowLoad {
  load: Load;
  /** Iterations this workflow runs, or null for no limit. */
  iterations: number | null;
  /** Distinct user identities of this workflow, or null for one per concurrent user. */
  uniqueUsers: number | null;
  /**
   * Milliseconds after the measured phase starts before this workflow's profile starts (k6's
   * `startTime`); it runs nothing before, warm-up included. 0: it starts with the run.
   */
  startTimeMs: number;
  /** Its weight in the split of the service's load, or null when it has a load of its own. */
  weight: number | null;
  /** Its fraction (0–1) of the service's load, or null when it has a load of its own. */
  share: number | null;
}

/**
 * Closed model: users per workflow, each starting its next iteration as soon as its last one
 * ends. The count follows `users` over time; when it falls, users leave after their iteration.
 */
export interface ClosedLoad {
  model: 'closed';
  users: LoadProfile;
}

/**
 * Open model: iterations started per second per workflow, following `rate` over time, whatever
 * their duration. A start that finds `maxUsers` iterations running is dropped and counted,
 * never delayed.
 */
export interface OpenLoad {
  model: 'open';
  rate: LoadProfile;
  /** Cap on concurrent iterations per workflow. */
  maxUsers: number;
  /**
   * How starts are placed inside each 100 ms slot: `regular` evenly spaced, `random` uniformly.
   */
  distribution: 'regular' | 'random';
  /** 0..1: each start moves at random by up to this fraction of the interval between starts. */
  jitter: number;
}

export type Load = ClosedLoad | OpenLoad;

/**
 * Everything the engine needs, as plain data. Built by `@go-heavy/config` from defaults,
 * `heavy.config.ts`, env and flags; the engine never reads `process.env` or config files (only the
 * data files workflows ask for with `ctx.data`).
 */
export interface RunPlan {
  workflows: PlannedWorkflow[];
  /** The service's load as asked: what workflows without a `load` of their own run whole. */
  load: Load;
  /** Measured phase length; the run ends at whichever of duration and iterations comes first. */
  durationMs: number | null;
  /** Iterations per workflow. */
  iterations: number | null;
  /** Warm-up before the measured phase, kept out of the statistics (duration runs only). */
  warmupMs: number;
  /** How long running iterations may finish after the end before they are interrupted. */
  gracefulStopMs: number;
  /**
   * Longest an iteration may run: past it, the iteration fails (reason `iteration timeout: …`),
   * its open steps fail, its cleanups run and its user goes on with the next iteration. Absent
   * or null: no limit (requests are still bounded by their own timeout).
   */
  iterationTimeoutMs?: number | null;
  /**
   * Distinct user identities (`ctx.user`) per workflow, or null for one identity per concurrent
   * user. An identity never runs two iterations at once.
   */
  uniqueUsers: number | null;
  /** Pass/fail criteria evaluated on the results; those with `abortOnFail` once a second. */
  thresholds?: Threshold[];
  /** How the load was asked for, for reports only (`LoadDescription.shape`); the executors follow `load`. */
  loadShape?: LoadShape;
  /** The `--profile` the load came from, for reports only (`LoadDescription.profileSource`). */
  profileSource?: string;
  /**
   * Run only this share of the load (`--segment i/N`, a worker of `--workers`): see
   * `load-share.ts`. The results still describe the whole test's load. Absent: all of it.
   */
  segment?: Segment;
}
