export { createHttpClient } from './client.js';
export type { HttpClientOptions } from './client.js';
export { HttpRequestError } from './http-request-error.js';
