import type { ErrorCategory } from '@go-heavy/core';

/** How deep to look through `cause` for the error that carries a code. */
const MAX_DEPTH = 4;

/**
 * What to add to an `HttpRequestError`'s message so that a user knows what to do, for the
 * categories whose name alone does not say it; undefined for the others (`timeout: GET …` is
 * clear as it is). The message is also the iteration's failure reason in the results.
 */
export function failureDetail(category: ErrorCategory, cause: unknown): string | undefined {
  switch (category) {
    case 'tls-cert': {
      const { code, message } = coded(cause);
      return `the server's certificate is not trusted: ${message} (${code}); ` + 'accept it with insecure: true (go-heavy run --insecure), or trust its CA with NODE_EXTRA_CA_CERTS';
    }
    case 'tls':
      return `TLS handshake failed (${coded(cause).code}): does the server speak TLS on this port?`;
    case 'response-too-large':
      return cause instanceof Error ? cause.message : undefined;
    default:
      return undefined;
  }
}

/** The first error of the cause chain with a string `code`, as code and message. */
function coded(err: unknown): { code: string; message: string } {
  let current = err;
  for (let depth = 0; depth <= MAX_DEPTH && current !== null && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string') return { code, message: typeof message === 'string' ? message : code };
    current = (current as { cause?: unknown }).cause;
  }
  return { code: 'unknown', message: 'unknown error' };
}
