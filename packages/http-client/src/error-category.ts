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
  // A buffered body above `maxResponseBytes` (response-limits.ts).
  GO_HEAVY_RESPONSE_TOO_LARGE: 'response-too-large',
};

/**
 * The certificate checks Node (OpenSSL) can fail, as the `code` of the TLS socket's error: the
 * server's certificate is not trusted (`insecure: true` accepts it). One category for all of
 * them keeps the errors table short; the code itself is in the message and the request log.
 */
const CERT_CODES: ReadonlySet<string> = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_CRL',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECRYPT_CRL_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CRL_SIGNATURE_FAILURE',
  'CERT_NOT_YET_VALID',
  'CERT_HAS_EXPIRED',
  'CRL_NOT_YET_VALID',
  'CRL_HAS_EXPIRED',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'ERROR_IN_CRL_LAST_UPDATE_FIELD',
  'ERROR_IN_CRL_NEXT_UPDATE_FIELD',
  'CERT_CHAIN_TOO_LONG',
  'CERT_REVOKED',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

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

/**
 * `tls-cert` for a certificate that is not trusted; `tls` for any other failed handshake, such as
 * a server that speaks plain HTTP on the port (`ERR_SSL_WRONG_VERSION_NUMBER`) or no common
 * protocol version or cipher (`ERR_SSL_*`, `ERR_TLS_*`, `EPROTO`).
 */
function tlsCategory(code: string): ErrorCategory | undefined {
  if (CERT_CODES.has(code)) return 'tls-cert';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') return 'tls';
  return undefined;
}

function categoryOf(err: unknown, depth: number): ErrorCategory | undefined {
  if (err === null || typeof err !== 'object' || depth > MAX_DEPTH) return undefined;
  const { code, name } = err as { code?: unknown; name?: unknown };
  if (typeof code === 'string') {
    const category = BY_CODE[code] ?? tlsCategory(code);
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
