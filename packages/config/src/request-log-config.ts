import { ConfigError } from './config-error.js';

/**
 * `requestLog` of `heavy.config.ts`: how `go-heavy run --log-requests FILE` writes its log.
 * The log itself is turned on by the flag only.
 */
export interface RequestLogConfig {
  /** The header carrying each request's id (default `x-request-id`). */
  requestIdHeader?: string;
  /**
   * Names to hide in the log (besides authorization, proxy-authorization, cookie and set-cookie):
   * each is a header name whose value is replaced by `[REDACTED]`, and when it names an
   * environment variable of the workflow (env files or the process), that variable's value is
   * replaced wherever it appears: URLs, headers, bodies.
   */
  redact?: string[];
  /** Bytes kept of each request and response body (default 4096); `--log-body-limit` wins. */
  bodyLimit?: number;
}

const KEYS = ['requestIdHeader', 'redact', 'bodyLimit'];
/** Characters of an HTTP token (RFC 9110), the only ones a header name may hold. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks the shape of a config file's `requestLog`; every mistake is a one-line ConfigError. */
export function checkRequestLogConfig(value: unknown, display: string): void {
  if (value === undefined) return;
  const what = `${display}: requestLog`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`${what}: expected an object such as { redact: ['API_TOKEN'], bodyLimit: 4096 }`);
  }
  const unknown = Object.keys(value).filter((key) => !KEYS.includes(key));
  if (unknown.length > 0) throw new ConfigError(`${what}: unknown key ${unknown.map((k) => `"${k}"`).join(', ')}: expected ${KEYS.join(', ')}`);
  const { requestIdHeader, redact, bodyLimit } = value as Record<string, unknown>;
  if (requestIdHeader !== undefined && (typeof requestIdHeader !== 'string' || !TOKEN.test(requestIdHeader))) {
    throw new ConfigError(`${what}.requestIdHeader: expected a header name such as x-request-id, got ${JSON.stringify(requestIdHeader)}`);
  }
  if (redact !== undefined && (!Array.isArray(redact) || redact.some((name) => typeof name !== 'string' || name.trim() === ''))) {
    throw new ConfigError(`${what}.redact: expected an array of header or environment variable names, got ${JSON.stringify(redact)}`);
  }
  if (bodyLimit !== undefined && (typeof bodyLimit !== 'number' || !Number.isInteger(bodyLimit) || bodyLimit < 0)) {
    throw new ConfigError(`${what}.bodyLimit: expected a whole number of bytes, 0 or more, got ${JSON.stringify(bodyLimit)}`);
  }
}
