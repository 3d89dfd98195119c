import type { CommandModule } from 'yargs';
import { executeRun } from '../execute-run.js';
import { exitOnError } from '../exit.js';

export interface RunArgs {
  target: string;
  root: string;
  users?: string;
  duration?: string;
  iterations?: string;
  warmup?: string;
  'graceful-stop'?: string;
  timeout?: string;
  out?: string;
  quiet: boolean;
}

/** `go-heavy run <target>`: runs workflows under a load model and prints the summary. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <target>',
  describe: 'Run a service (all its workflows), one workflow (<service>/<workflow>) or a workflow file',
  builder: (y) =>
    y
      .positional('target', { type: 'string', demandOption: true, describe: '<service>, <service>/<workflow> or a path' })
      .option('root', { type: 'string', default: '.', describe: 'Folder holding services/' })
      .option('users', { type: 'string', alias: 'u', describe: 'Closed model: users per workflow (default 1)' })
      .option('duration', { type: 'string', alias: 'd', describe: 'Measured phase, e.g. 30s, 5m' })
      .option('iterations', { type: 'string', alias: 'i', describe: 'Iterations per workflow (default 1 when no duration)' })
      .option('warmup', { type: 'string', describe: 'Warm-up before the measured phase, kept out of the statistics (default 2s)' })
      .option('graceful-stop', { type: 'string', describe: 'Time running iterations get to finish at the end (default 30s)' })
      .option('timeout', { type: 'string', describe: 'Per-request timeout (default 30s)' })
      .option('out', { type: 'string', alias: 'o', describe: 'Write the results JSON to this file' })
      .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary' }) as never,
  handler: async (args) => {
    try {
      process.exitCode = await executeRun(args);
    } catch (err) {
      exitOnError(err);
    }
  },
};
