import type { ErrorCategory } from '@go-heavy/core';
import { failureDetail } from './failure-detail.js';

/**
 * A request that got no complete response: refused, reset, timed out, interrupted… The request
 * was already recorded under its step with `category`; this error fails the iteration.
 * The message reads like `ECONNREFUSED: GET http://127.0.0.1:1/x`; for `tls-cert`, `tls` and
 * `response-too-large` it goes on with what happened and what to do about it.
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
  /** Milliseconds from dispatch until the failure was seen. */
  readonly latencyMs: number;
  /** The undici or Node error behind it. */
  override readonly cause: unknown;

  constructor(category: ErrorCategory, method: string, url: string, cause: unknown, latencyMs: number) {
    const detail = failureDetail(category, cause);
    super(detail === undefined ? `${category}: ${method} ${url}` : `${category}: ${method} ${url}: ${detail}`, { cause });
    this.name = 'HttpRequestError';
    this.category = category;
    this.method = method;
    this.url = url;
    this.cause = cause;
    this.latencyMs = latencyMs;
  }
}
