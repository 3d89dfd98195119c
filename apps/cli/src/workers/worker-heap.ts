import v8 from 'node:v8';

/**
 * Each worker thread's semi-spaces, in MB, when this Node was given no maximum: the launcher's
 * (bin/go-heavy.js), so that a worker's young generation is no bigger than one thread's can get.
 */
export const WORKER_SEMI_SPACE_MB = 8;

/**
 * Makes the worker threads started from now on begin with the young generation they would grow
 * to under load. V8 grows it a step at a time (1, 2, 4, 8 MB semi-spaces) once enough objects
 * survived, and without the memory reducer a busy thread keeps each step: a burst minutes into a
 * steady run (a stall that piles up overdue starts) then stepped the process's RSS up by about
 * 8 MB per worker. Sized from the start, the growth happens in the warm-up.
 *
 * A new isolate reads V8's flags when it is made, so this leaves the main thread's heap as it
 * is. The maximum this Node was given (the launcher's, or the user's NODE_OPTIONS) is the size;
 * a `node --min-semi-space-size=…` of the user's is kept as it is. Returns the semi-space size
 * the workers get (MB), or null when it was left alone.
 */
export function sizeWorkerYoungGeneration(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): number | null {
  const flags = [...execArgv, ...nodeOptions.split(/\s+/)];
  if (flags.some((f) => /^--min[-_]semi[-_]space[-_]size\b/.test(f))) return null;
  const size = semiSpaceMax(flags) ?? WORKER_SEMI_SPACE_MB;
  v8.setFlagsFromString(`--max-semi-space-size=${size}`);
  v8.setFlagsFromString(`--min-semi-space-size=${size}`);
  return size;
}

/** The last `--max-semi-space-size` given to this Node (the launcher's, or the user's), in MB. */
function semiSpaceMax(flags: readonly string[]): number | null {
  let max: number | null = null;
  flags.forEach((flag, i) => {
    const m = /^--max[-_]semi[-_]space[-_]size(?:=(\d+))?$/.exec(flag);
    if (!m) return;
    const value = Number(m[1] ?? flags[i + 1]);
    if (value > 0) max = value;
  });
  return max;
}
