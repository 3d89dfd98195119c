import type { HeavyConfig } from './define-config.js';
import { workflowFileNames, type DiscoveredWorkflow } from './discover.js';
import { checkWorkflowNames, readWorkflowEntries, type WorkflowEntry } from './load/mix.js';
import { planWorkflowLoads, type PlannedMix } from './load/workflow-loads.js';
import type { Layer, PlannedLoad } from './plan.js';

/**
 * Each workflow's load for a run: the `workflows` of the highest config file that has them (the
 * service's over the root's), names checked against the service's workflows, and `--mix`.
 */
export async function planMix(workflows: readonly DiscoveredWorkflow[], layers: readonly Layer[], mix: string | undefined, planned: PlannedLoad): Promise<PlannedMix> {
  let entries = new Map<string, WorkflowEntry>();
  const layer = [...layers].reverse().find((l) => (l.config as HeavyConfig).workflows !== undefined);
  if (layer !== undefined) {
    const { workflows: found, profiles } = layer.config as HeavyConfig;
    entries = readWorkflowEntries(found, profiles, layer.source);
    const known = new Set([...workflows.map((w) => shortName(w)), ...(await workflowFileNames(workflows[0]!.serviceDir))]);
    checkWorkflowNames(entries, [...known], layer.source);
  }
  const { load, durationMs, iterations, uniqueUsers } = planned.plan;
  return planWorkflowLoads({
    workflows: workflows.map((w) => ({ name: w.name, short: shortName(w) })),
    entries,
    mix,
    service: { load, durationMs, iterations, uniqueUsers },
    spec: planned.spec,
  });
}

function shortName(wf: DiscoveredWorkflow): string {
  return wf.name.slice(wf.service.length + 1);
}
