import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import { errorCategory } from '../error-category.js';
import { HttpRequestError } from '../http-request-error.js';
import { isRedirect } from '../redirect.js';
import type { RedirectHandler } from '../transport.js';
import type { H1Response } from './h1-response.js';

type Resolve = (response: HttpResponse) => void;
type Reject = (error: unknown) => void;

// `new Promise(capture)` hands its resolve and reject over through these, so making a request's
// promise needs no closure: the executor runs synchronously, before anything else can.
let capturedResolve: Resolve;
let capturedReject: Reject;
function capture(resolve: Resolve, reject: Reject): void {
  capturedResolve = resolve;
  capturedReject = reject;
}

/**
 * One request of the HTTP/1.1 transport, from dispatch to its outcome: what to write, where to
 * record, when it times out, and its promise. Settled exactly once, by `succeed` or `fail`, by
 * whoever detached it from its connection or queue first. Sent at most twice (`retry`), with
 * the same deadline and latency start both times.
 */
export class H1Request {
  readonly promise: Promise<HttpResponse>;
  /** `performance.now()` after which the request fails as `timeout`. */
  readonly deadline: number;
  /** True once the request was sent a second time: never a third. */
  retried = false;
  /** Set when the call follows redirects: a redirect response goes to it rather than to the caller. */
  redirect: RedirectHandler | undefined = undefined;
  private readonly resolve: Resolve;
  private readonly reject: Reject;

  constructor(
    readonly metrics: RequestMetrics,
    readonly method: string,
    readonly path: string,
    readonly origin: string,
    readonly cookies: CookieJar | undefined,
    /** The head, with the body unless `largeBody` is set. */
    readonly data: Buffer,
    readonly largeBody: Uint8Array | undefined,
    /** The server must close the connection after the response (the request said `connection: close`). */
    readonly closeRequested: boolean,
    readonly timeoutMs: number,
    /** `performance.now()` at dispatch: latency starts here, queueing included. */
    readonly start: number,
    /** Read the body to its end but keep none of it. */
    readonly discardBody: boolean,
    /** The most body bytes kept; beyond them the request fails as `response-too-large`. */
    readonly maxBodyBytes: number,
    /** The name `metrics` records it under, for a failure's reason. */
    readonly endpoint: string,
  ) {
    this.promise = new Promise(capture);
    this.resolve = capturedResolve;
    this.reject = capturedReject;
    this.deadline = start + timeoutMs;
  }

  /** True for HEAD, whose response has no body whatever its headers say. */
  get noBody(): boolean {
    return this.method === 'HEAD';
  }

  /** Records the response, keeps its cookies in the jar, and resolves. */
  succeed(response: H1Response, hasSetCookie: boolean): void {
    try {
      this.metrics.recordResponse(response.latencyMs, response.status);
      if (this.cookies !== undefined && hasSetCookie) {
        const setCookie = response.setCookie();
        if (setCookie !== undefined) this.cookies.store(this.origin, this.path, setCookie);
      }
    } catch (err) {
      this.reject(err);
      return;
    }
    // Recorded like any response; a redirect is then followed, its promise settling this one.
    if (this.redirect !== undefined && isRedirect(response.status)) this.resolve(this.redirect.follow(response) as unknown as HttpResponse);
    else this.resolve(response);
  }

  /**
   * Counts the second sending (`recordRetry`): neither a request nor a failure of its own.
   * Returns false, having rejected, when the recorder threw; the request must then not be sent.
   */
  retry(): boolean {
    this.retried = true;
    try {
      this.metrics.recordRetry();
    } catch (err) {
      this.reject(err);
      return false;
    }
    return true;
  }

  /** Records the failure under its category (`interrupted` once the client was force-closed) and rejects. */
  fail(err: unknown, latencyMs: number, interrupted: boolean): void {
    const category = errorCategory(err, interrupted);
    try {
      this.metrics.recordError(latencyMs, category);
    } catch (recordErr) {
      this.reject(recordErr);
      return;
    }
    this.reject(new HttpRequestError(category, this.method, this.origin + this.path, err, latencyMs, this.endpoint));
  }
}
