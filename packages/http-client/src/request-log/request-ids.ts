import { randomBytes } from 'node:crypto';

/**
 * Request ids for one client: a random prefix drawn once (8 hex digits) and a counter, as
 * `3f9a1c2e-1`, `3f9a1c2e-2`… Unique within a run, and across runs but for a 1 in 2^32 chance;
 * costs one small string per request and no randomness after the first.
 */
export class RequestIds {
  private readonly prefix = `${randomBytes(4).toString('hex')}-`;
  private count = 0;

  next(): string {
    return this.prefix + ++this.count;
  }
}

/** Characters of an HTTP token (RFC 9110), the only ones a header name may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The default name of the request-id header. */
export const DEFAULT_REQUEST_ID_HEADER = 'x-request-id';

/** A request-id header name, lower-cased; throws a RangeError for one that is not a token. */
export function checkRequestIdHeader(name: string): string {
  if (typeof name !== 'string' || !TOKEN.test(name)) {
    throw new RangeError(`requestIdHeader must be a header name (letters, digits and !#$%&'*+-.^_\`|~), got ${JSON.stringify(name)}`);
  }
  return name.toLowerCase();
}
