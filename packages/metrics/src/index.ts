export { createRecorder, Recorder } from './recorder.js';
export type { RecorderOptions } from './recorder.js';
export { decodeHistogram, encodeHistogram, mergeHistograms, toMicros, US_PER_MS } from './histogram.js';
export { latencyBuckets, niceBoundsUs } from './buckets.js';
export { MAX_FAILURE_REASONS, OTHER_REASON } from './failure-reasons.js';
export { UNKNOWN_REASON } from './workflow-handle.js';
export { addTimelinePoint, mergeResults, mergeTimelines } from './merge-results.js';
