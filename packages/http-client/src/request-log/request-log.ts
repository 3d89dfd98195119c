import type { HttpResponse } from '@go-heavy/core';
import type { HttpRequestError } from '../http-request-error.js';

/**
 * One request as the client saw it, handed to a {@link RequestLog} once its outcome is known.
 * Raw references, not copies: the sink reads them later (off the request's own path), so it
 * must not keep them beyond writing the entry. Nothing here is redacted or truncated yet.
 */
export interface RequestLogRecord {
  /** The request id, as sent in the request-id header (or the user's own value of that header). */
  readonly id: string;
  /** `Date.now()` when the request was handed to the transport. */
  readonly startedAt: number;
  /** The workflow of the user that sent it, when the engine said (`RequestScope.workflow`). */
  readonly workflow: string | undefined;
  /** The step it was recorded under. */
  readonly step: string;
  /** Upper-case method. */
  readonly method: string;
  /** Absolute URL. */
  readonly url: string;
  /** The headers handed to the transport, names lower-case (`host` and `content-length` are the transport's and absent). */
  readonly requestHeaders: Readonly<Record<string, string | string[]>>;
  /** The body as sent (JSON bodies already encoded), or undefined for none. */
  readonly requestBody: string | Uint8Array | undefined;
  /** The response, or undefined when none came (see `error`). */
  readonly response: HttpResponse | undefined;
  /** What happened when no response came. */
  readonly error: HttpRequestError | undefined;
  /** Milliseconds from dispatch to the body's last byte (or to the failure), as recorded in the metrics. */
  readonly latencyMs: number;
}

/** What a {@link RequestLog} says when it closes. */
export interface RequestLogStats {
  /** Entries written. */
  written: number;
  /**
   * Entries lost because the sink could not keep up (its memory bound was reached while the
   * disk was behind) or could not write at all (see `error`). Not counted: requests left out
   * on purpose by sampling or `failedOnly`.
   */
  dropped: number;
  /** The write error that stopped the log, if one did. */
  error?: string;
}

/**
 * Where the client sends a line per request when `createHttpClient({ requestLog })` is set.
 * Called on the hot path, so every method must return at once: no I/O, no waiting.
 *
 * - `sampled()` is asked once per request before it is sent: false leaves the request out of
 *   the log (it still carries its request id).
 * - `keeps(status)` is asked when the outcome is known (`null`: no response), before the record
 *   is built: false leaves it out. Optional; absent keeps every sampled request.
 * - `write(record)` takes a record; the sink formats and writes it later, off the request's path.
 * - `close()` writes what is pending and releases the file; call it after the client's `close()`.
 */
export interface RequestLog {
  sampled(): boolean;
  keeps?(status: number | null): boolean;
  write(record: RequestLogRecord): void;
  close(): Promise<RequestLogStats>;
}
