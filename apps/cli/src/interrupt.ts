/**
 * Ctrl-C and SIGTERM: the first stops the run gracefully (summary and exports still written),
 * the second cuts running iterations short. Returns a function that removes the handlers.
 */
export function onInterrupt(stop: () => void, abort: () => void): () => void {
  let count = 0;
  const handler = (): void => {
    count++;
    if (count === 1) stop();
    else abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
