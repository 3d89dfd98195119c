import type { JsonBody, RequestBody } from '@go-heavy/core';

/** True when `body` goes out as JSON: anything that is neither text nor bytes. */
export function isJsonBody(body: RequestBody | undefined): body is JsonBody {
  return body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array);
}

/** The bytes or text undici sends: text and bytes as they are, anything else as JSON text. */
export function toPayload(body: RequestBody | undefined): string | Uint8Array | undefined {
  return isJsonBody(body) ? JSON.stringify(body) : body;
}
