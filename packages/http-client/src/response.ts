import type { Headers, HttpResponse } from '@go-heavy/core';

const UNPARSED: unique symbol = Symbol('unparsed');
/** How much of a non-JSON body to quote in the error. */
const PREVIEW_CHARS = 80;

/**
 * A response whose body was read to the end. `json()` parses on first call and returns the same
 * value afterwards, so a workflow that never looks at the body pays nothing for parsing.
 */
export class BufferedResponse implements HttpResponse {
  private parsed: unknown = UNPARSED;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly body: string,
    readonly url: string,
    readonly latencyMs: number,
    private readonly method: string,
  ) {}

  json<T = unknown>(): T {
    if (this.parsed === UNPARSED) {
      try {
        this.parsed = JSON.parse(this.body);
      } catch (err) {
        throw new Error(this.notJsonMessage(err), { cause: err });
      }
    }
    return this.parsed as T;
  }

  private notJsonMessage(err: unknown): string {
    const type = this.headers['content-type'] ?? 'none';
    const reason = err instanceof Error ? err.message : String(err);
    const preview = this.body.length > PREVIEW_CHARS ? `${this.body.slice(0, PREVIEW_CHARS)}…` : this.body;
    return (
      `response to ${this.method} ${this.url} is not JSON (status ${this.status}, content-type ${String(type)}): ` +
      `${reason}; body: ${this.body === '' ? '(empty)' : JSON.stringify(preview)}`
    );
  }
}
