import { performance } from 'node:perf_hooks';

/**
 * `performance.now()` through the module's own binding. The global `performance` is a lazy
 * accessor in Node: every read of it runs a getter, several times per request on the hot path.
 */
export function now(): number {
  return performance.now();
}
