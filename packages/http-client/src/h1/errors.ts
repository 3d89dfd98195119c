/**
 * The errors of go-heavy's own HTTP/1.1 transport, each with a `code` that `errorCategory` maps
 * to a metrics category (see `error-category.ts`). Socket and connect errors (ECONNREFUSED,
 * ECONNRESET, EPIPE…) come from Node as they are and are not wrapped.
 */

/** The response broke HTTP/1.1 framing (bad status line, header, chunk size…). Category `other`. */
export class H1ProtocolError extends Error {
  readonly code = 'GO_HEAVY_H1_PROTOCOL';

  constructor(message: string) {
    super(`invalid HTTP/1.1 response: ${message}`);
    this.name = 'H1ProtocolError';
  }
}

/**
 * The response's headers (or its chunked trailers, or a chunk extension) reached the limit of
 * `header-limit.ts`. Category `other`.
 */
export class H1HeadersTooLargeError extends Error {
  readonly code = 'GO_HEAVY_H1_HEADERS_TOO_LARGE';

  constructor(limit: number, what = 'response headers') {
    super(`${what} too large: the limit is ${limit} bytes`);
    this.name = 'H1HeadersTooLargeError';
  }
}

/**
 * The server closed the connection before the response was complete (like undici's
 * `UND_ERR_SOCKET`, "other side closed"). Category `ECONNRESET`.
 */
export class H1SocketClosedError extends Error {
  readonly code = 'GO_HEAVY_H1_SOCKET_CLOSED';

  constructor() {
    super('the server closed the connection before the response was complete');
    this.name = 'H1SocketClosedError';
  }
}

/** The request came after `close()`: nothing was sent. Category `interrupted`. */
export class H1ClientClosedError extends Error {
  readonly code = 'GO_HEAVY_H1_CLOSED';

  constructor() {
    super('the HTTP client is closed');
    this.name = 'H1ClientClosedError';
  }
}

/** `close({ force: true })` cut the request. Category `interrupted`. */
export class H1DestroyedError extends Error {
  readonly code = 'GO_HEAVY_H1_DESTROYED';

  constructor() {
    super('the HTTP client was closed with force while the request was in flight');
    this.name = 'H1DestroyedError';
  }
}
