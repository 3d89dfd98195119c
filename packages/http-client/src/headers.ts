import type { Headers } from '@go-heavy/core';

/** Request headers as undici takes them: lower-case names. */
export type OutgoingHeaders = Record<string, string | string[]>;

/**
 * The headers every request starts from, built once per client. Requests without headers of
 * their own send one of these objects as is (undici copies, never mutates, what it is given).
 */
export interface DefaultHeaders {
  readonly plain: Readonly<OutgoingHeaders>;
  /** `plain` plus `content-type: application/json`, for JSON bodies. */
  readonly json: Readonly<OutgoingHeaders>;
}

const JSON_TYPE = 'application/json';

/** Builds the default headers for a client that identifies itself as `userAgent`. */
export function defaultHeaders(userAgent: string): DefaultHeaders {
  return {
    plain: Object.freeze({ 'user-agent': userAgent }),
    json: Object.freeze({ 'user-agent': userAgent, 'content-type': JSON_TYPE }),
  };
}

/**
 * The headers for one request: the defaults, then the user's (names lower-cased, so a user's
 * `User-Agent` replaces ours), then `content-type: application/json` for a JSON body unless the
 * user chose a content type. Allocates only when the user passed headers.
 */
export function requestHeaders(defaults: DefaultHeaders, user: Headers | undefined, json: boolean): OutgoingHeaders {
  if (user === undefined) return (json ? defaults.json : defaults.plain) as OutgoingHeaders;
  const out: OutgoingHeaders = { ...defaults.plain };
  for (const name in user) {
    const value = user[name];
    if (value !== undefined) out[name.toLowerCase()] = value;
  }
  if (json && out['content-type'] === undefined) out['content-type'] = JSON_TYPE;
  return out;
}
