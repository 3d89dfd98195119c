import type { HttpArgs } from '../http-options.js';
import type { LoadArgs } from '../load-options.js';

/** The `run` flags `k8s` takes and passes on to every segment, in the order they are written out. */
const PASSED_RUN_FLAGS = [
  'users',
  'rate',
  'max-users',
  'duration',
  'iterations',
  'ramp-up',
  'stages',
  'shape',
  'volume',
  'peak',
  'stddev',
  'unique-users',
  'jitter',
  'distribution',
  'profile',
  'warmup',
  'graceful-stop',
  'timeout',
  'iteration-timeout',
  'mix',
  'insecure',
  'discard-response-bodies',
  'max-response-size',
  'max-redirects',
  'threshold',
] as const;

/** The run flags of a `k8s` command line, as parsed. */
export type PassedRunArgs = Omit<LoadArgs, 'root'> & HttpArgs & { mix?: string; threshold?: string[] };

/**
 * The run flags given to `k8s`, written back as `go-heavy run` arguments: `--name value` for each
 * one set, a repeated flag once per value, a switch as `--name` or `--no-name`.
 */
export function segmentRunArgs(args: PassedRunArgs): string[] {
  const out: string[] = [];
  for (const name of PASSED_RUN_FLAGS) {
    const value = (args as Record<string, unknown>)[name];
    if (value === undefined) continue;
    if (typeof value === 'boolean') out.push(value ? `--${name}` : `--no-${name}`);
    else if (Array.isArray(value)) for (const v of value) out.push(`--${name}`, String(v));
    else out.push(`--${name}`, String(value));
  }
  return out;
}
