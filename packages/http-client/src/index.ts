export { createHttpClient } from './client.js';
export type { HttpClientOptions } from './client.js';
export { HttpRequestError } from './http-request-error.js';
export { createNdjsonRequestLog } from './request-log/ndjson-request-log.js';
export type { NdjsonRequestLogOptions } from './request-log/ndjson-request-log.js';
export type { RequestLog, RequestLogRecord, RequestLogStats } from './request-log/request-log.js';
export type { RequestLogEntry } from './request-log/log-entry.js';
export { DEFAULT_REQUEST_ID_HEADER } from './request-log/request-ids.js';
