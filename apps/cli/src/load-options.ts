import type { Argv } from 'yargs';
import type { RunFlags } from '@go-heavy/config';

/** The flags that shape the load, shared by `run` and `chart` (which draws what `run` would do). */
export interface LoadArgs {
  root: string;
  users?: string;
  rate?: string;
  'max-users'?: string;
  duration?: string;
  iterations?: string;
  'ramp-up'?: string;
  stages?: string;
  shape?: string;
  volume?: string;
  peak?: string;
  stddev?: string;
  'unique-users'?: string;
  jitter?: string;
  distribution?: string;
  profile?: string;
  warmup?: string;
  'graceful-stop'?: string;
  timeout?: string;
  'iteration-timeout'?: string;
}

/**
 * Declares the load flags. Values stay strings: @go-heavy/config parses them, so a mistake is
 * reported with the flag's name and the text the user typed.
 */
export function withLoadOptions<T>(y: Argv<T>): Argv<T & LoadArgs> {
  return y
    .option('root', { type: 'string', default: '.', describe: 'Folder holding services/', group: 'Target:' })
    .option('users', { type: 'string', alias: 'u', describe: "Closed model: concurrent users, a service's split across its workflows by weight (default 1)", group: 'Load:' })
    .option('rate', { type: 'string', alias: 'r', describe: 'Open model: iterations started per second: 100, 100/s, 600/m', group: 'Load:' })
    .option('max-users', { type: 'string', describe: 'Open model: cap on concurrent iterations; starts beyond it are dropped and counted', group: 'Load:' })
    .option('duration', { type: 'string', alias: 'd', describe: 'Measured phase, e.g. 30s, 5m', group: 'Load:' })
    .option('iterations', { type: 'string', alias: 'i', describe: "Iterations in all, a service's split across its workflows by weight (default 1 when no duration)", group: 'Load:' })
    .option('ramp-up', { type: 'string', describe: 'Rise linearly from 0 to --users or --rate over this time', group: 'Profile:' })
    .option('stages', { type: 'string', describe: 'Piecewise-linear targets: "10s:50,30s:200,10s:0" (users) or "10s:50/s,…" (rate)', group: 'Profile:' })
    .option('shape', { type: 'string', describe: 'gaussian: --volume iterations over --duration, the rate a bell curve', group: 'Profile:' })
    .option('volume', { type: 'string', describe: 'Gaussian: iterations in all', group: 'Profile:' })
    .option('peak', { type: 'string', describe: 'Gaussian: when the rate peaks, e.g. 30s', group: 'Profile:' })
    .option('stddev', { type: 'string', describe: 'Gaussian: spread of the curve, e.g. 10s', group: 'Profile:' })
    .option('profile', { type: 'string', describe: 'A YAML file of these settings, or a name from heavy.config.ts profiles', group: 'Profile:' })
    .option('unique-users', { type: 'string', describe: 'Distinct user identities (ctx.user), each running one iteration at a time', group: 'Load:' })
    .option('jitter', { type: 'string', describe: 'Open model: random shift of each start, e.g. 20%', group: 'Load:' })
    .option('distribution', { type: 'string', describe: 'Open model: regular or random starts within each 100 ms slot', group: 'Load:' })
    .option('warmup', { type: 'string', describe: 'Warm-up before the measured phase, kept out of the statistics (default 2s for constant loads)', group: 'Timing:' })
    .option('graceful-stop', { type: 'string', describe: 'Time running iterations get to finish at the end (default 30s)', group: 'Timing:' })
    .option('timeout', { type: 'string', describe: 'Per-request timeout (default 30s)', group: 'Timing:' })
    .option('iteration-timeout', { type: 'string', describe: 'Fail an iteration still running after this long, run its cleanups and go on with the next (default none)', group: 'Timing:' }) as Argv<
    T & LoadArgs
  >;
}

/** The flags as @go-heavy/config reads them. */
export function toRunFlags(args: LoadArgs): RunFlags {
  return {
    users: args.users,
    rate: args.rate,
    maxUsers: args['max-users'],
    duration: args.duration,
    iterations: args.iterations,
    rampUp: args['ramp-up'],
    stages: args.stages,
    shape: args.shape,
    volume: args.volume,
    peak: args.peak,
    stddev: args.stddev,
    uniqueUsers: args['unique-users'],
    jitter: args.jitter,
    distribution: args.distribution,
    profile: args.profile,
    warmup: args.warmup,
    gracefulStop: args['graceful-stop'],
    timeout: args.timeout,
    iterationTimeout: args['iteration-timeout'],
  };
}
