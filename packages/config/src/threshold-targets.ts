import path from 'node:path';
import type { Threshold } from '@go-heavy/core';
import { ConfigError } from './config-error.js';
import { listServices, workflowNamesIn, type DiscoveredWorkflow } from './discover.js';
import type { SourcedThreshold } from './thresholds.js';

/**
 * Checks the workflow each threshold names against the project, before any load: a workflow of
 * this run is kept; a workflow of the project that is not part of this run (a service config's
 * thresholds for `blog/write` while `blog/browse` runs) is kept with `skip` set, so it is reported
 * as skipped rather than failed; a workflow that exists nowhere is a {@link ConfigError}, one
 * line per such threshold naming it, where it was written and the workflows there are. Steps and
 * requests are only known once they run: their thresholds are judged on the results.
 */
export async function checkThresholdTargets(thresholds: readonly SourcedThreshold[], run: readonly DiscoveredWorkflow[], root: string): Promise<Threshold[]> {
  const inRun = new Set(run.map((wf) => wf.name));
  const known = new Map<string, Promise<string[] | undefined>>();
  const namesOf = (service: string): Promise<string[] | undefined> => {
    let names = known.get(service);
    if (names === undefined) {
      // The run's own service may live outside <root>/services (a path given as the target).
      const dir = run.find((wf) => wf.service === service)?.serviceDir ?? path.join(root, 'services', service);
      names = workflowNamesIn(dir, root, service);
      known.set(service, names);
    }
    return names;
  };
  const problems: string[] = [];
  const out: Threshold[] = [];
  for (const { threshold, where } of thresholds) {
    const { target } = threshold;
    // The run, or the requests tagged so across the run (a tag filter without a workflow).
    if (target.level === 'run' || target.workflow === null || inRun.has(target.workflow)) {
      out.push(threshold);
      continue;
    }
    const workflow = target.workflow;
    const service = workflow.slice(0, workflow.indexOf('/'));
    const names = await namesOf(service);
    if (names?.includes(workflow)) {
      out.push({ ...threshold, skip: `${workflow} is not part of this run` });
      continue;
    }
    const expected =
      names === undefined
        ? `there is no service "${service}" (services: ${(await listServices(root).catch(() => [])).join(', ') || 'none'})`
        : `expected one of ${names.join(', ') || '(no workflows)'}`;
    problems.push(`${where}: threshold "${threshold.expr}" names workflow "${workflow}", which does not exist: ${expected}`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return out;
}
