export { computeDiff } from './compute-diff.js';
export { fromRunResult, statValues, entityLabel } from './measured.js';
export type { DiffSource, MeasuredEntity } from './measured.js';
export { evaluateGates, FailOnSyntaxError, parseFailOn } from './fail-on.js';
export type { FailOnRule } from './fail-on.js';
export { diffResponses, endpointOf } from './response-diff.js';
export type { RequestLogLine, ResponseDiffOptions } from './response-diff.js';
