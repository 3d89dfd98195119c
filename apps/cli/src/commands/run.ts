import type { CommandModule } from 'yargs';
import { executeRun } from '../execute-run.js';
import { exitOnError } from '../exit.js';
import { withLoadOptions, type LoadArgs } from '../load-options.js';

export interface RunArgs extends LoadArgs {
  target: string;
  out?: string;
  quiet: boolean;
}

/** `go-heavy run <target>`: runs workflows under a load model and prints the summary. */
export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <target>',
  describe: 'Run a service (all its workflows), one workflow (<service>/<workflow>) or a workflow file',
  builder: (y) =>
    withLoadOptions(y)
      .positional('target', { type: 'string', demandOption: true, describe: '<service>, <service>/<workflow> or a path' })
      .option('out', { type: 'string', alias: 'o', describe: 'Write the results JSON to this file', group: 'Output:' })
      .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print only the summary', group: 'Output:' }) as never,
  handler: async (args) => {
    try {
      process.exitCode = await executeRun(args);
    } catch (err) {
      exitOnError(err);
    }
  },
};
