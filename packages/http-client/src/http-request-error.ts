import type { ErrorCategory } from '@go-heavy/core';
import { failureDetail } from './failure-detail.js';
import { endpointOf } from './url.js';

/**
 * A request that got no complete response: refused, reset, timed out, interrupted… The request
 * was already recorded under its step with `category`; this error fails the iteration.
 * The message reads like `ECONNREFUSED: GET http://127.0.0.1:1/x?id=26`; for `tls-cert`, `tls` and
 * `response-too-large` it goes on with what happened and what to do about it. The iteration's
 * failure reason is `failureReason`, the same text with the request's name (or its path without
 * the query) in place of the URL, so that a run over many ids counts one reason, not one per id.
 */
const BRAND = Symbol.for('go-heavy.http-request-error');

export class HttpRequestError extends Error {
  /**
   * `instanceof` works across copies of this package: a workflow loaded as CommonJS and a CLI
   * running the ESM build each have their own class, so the check is by a global brand.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  private readonly [BRAND] = true;

  /** What happened, as recorded in the metrics. */
  readonly category: ErrorCategory;
  /** The HTTP method, upper case. */
  readonly method: string;
  /** The absolute URL requested. */
  readonly url: string;
  /** The endpoint the request is recorded under: its `name`, else its path without the query string. */
  readonly endpoint: string;
  /**
   * Why the iteration failed, as counted in the results' `failureReasons` (core reads this field
   * when an error has it): `ECONNREFUSED: GET /posts/{id}/comments`, the message with `endpoint`
   * in place of the URL.
   */
  readonly failureReason: string;
  /** Milliseconds from dispatch until the failure was seen. */
  readonly latencyMs: number;
  /** The undici or Node error behind it. */
  override readonly cause: unknown;

  /** `endpoint` defaults to the path of `url` without its query string. */
  constructor(category: ErrorCategory, method: string, url: string, cause: unknown, latencyMs: number, endpoint = pathOf(url)) {
    const detail = failureDetail(category, cause);
    const rest = detail === undefined ? '' : `: ${detail}`;
    super(`${category}: ${method} ${url}${rest}`, { cause });
    this.name = 'HttpRequestError';
    this.category = category;
    this.method = method;
    this.url = url;
    this.endpoint = endpoint;
    this.failureReason = `${category}: ${method} ${endpoint}${rest}`;
    this.cause = cause;
    this.latencyMs = latencyMs;
  }
}

/** The path of an absolute URL without its query string (the URL itself if it is not one). */
function pathOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme === -1) return endpointOf(url);
  const slash = url.indexOf('/', scheme + 3);
  return slash === -1 ? '/' : endpointOf(url.slice(slash));
}
