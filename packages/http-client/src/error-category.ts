import type { ErrorCategory } from '@go-heavy/core';

const BY_CODE: Readonly<Record<string, ErrorCategory>> = {
  ECONNREFUSED: 'ECONNREFUSED',
  ECONNRESET: 'ECONNRESET',
  // undici's "other side closed": the server hung up before the response was complete.
  UND_ERR_SOCKET: 'ECONNRESET',
  ETIMEDOUT: 'timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  UND_ERR_CONNECT_TIMEOUT: 'timeout',
  // Our own per-request deadline (deadline.ts).
  GO_HEAVY_DEADLINE: 'timeout',
  ENOTFOUND: 'ENOTFOUND',
  EPIPE: 'EPIPE',
  // Only our close() destroys or closes pools, so these mean the run was being shut down.
  UND_ERR_DESTROYED: 'interrupted',
  UND_ERR_CLOSED: 'interrupted',
  // The HTTP/1.1 transport's own errors (h1/errors.ts).
  GO_HEAVY_H1_SOCKET_CLOSED: 'ECONNRESET',
  GO_HEAVY_H1_CLOSED: 'interrupted',
  GO_HEAVY_H1_DESTROYED: 'interrupted',
  GO_HEAVY_H1_PROTOCOL: 'other',
  GO_HEAVY_H1_HEADERS_TOO_LARGE: 'other',
};

/** How deep to follow `cause` / `AggregateError.errors` before giving up; guards against cycles. */
const MAX_DEPTH = 4;

/**
 * Names what happened to a request that got no response, from the error undici, Node or the
 * HTTP/1.1 transport (`h1/errors.ts`) gave.
 * `interrupted` forces the `interrupted` category: set it when the client was force-closed, since
 * destroying a pool surfaces as socket errors that would otherwise read as resets.
 */
export function errorCategory(err: unknown, interrupted = false): ErrorCategory {
  if (interrupted) return 'interrupted';
  return categoryOf(err, 0) ?? 'other';
}

function categoryOf(err: unknown, depth: number): ErrorCategory | undefined {
  if (err === null || typeof err !== 'object' || depth > MAX_DEPTH) return undefined;
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === 'string') {
    const category = BY_CODE[code];
    if (category !== undefined) return category;
  }
  // AbortSignal.timeout() rejects with a DOMException named TimeoutError.
  if (name === 'TimeoutError') return 'timeout';
  // Node's happy-eyeballs connect (autoSelectFamily) fails with an AggregateError of attempts.
  if (err instanceof AggregateError) {
    for (const inner of err.errors) {
      const category = categoryOf(inner, depth + 1);
      if (category !== undefined) return category;
    }
  }
  return categoryOf((err as { cause?: unknown }).cause, depth + 1);
}
