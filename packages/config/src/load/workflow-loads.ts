import { peakTarget, profileDurationMs, type WorkflowLoad } from '@go-heavy/core';
import { ConfigError } from '../config-error.js';
import type { SourcedSpec } from './load-spec.js';
import { mergeSpecs } from './merge-specs.js';
import { parseMix, type WorkflowEntry } from './mix.js';
import { resolveLoad, type ResolvedLoad } from './resolve-load.js';
import { splitLoad } from './split.js';

/** One workflow of the run, by its qualified and its short name. */
export interface MixWorkflow {
  /** `<service>/<workflow>` */
  name: string;
  /** `<workflow>`, as `--mix` and `heavy.config.ts`'s `workflows` name it. */
  short: string;
}

export interface MixRequest {
  workflows: readonly MixWorkflow[];
  /** The service's `workflows` entries from `heavy.config.ts`. */
  entries: ReadonlyMap<string, WorkflowEntry>;
  /** `--mix`, if given. */
  mix?: string;
  /** The service's load, resolved from every layer and the flags. */
  service: ResolvedLoad;
  /** The service's load settings, merged: which were given, and the run's duration. */
  spec: SourcedSpec;
}

export interface PlannedMix {
  /** The load of each workflow that runs, by qualified name; a workflow with weight 0 is absent. */
  loads: Map<string, WorkflowLoad>;
  /** The run's length: the service's duration, or as long as the longest workflow's own stages. */
  durationMs: number | null;
}

/**
 * Each workflow's load. With `--mix`, the workflows it names share the service's load by its
 * weights and the others do not run. Otherwise a workflow with a load of its own in
 * `heavy.config.ts` runs it, and the others share the service's load by their `weight`
 * (default 1; 0 leaves a workflow out when more than one workflow runs).
 */
export function planWorkflowLoads(request: MixRequest): PlannedMix {
  const { workflows, entries, service, spec } = request;
  const mix =
    request.mix === undefined
      ? undefined
      : parseMix(
          request.mix,
          workflows.map((w) => w.short),
        );
  const loads = new Map<string, WorkflowLoad>();
  const sharing: Array<{ name: string; weight: number; startTimeMs: number }> = [];
  let ownEnd: number | null = null;
  for (const wf of workflows) {
    const entry = entries.get(wf.short);
    const startTimeMs = entry?.startTimeMs ?? 0;
    if (mix !== undefined) {
      const weight = mix.get(wf.short) ?? 0;
      if (weight > 0) sharing.push({ name: wf.name, weight, startTimeMs });
    } else if (entry?.own !== undefined) {
      const own = ownLoad(entry.own, spec);
      loads.set(wf.name, { ...own.share, startTimeMs, weight: null, share: null });
      if (own.lengthMs !== null) ownEnd = Math.max(ownEnd ?? 0, startTimeMs + own.lengthMs);
    } else {
      // One workflow alone runs whatever its weight: it was asked for.
      const weight = workflows.length === 1 ? 1 : (entry?.weight ?? 1);
      if (weight > 0) sharing.push({ name: wf.name, weight, startTimeMs });
    }
  }
  if (sharing.length === 0 && loads.size === 0) {
    throw new ConfigError(`heavy.config.ts: workflows: every workflow has weight 0, so nothing would run: give at least one a weight above 0`);
  }
  if (sharing.length > 0) {
    const weights = sharing.map((s) => s.weight);
    const total = weights.reduce((a, w) => a + w, 0);
    const shares = splitLoad(service, weights, { maxUsers: spec.maxUsers !== undefined, iterations: spec.iterations !== undefined });
    sharing.forEach((s, i) => loads.set(s.name, { ...shares[i]!, startTimeMs: s.startTimeMs, weight: s.weight, share: s.weight / total }));
  }
  // In the run's order.
  const ordered = new Map(workflows.filter((w) => loads.has(w.name)).map((w) => [w.name, loads.get(w.name)!]));
  const durationMs = sharing.length > 0 || service.durationMs !== null ? maxOrNull(service.durationMs, ownEnd) : ownEnd;
  return { loads: ordered, durationMs };
}

/** A workflow's own load; its length counts for the run's only when its own stages set it. */
function ownLoad(own: SourcedSpec, service: SourcedSpec): { share: Pick<WorkflowLoad, 'load' | 'iterations' | 'uniqueUsers'>; lengthMs: number | null } {
  // The run's duration applies unless the workflow's stages say how long its load lasts.
  const resolved = resolveLoad(mergeSpecs([service.duration ? { duration: service.duration } : {}, own]));
  const profile = resolved.load.model === 'closed' ? resolved.load.users : resolved.load.rate;
  if (peakTarget(profile) <= 0) throw new ConfigError(`${Object.values(own)[0]!.what}: this workflow's load never rises above 0, so it would not run`);
  const lengthMs = own.stages !== undefined ? profileDurationMs(profile) : null;
  return { share: { load: resolved.load, iterations: resolved.iterations, uniqueUsers: resolved.uniqueUsers }, lengthMs };
}

function maxOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
