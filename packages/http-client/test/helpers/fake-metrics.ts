import { formatTags, type ErrorCategory, type RequestMetrics, type RequestTags, type StepMetrics } from '@go-heavy/core';

/** One call the client made on a request handle. */
export interface Recorded {
  step: string;
  method: string;
  endpoint: string;
  /** The request's tags as shown (`{kind=search}`), when it had any. */
  tags?: string;
  latencyMs: number;
  /** The status of a response, or the category of an error. */
  status?: number;
  category?: ErrorCategory;
}

/**
 * A test double for core's recorder contract: a step whose request handles append every
 * recorded request to a log shared between steps, so a test sees the order and the step of each
 * recording, and every retry (`METHOD endpoint`) to `retried`, which is not a request.
 */
export class FakeStep implements StepMetrics {
  private readonly handles = new Map<string, RequestMetrics>();
  readonly retried: string[] = [];

  constructor(
    readonly name: string,
    readonly log: Recorded[] = [],
  ) {}

  request(method: string, endpoint: string, tags?: RequestTags): RequestMetrics {
    const shown = formatTags(tags);
    const key = `${method} ${endpoint} ${shown}`;
    let handle = this.handles.get(key);
    if (handle === undefined) {
      const { log, name: step, retried } = this;
      const tagged = shown === '' ? {} : { tags: shown };
      handle = {
        recordResponse: (latencyMs, status) => log.push({ step, method, endpoint, ...tagged, latencyMs, status }),
        recordError: (latencyMs, category) => log.push({ step, method, endpoint, ...tagged, latencyMs, category }),
        recordRetry: () => retried.push(`${method} ${endpoint}`),
      };
      this.handles.set(key, handle);
    }
    return handle;
  }

  record(): void {}

  metric(): never {
    throw new Error('FakeStep records requests only');
  }
}
