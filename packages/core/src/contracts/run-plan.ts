import type { Workflow, WorkflowEnv } from '../workflow.js';

/** One workflow ready to run: loaded, named, with its environment resolved. */
export interface PlannedWorkflow {
  /** Qualified name, `<service>/<workflow>`. */
  name: string;
  service: string;
  /** The file it came from, for messages. */
  file: string;
  definition: Workflow<any>;
  env: WorkflowEnv;
}

/** Closed model: a fixed number of users, each starting its next iteration when the last ends. */
export interface ClosedLoad {
  model: 'closed';
  /** Users per workflow. */
  users: number;
}

export type Load = ClosedLoad;

/**
 * Everything the engine needs, as plain data. Built by `@go-heavy/config` from defaults,
 * `heavy.config.ts`, env and flags; the engine never reads `process.env` or files.
 */
export interface RunPlan {
  workflows: PlannedWorkflow[];
  load: Load;
  /** Measured phase length; the run ends at whichever of duration and iterations comes first. */
  durationMs: number | null;
  /** Iterations per workflow. */
  iterations: number | null;
  /** Warm-up before the measured phase, kept out of the statistics (duration runs only). */
  warmupMs: number;
  /** How long running iterations may finish after the end before they are interrupted. */
  gracefulStopMs: number;
}
