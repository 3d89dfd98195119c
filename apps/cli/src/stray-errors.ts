/** Distinct stray errors told about; the rest are only counted. */
const MAX_SHOWN = 5;

/**
 * While the run lasts, an error that no iteration awaited (a request or promise a workflow left
 * unawaited, a throwing callback of a timer it left behind) must not crash the process and lose
 * the results: each distinct one is told once, as a warning, and the run goes on. Iterations'
 * own errors never come here: the engine awaits them. Returns a function that removes the
 * handlers and tells how many more there were.
 */
export function catchStrayErrors(write: (line: string) => void): () => void {
  const seen = new Set<string>();
  let more = 0;
  const handler = (err: unknown): void => {
    const text = describe(err);
    if (seen.has(text)) return;
    if (seen.size >= MAX_SHOWN) {
      more++;
      return;
    }
    seen.add(text);
    write(`go-heavy: warning: an error no iteration awaited (a promise left unawaited, a timer left running?): ${text}\n`);
  };
  process.on('unhandledRejection', handler);
  process.on('uncaughtException', handler);
  return () => {
    process.off('unhandledRejection', handler);
    process.off('uncaughtException', handler);
    if (more > 0) write(`go-heavy: warning: ${more} more distinct error${more === 1 ? '' : 's'} no iteration awaited\n`);
  };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const message = err.message.split('\n', 1)[0]!.slice(0, 200);
    return err.name && err.name !== 'Error' ? `${err.name}: ${message}` : message;
  }
  return `thrown: ${String(err).slice(0, 200)}`;
}
