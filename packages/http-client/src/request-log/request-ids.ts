import { randomBytes } from 'node:crypto';

/**
 * Request ids for one client: a prefix and a counter, as `3f9a1c2e-1`, `3f9a1c2e-2`… The prefix
 * is drawn at random once (8 hex digits and `-`) unless given: clients of one run that share a
 * log (worker threads) are given distinct prefixes so that their ids cannot collide. Unique
 * within a run, and across runs but for a 1 in 2^32 chance; costs one small string per request
 * and no randomness after the first.
 */
export class RequestIds {
  private readonly prefix: string;
  private count = 0;

  constructor(prefix?: string) {
    this.prefix = prefix ?? randomRequestIdPrefix();
  }

  next(): string {
    return this.prefix + ++this.count;
  }
}

/** A prefix as the ids of a client are given by default: 8 random hex digits and `-`. */
function randomRequestIdPrefix(): string {
  return `${randomBytes(4).toString('hex')}-`;
}

/** Visible ASCII only: the prefix goes into a header value as it is. */
const PREFIX = /^[\x21-\x7e]{0,64}$/;

/** Checks a request-id prefix; throws a RangeError for one a header value cannot carry as is. */
export function checkRequestIdPrefix(prefix: string): string {
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new RangeError(`requestIdPrefix must be at most 64 visible ASCII characters (no spaces), got ${JSON.stringify(prefix)}`);
  }
  return prefix;
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
