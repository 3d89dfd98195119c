import type { Headers, HttpResponse } from '@go-heavy/core';

/** `json()` not called yet (undefined and null are JSON values). */
export const UNPARSED: unique symbol = Symbol('unparsed');
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
        throw notJsonError(this, this.method, err);
      }
    }
    return this.parsed as T;
  }
}

/** The error `json()` throws when `response.body` is not JSON: names the request and quotes the body. */
export function notJsonError(response: HttpResponse, method: string, err: unknown): Error {
  const { body } = response;
  const type = response.headers['content-type'] ?? 'none';
  const reason = err instanceof Error ? err.message : String(err);
  const preview = body.length > PREVIEW_CHARS ? `${body.slice(0, PREVIEW_CHARS)}…` : body;
  const message =
    `response to ${method} ${response.url} is not JSON (status ${response.status}, content-type ${String(type)}): ` +
    `${reason}; body: ${body === '' ? '(empty)' : JSON.stringify(preview)}`;
  return new Error(message, { cause: err });
}
