import type { RequestMetrics, StepMetrics } from '../contracts/metrics.js';
import { now } from '../clock.js';

/** The method `ctx.measure` records under. */
export const CUSTOM_METHOD = 'CUSTOM';

/**
 * `ctx.measure(name, fn)`: times `fn` and records it in `step` as a request `CUSTOM name`. Success
 * has no status code (`recordSuccess`, or status 0 with a recorder that lacks it); a throw is an
 * error of the error's own string `category` (an HTTP error keeps `ECONNREFUSED`), else `custom`.
 */
export function measure<T>(step: StepMetrics, name: string, fn: () => Promise<T> | T): Promise<T> {
  if (typeof name !== 'string' || name === '') return Promise.reject(new TypeError('ctx.measure(name, fn): name must be a non-empty string'));
  if (typeof fn !== 'function') return Promise.reject(new TypeError(`ctx.measure(${JSON.stringify(name)}, fn): fn must be a function`));
  const handle = step.request(CUSTOM_METHOD, name);
  const start = now();
  let result: Promise<T> | T;
  try {
    result = fn();
  } catch (err) {
    recordFailure(handle, now() - start, err);
    return Promise.reject(err);
  }
  return Promise.resolve(result).then(
    (value) => {
      const ms = now() - start;
      if (handle.recordSuccess) handle.recordSuccess(ms);
      else handle.recordResponse(ms, 0);
      return value;
    },
    (err: unknown) => {
      recordFailure(handle, now() - start, err);
      throw err;
    },
  );
}

function recordFailure(handle: RequestMetrics, ms: number, err: unknown): void {
  const category = (err as { category?: unknown } | null)?.category;
  handle.recordError(ms, typeof category === 'string' && category !== '' ? category : 'custom');
}
