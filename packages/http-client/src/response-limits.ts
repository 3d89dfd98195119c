/**
 * What the client does with response bodies it is told not to keep, or that are too big to keep:
 * the errors both transports raise, so that they read alike.
 */

/** Default `maxResponseBytes`: 64 MiB, far above any API response, far below what brings a load generator down. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Returns `bytes` when it is a usable body limit, else throws a RangeError saying why. */
export function checkMaxResponseBytes(bytes: number): number {
  if (!(Number.isInteger(bytes) && bytes > 0)) {
    throw new RangeError(`maxResponseBytes must be a whole number of bytes above 0, got ${bytes}`);
  }
  return bytes;
}

/**
 * A body that was to be kept grew past `maxResponseBytes`: the request fails as
 * `response-too-large` as soon as it does, and its connection is closed (as curl's
 * `--max-filesize` does), so a body that never ends cannot fill the memory before the timeout.
 */
export class ResponseTooLargeError extends Error {
  readonly code = 'GO_HEAVY_RESPONSE_TOO_LARGE';

  constructor(readonly limit: number) {
    super(`response body larger than ${formatBytes(limit)} (maxResponseBytes); ` + 'discard it with { discardBody: true } or --discard-response-bodies, or raise --max-response-size');
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Thrown by `body` and `json()` of a response whose body was read off the socket but not kept
 * (`discardBody`, `discardResponseBodies`).
 */
export class BodyDiscardedError extends Error {
  constructor(method: string, url: string) {
    super(`the body of ${method} ${url} was discarded (discardBody, or --discard-response-bodies for the run): ` + 'pass { discardBody: false } to this request to keep it');
    this.name = 'BodyDiscardedError';
  }
}

/** `65536` → `64 KiB`, `67108864` → `64 MiB`; exact numbers of bytes otherwise. */
function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['GiB', 2 ** 30],
    ['MiB', 2 ** 20],
    ['KiB', 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}
