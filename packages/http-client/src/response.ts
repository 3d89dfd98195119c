import type { Headers, HttpResponse } from '@go-heavy/core';
import { BodyDiscardedError } from './response-limits.js';

/** `json()` not called yet (undefined and null are JSON values). */
export const UNPARSED: unique symbol = Symbol('unparsed');
/** How much of a non-JSON body to quote in the error. */
const PREVIEW_CHARS = 80;

/** True when `response` is one of ours whose body was read but not kept (`discardBody`). */
export function isBodyDiscarded(response: HttpResponse): boolean {
  return (response as { bodyDiscarded?: unknown }).bodyDiscarded === true;
}

/**
 * A response of undici's transport, its body read to the end. `json()` parses on first call and
 * returns the same value afterwards, so a workflow that never looks at the body pays nothing for
 * parsing. A discarded body (`text` undefined) makes `body` and `json()` throw `BodyDiscardedError`.
 */
export class BufferedResponse implements HttpResponse {
  /** Set by the client on the response that ended a chain of redirects. */
  redirects = 0;
  private parsed: unknown = UNPARSED;

  constructor(
    readonly status: number,
    readonly headers: Headers,
    private readonly text: string | undefined,
    readonly url: string,
    readonly latencyMs: number,
    private readonly method: string,
  ) {}

  /** True when the body was read off the socket but not kept. */
  get bodyDiscarded(): boolean {
    return this.text === undefined;
  }

  /** The body as UTF-8 text; throws `BodyDiscardedError` when it was discarded. */
  get body(): string {
    if (this.text === undefined) throw new BodyDiscardedError(this.method, this.url);
    return this.text;
  }

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

  /** What `JSON.stringify` and `console.log` show: the fields of `HttpResponse`. */
  toJSON(): object {
    return responseFields(this);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): object {
    return this.toJSON();
  }
}

/** A response's fields as plain data; a discarded body shows as `bodyDiscarded: true` instead of throwing. */
export function responseFields(response: HttpResponse): object {
  const { status, headers, url, redirects, latencyMs } = response;
  return isBodyDiscarded(response) ? { status, headers, bodyDiscarded: true, url, redirects, latencyMs } : { status, headers, body: response.body, url, redirects, latencyMs };
}

/** The error `json()` throws when `response.body` is not JSON: names the request and quotes the body. */
export function notJsonError(response: HttpResponse, method: string, err: unknown): Error {
  const { body } = response;
  const type = response.headers['content-type'] ?? 'none';
  const reason = err instanceof Error ? err.message : String(err);
  const preview = body.length > PREVIEW_CHARS ? `${body.slice(0, PREVIEW_CHARS)}…` : body;
  const message =
    `response to ${method} ${response.url} is not JSON (status ${response.status}, content-type ${String(type)}): ` + `${reason}; body: ${body === '' ? '(empty)' : JSON.stringify(preview)}`;
  return new Error(message, { cause: err });
}
