import type { HttpClient, HttpResponse } from '../contracts/http-client.js';

/**
 * `ctx.http` of an iteration abandoned at its `--iteration-timeout`, once its cleanups ran. The
 * workflow's code may still be running (nothing can stop a promise); what it asks from here on
 * is refused before anything is sent, so it is not recorded and loads nothing.
 */
export const CLOSED_HTTP: HttpClient = Object.freeze({
  get: refuse,
  delete: refuse,
  post: refuse,
  put: refuse,
  patch: refuse,
  request: refuse,
});

/** Why an abandoned iteration's request or step was refused. */
export const ABANDONED_MESSAGE = 'iteration timeout: this iteration was abandoned, nothing more is sent for it';

function refuse(): Promise<HttpResponse> {
  return Promise.reject(new Error(ABANDONED_MESSAGE));
}
