import type { HttpResponse, RequestMetrics, RequestScope } from '@go-heavy/core';
import type { OutgoingHeaders } from '../headers.js';
import { HttpRequestError } from '../http-request-error.js';
import type { Transport } from '../transport.js';
import type { RequestLog, RequestLogRecord } from './request-log.js';
import { RequestIds } from './request-ids.js';

/**
 * The request log's place on the request path, between the bound client and the transport (so
 * both transports log alike). It exists only when the client was given a `requestLog`: without
 * one, the bound client calls the transport directly and no request pays for any of this.
 *
 * Every request gets an id in the `header` header (a copy of the headers with it added), sampled
 * or not, so that any line of the log matches a request the server saw. A request whose headers
 * already carry that header keeps the user's value, which is then its id in the log.
 * A sampled request's outcome becomes a record once the transport settled it; formatting and
 * writing are the sink's, later. Requests that never went out (the transport refused to encode
 * them, a plain Error) are not logged, as they are not recorded in the metrics either.
 */
export class RequestLogger {
  private readonly ids: RequestIds;

  constructor(
    private readonly log: RequestLog,
    private readonly header: string,
    idPrefix?: string,
  ) {
    this.ids = new RequestIds(idPrefix);
  }

  send(
    transport: Transport,
    scope: RequestScope,
    metrics: RequestMetrics,
    method: string,
    path: string,
    origin: string,
    headers: OutgoingHeaders,
    body: string | Uint8Array | undefined,
    timeoutMs: number,
    discardBody: boolean,
    endpoint: string,
  ): Promise<HttpResponse> {
    const own = headers[this.header];
    let id: string;
    if (own === undefined) {
      id = this.ids.next();
      headers = { ...headers, [this.header]: id };
    } else {
      id = Array.isArray(own) ? own.join(', ') : own;
    }
    const sampled = this.log.sampled();
    const startedAt = sampled ? Date.now() : 0;
    const promise = transport.send(metrics, method, path, origin, headers, body, timeoutMs, scope.cookies, discardBody, endpoint);
    if (!sampled) return promise;
    const pending = new PendingRecord(this.log, id, startedAt, scope.workflow, scope.step.name, method, origin + path, headers, body);
    return promise.then(
      (response) => pending.settled(response),
      (err: unknown) => pending.failed(err),
    );
  }
}

/** A sampled request in flight: what the record will say, short of its outcome. */
class PendingRecord {
  constructor(
    private readonly log: RequestLog,
    private readonly id: string,
    private readonly startedAt: number,
    private readonly workflow: string | undefined,
    private readonly step: string,
    private readonly method: string,
    private readonly url: string,
    private readonly headers: OutgoingHeaders,
    private readonly body: string | Uint8Array | undefined,
  ) {}

  settled(response: HttpResponse): HttpResponse {
    try {
      if (this.log.keeps?.(response.status) !== false) this.log.write(this.record(response, undefined, response.latencyMs));
    } catch {
      // A sink that throws loses its line, never the user's response.
    }
    return response;
  }

  failed(err: unknown): never {
    try {
      if (err instanceof HttpRequestError && this.log.keeps?.(null) !== false) this.log.write(this.record(undefined, err, err.latencyMs));
    } catch {
      // As above: the request's own error is what the user gets.
    }
    throw err;
  }

  private record(response: HttpResponse | undefined, error: HttpRequestError | undefined, latencyMs: number): RequestLogRecord {
    return {
      id: this.id,
      startedAt: this.startedAt,
      workflow: this.workflow,
      step: this.step,
      method: this.method,
      url: this.url,
      requestHeaders: this.headers,
      requestBody: this.body,
      response,
      error,
      latencyMs,
    };
  }
}
