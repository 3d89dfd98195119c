import type { LoadKey, SourcedSpec } from './load-spec.js';
import { stagesLevel } from './parse-stages.js';

/** A gaussian shape is `shape` and the settings that only it reads. */
const GAUSSIAN: readonly LoadKey[] = ['shape', 'volume', 'peak', 'stddev'];

/**
 * Settings that answer one question together: a layer that sets any key of `when` replaces every
 * key of `drop` from the layers below it, so a flag wins over the config as a whole setting
 * instead of being mixed with (or conflicting with) the part of it it did not name.
 */
const WHOLE_SETTINGS: ReadonlyArray<{ when: readonly LoadKey[]; drop: readonly LoadKey[] }> = [
  // Which level: users, a rate, stages or a gaussian shape.
  { when: ['users', 'rate', 'stages', 'shape'], drop: ['users', 'rate', 'stages', ...GAUSSIAN] },
  // How the level changes over time.
  { when: ['rampUp', 'stages', 'shape'], drop: ['rampUp', 'stages', ...GAUSSIAN] },
  // When the run ends: after a duration or an iteration count; stages carry their own length.
  { when: ['duration', 'iterations', 'stages'], drop: ['duration', 'iterations'] },
  // A gaussian shape plans its own number of iterations (its volume).
  { when: ['shape'], drop: ['iterations'] },
  // An iteration count is a run of that many iterations (a smoke run is a smoke run): no shape
  // over time from below stretches it, not even a ramp-up.
  { when: ['iterations'], drop: ['rampUp', 'stages', ...GAUSSIAN] },
];

/** Settings of the open model only, which a layer choosing the closed model leaves behind. */
const OPEN_ONLY: readonly LoadKey[] = ['maxUsers', 'jitter', 'distribution'];

/**
 * Merges layers, lowest first (root config, service config, profile, flags): the highest layer
 * setting a key wins, and a layer setting part of a whole setting ({@link WHOLE_SETTINGS})
 * replaces all of it from lower layers. So `--rate 100` over a config's `users: 10` is the open
 * model rather than a conflict, `--iterations 1` over a config's `duration: 1m` runs one
 * iteration (not one minute), `--stages` over a config's `rampUp` replaces it, and `--users` over
 * a config's open model leaves its `maxUsers` behind. Settings given together in one layer still
 * conflict in {@link resolveLoad}.
 */
export function mergeSpecs(layers: readonly SourcedSpec[]): SourcedSpec {
  const merged: SourcedSpec = {};
  for (const layer of layers) {
    const drop = new Set<LoadKey>();
    for (const rule of WHOLE_SETTINGS) if (rule.when.some((key) => layer[key] !== undefined)) for (const key of rule.drop) drop.add(key);
    if (choosesClosedModel(layer)) for (const key of OPEN_ONLY) drop.add(key);
    for (const key of drop) delete merged[key];
    Object.assign(merged, layer);
  }
  return merged;
}

/** True when the layer sets users, or stages whose targets are users. */
function choosesClosedModel(layer: SourcedSpec): boolean {
  return layer.users !== undefined || (layer.stages !== undefined && stagesLevel(layer.stages.value) === 'users');
}
