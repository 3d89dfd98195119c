// Load settings: parsing each flag or field, reading `--profile` files, and resolving them into
// the engine's closed or open load.
export { parseRate, readRate } from './parse-rate.js';
export { parseStages, stagesLevel } from './parse-stages.js';
export type { StageLevel } from './parse-stages.js';
export { parsePercent } from './parse-percent.js';
export { parseWholeNumber } from './whole-number.js';
export { gaussianProfile } from './gaussian.js';
export type { GaussianShape } from './gaussian.js';
export { LOAD_KEYS, flagName, isLoadKey, pickSpec } from './load-spec.js';
export type { LoadKey, LoadSpec, Sourced, SourcedSpec } from './load-spec.js';
export { mergeSpecs } from './merge-specs.js';
export { parseLoadValues } from './parse-load-values.js';
export type { LoadValues } from './parse-load-values.js';
export { resolveLoad } from './resolve-load.js';
export type { ResolvedLoad } from './resolve-load.js';
export { parseProfileText, readProfileFile, specFromObject } from './profile-file.js';
