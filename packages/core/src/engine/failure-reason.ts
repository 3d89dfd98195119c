/** A short, stable text for why an iteration failed, used as a key in `failureReasons`. */
export function failureReason(err: unknown): string {
  if (err instanceof Error) {
    const message = err.message.split('\n', 1)[0]!.slice(0, 200);
    return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
  }
  return `thrown: ${String(err).slice(0, 200)}`;
}
