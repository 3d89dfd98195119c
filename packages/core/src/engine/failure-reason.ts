/**
 * A short, stable text for why an iteration failed, used as a key in `failureReasons`. An error
 * with a string `failureReason` field (the HTTP client's `HttpRequestError` has one) is counted
 * under it instead of its message: the message may name a URL with an id in it, the reason names
 * the request's endpoint (`ECONNREFUSED: GET /posts/{id}/comments`), so a run over many ids counts
 * one reason rather than filling the list with one per id.
 */
export function failureReason(err: unknown): string {
  if (err instanceof Error) {
    const grouped = (err as { failureReason?: unknown }).failureReason;
    const text = typeof grouped === 'string' ? grouped : err.message;
    const message = text.split('\n', 1)[0]!.slice(0, 200);
    return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
  }
  return `thrown: ${String(err).slice(0, 200)}`;
}
