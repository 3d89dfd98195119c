import type { LoadKey, SourcedSpec } from './load-spec.js';

/**
 * Keys that answer the same question, so a higher layer setting any of them replaces all of
 * them from lower layers: which level (users, a rate, stages, a gaussian shape) and how it
 * changes over time (a ramp-up, stages, a gaussian shape).
 */
const GROUPS: ReadonlyArray<readonly LoadKey[]> = [
  ['users', 'rate', 'stages', 'shape'],
  ['rampUp', 'stages', 'shape'],
];

/**
 * Merges layers, lowest first (root config, service config, profile, flags): the highest layer
 * setting a key wins, except that within each group of exclusive keys the highest layer
 * setting any of them drops the others from lower layers. So `--rate 100` over a config's
 * `users: 10` is the open model rather than a conflict, and `--stages` over a config's
 * `rampUp` replaces it; settings given together in one layer still conflict in
 * {@link resolveLoad}.
 */
export function mergeSpecs(layers: readonly SourcedSpec[]): SourcedSpec {
  const merged: SourcedSpec = {};
  for (const layer of layers) {
    for (const group of GROUPS) {
      if (group.some((key) => layer[key] !== undefined)) for (const key of group) delete merged[key];
    }
    // Stages carry their own length: a lower layer's duration must not cut them short.
    if (layer.stages !== undefined && layer.duration === undefined) delete merged.duration;
    Object.assign(merged, layer);
  }
  return merged;
}
