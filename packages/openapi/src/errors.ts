/**
 * A spec go-heavy cannot read, or a generation it refuses: the message is one line naming the
 * file, the place in it (a JSON pointer, or a line and column for YAML syntax) and the problem.
 */
export class OpenApiError extends Error {
  override readonly name = 'OpenApiError';
}

/** True for an {@link OpenApiError}, also across copies of this package. */
export function isOpenApiError(err: unknown): err is OpenApiError {
  return err instanceof Error && err.name === 'OpenApiError';
}
