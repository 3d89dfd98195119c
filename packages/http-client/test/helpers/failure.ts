import { HttpRequestError } from '../../src/index.js';

/** Awaits a request that must fail, returning its HttpRequestError. */
export async function failure(promise: Promise<unknown>): Promise<HttpRequestError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(HttpRequestError);
    return err as HttpRequestError;
  }
  throw new Error('expected the request to fail');
}
