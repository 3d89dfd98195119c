import { H1SocketClosedError } from './errors.js';

/**
 * When a request may be sent again (RFC 9112 §9.3.1): a keep-alive connection the server closed
 * while the request was on its way is no answer, but the server may have begun to act on the
 * request, so only a method that can be repeated without harm goes out again, and only once.
 * The connection and the bytes received are the pool's to judge (`h1-connection.ts`).
 */

/** RFC 9110 §9.2.2: methods whose repetition has the effect of one request. Case-sensitive. */
export function isIdempotent(method: string): boolean {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
    case 'TRACE':
    case 'PUT':
    case 'DELETE':
      return true;
    default:
      return false;
  }
}

/**
 * True for the ways a server's closing of the connection surfaces: the end of the stream
 * (`H1SocketClosedError`), a reset (a request written after the server closed gets one), or a
 * broken pipe. Not for timeouts, parse errors or a client closing with force.
 */
export function isClosedByServer(err: Error): boolean {
  if (err instanceof H1SocketClosedError) return true;
  const code = (err as { code?: unknown }).code;
  return code === 'ECONNRESET' || code === 'EPIPE';
}
