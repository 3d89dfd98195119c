import type { Headers } from '@go-heavy/core';
import { isBodyDiscarded } from '../response.js';
import { clipBody, type Redactor } from './redactor.js';
import type { RequestLogRecord } from './request-log.js';

/**
 * One line of the NDJSON request log (`createNdjsonRequestLog`). Secrets are already replaced
 * by `[REDACTED]`, and bodies cut to the log's body limit.
 */
export interface RequestLogEntry {
  /** The request id, as sent in the request-id header. */
  id: string;
  /** When the request was sent, ISO 8601 in UTC. */
  ts: string;
  /** The workflow, or null when the client was not told. */
  workflow: string | null;
  step: string;
  method: string;
  /** Absolute URL. */
  url: string;
  /** The headers sent, names lower-case (without `host` and `content-length`, which the transport adds). */
  requestHeaders: Record<string, string | string[]>;
  /** The body sent, as UTF-8 text, or null for none. */
  requestBody: string | null;
  /** Present (true) when `requestBody` was cut to the body limit. */
  requestBodyTruncated?: true;
  /** The response status, or null when no response came. */
  status: number | null;
  /** Response headers, names lower-case (a repeated one as an array), or null with no response. */
  responseHeaders: Record<string, string | string[]> | null;
  /** The response body as UTF-8 text, or null with no response or a discarded body. */
  responseBody: string | null;
  /** Present (true) when the body was read but not kept (`discardBody`): `responseBody` is then null. */
  responseBodyDiscarded?: true;
  /** Present (true) when `responseBody` was cut to the body limit. */
  responseBodyTruncated?: true;
  /** Milliseconds from dispatch to the body's last byte, or to the failure (as the metrics record it). */
  latencyMs: number;
  /** Why no response came (the category the metrics record, and the underlying message), or null. */
  error: { category: string; message: string } | null;
}

/** Formats a record as its log entry: bodies clipped to `bodyLimit` bytes, secrets redacted. */
export function toLogEntry(record: RequestLogRecord, bodyLimit: number, redactor: Redactor): RequestLogEntry {
  const { response, error } = record;
  const requestBody = record.requestBody === undefined ? undefined : clipBody(record.requestBody, bodyLimit, redactor);
  const discarded = response !== undefined && isBodyDiscarded(response);
  const responseBody = response === undefined || discarded ? undefined : clipBody(response.body, bodyLimit, redactor);
  return {
    id: record.id,
    ts: new Date(record.startedAt).toISOString(),
    workflow: record.workflow ?? null,
    step: record.step,
    method: record.method,
    url: redactor.text(record.url),
    requestHeaders: redactor.headers(record.requestHeaders),
    requestBody: requestBody === undefined ? null : requestBody.text,
    ...(requestBody?.truncated === true ? { requestBodyTruncated: true as const } : {}),
    status: response === undefined ? null : response.status,
    responseHeaders: response === undefined ? null : redactor.headers(response.headers as Headers),
    responseBody: responseBody === undefined ? null : responseBody.text,
    ...(responseBody?.truncated === true ? { responseBodyTruncated: true as const } : {}),
    ...(discarded ? { responseBodyDiscarded: true as const } : {}),
    latencyMs: Math.round(record.latencyMs * 1000) / 1000,
    error: error === undefined ? null : { category: error.category, message: redactor.text(causeMessage(error)) },
  };
}

/** The underlying error's message (it says what happened), else the error's own. */
function causeMessage(error: Error): string {
  const cause = error.cause;
  return cause instanceof Error && cause.message !== '' ? cause.message : error.message;
}
