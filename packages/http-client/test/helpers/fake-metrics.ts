import type { ErrorCategory, RequestMetrics, StepMetrics } from '@go-heavy/core';

/** One call the client made on a request handle. */
export interface Recorded {
  step: string;
  method: string;
  endpoint: string;
  latencyMs: number;
  /** The status of a response, or the category of an error. */
  status?: number;
  category?: ErrorCategory;
}

/**
 * A test double for core's recorder contract: a step whose request handles append every call to
 * a log shared between steps, so a test sees the order and the step of each recording.
 */
export class FakeStep implements StepMetrics {
  private readonly handles = new Map<string, RequestMetrics>();

  constructor(
    readonly name: string,
    readonly log: Recorded[] = [],
  ) {}

  request(method: string, endpoint: string): RequestMetrics {
    const key = `${method} ${endpoint}`;
    let handle = this.handles.get(key);
    if (handle === undefined) {
      const { log, name: step } = this;
      handle = {
        recordResponse: (latencyMs, status) => log.push({ step, method, endpoint, latencyMs, status }),
        recordError: (latencyMs, category) => log.push({ step, method, endpoint, latencyMs, category }),
      };
      this.handles.set(key, handle);
    }
    return handle;
  }

  record(): void {}
}
