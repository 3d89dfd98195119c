// Load settings: parsing each flag or field, reading `--profile` files, and resolving them into
// the engine's closed or open load. What the package's index exports of them.
export { parseRate } from './parse-rate.js';
export { parseStages } from './parse-stages.js';
export { gaussianProfile } from './gaussian.js';
export type { SourcedSpec } from './load-spec.js';
export { mergeSpecs } from './merge-specs.js';
export { resolveLoad } from './resolve-load.js';
export type { ResolvedLoad } from './resolve-load.js';
export { readProfileFile, specFromObject } from './profile-file.js';
