import yargs, { type Argv } from 'yargs';
import { chartCommand } from './commands/chart.js';
import { historyCommand } from './commands/history.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { EXIT, usageError } from './exit.js';

/** The `go-heavy` command line; one yargs command per file under commands/. */
export function buildCli(argv: string[]): Argv {
  return yargs(argv)
    .scriptName('go-heavy')
    .usage('$0 <command> [options]')
    .command(runCommand)
    .command(chartCommand)
    .command(reportCommand)
    .command(serveCommand)
    .command(historyCommand)
    .demandCommand(1, 'expected a command: run, chart, report, serve or history')
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
    // Repeated flags collect into arrays (so `--reporter` can be given more than once); every
    // other flag keeps only its last value, and no array flag swallows the positionals after it.
    .parserConfiguration({ 'duplicate-arguments-array': true, 'greedy-arrays': false })
    .middleware(lastValueWins, true) as Argv;
}

/** Flags that may be repeated, each value kept. */
const REPEATABLE = new Set(['reporter', 'threshold', 'tag']);

/** A flag given twice keeps its last value (`-u 2 -u 5` is 5), except the {@link REPEATABLE} ones. */
function lastValueWins(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || REPEATABLE.has(key) || !Array.isArray(value)) continue;
    argv[key] = value[value.length - 1];
  }
}

export { EXIT };
