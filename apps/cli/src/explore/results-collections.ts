import type { RunResult, Stats } from '@go-heavy/core';

type Doc = Record<string, unknown>;

/** The rows of a results file as `explore` shows them: workflows, steps and requests. */
export interface ResultRows {
  workflows: Doc[];
  steps: Doc[];
  requests: Doc[];
}

/**
 * One document per workflow, step and request of the results, each with the names of where it
 * sits (`workflow`, `step`) and its statistics as the results file has them (`runs`, `failed`,
 * `ratePerSec`, `latencyMs.p95`, `statusCodes`, `errors`…), plus `errorRate` (failed runs in
 * percent of runs). The encoded histograms and the buckets are left out: no query reads them.
 */
export function resultRows(result: RunResult): ResultRows {
  const rows: ResultRows = { workflows: [], steps: [], requests: [] };
  for (const wf of result.workflows) {
    const { steps, ...own } = wf;
    rows.workflows.push({ workflow: wf.name, ...statsOf(own), stepCount: steps.length });
    for (const step of steps) {
      const { requests, ...stepOwn } = step;
      rows.steps.push({ workflow: wf.name, step: step.name, ...statsOf(stepOwn), requestCount: requests.length });
      for (const req of requests) rows.requests.push({ workflow: wf.name, step: step.name, ...statsOf(req) });
    }
  }
  return rows;
}

function statsOf<T extends Stats>(stats: T): Doc {
  const { histogram, succeededHistogram, buckets, ...rest } = stats;
  return { ...rest, errorRate: stats.runs === 0 ? 0 : (100 * stats.failed) / stats.runs };
}
