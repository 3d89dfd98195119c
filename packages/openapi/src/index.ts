export { OpenApiError, isOpenApiError } from './errors.js';
export { loadSpec, type LoadedSpec, type SpecDocument, type SpecVersion } from './load-spec.js';
export { generateService, type GenerateOptions, type GeneratedFile } from './generate-service.js';
export { planWrites, type PlannedWrite, type WriteAction } from './plan-writes.js';
export { fileState, type FileState } from './generated-header.js';
