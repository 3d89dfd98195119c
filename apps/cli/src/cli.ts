import yargs, { type Argv } from 'yargs';
import { chartCommand } from './commands/chart.js';
import { runCommand } from './commands/run.js';
import { EXIT, usageError } from './exit.js';

/** The `go-heavy` command line; one yargs command per file under commands/. */
export function buildCli(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('go-heavy')
    .usage('$0 <command> [options]')
    .command(runCommand)
    .command(chartCommand)
    .demandCommand(1, 'expected a command: run or chart')
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((message, err) => {
      // yargs' own parse errors (unknown flag, missing argument) are usage errors: one line, exit 2.
      if (err) throw err;
      usageError(message);
    })
    .exitProcess(true)
    .parserConfiguration({ 'duplicate-arguments-array': false }) as Argv;
}

export { EXIT };
