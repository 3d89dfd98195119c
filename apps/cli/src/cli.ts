import { readFileSync } from 'node:fs';
import path from 'node:path';
import yargs, { type Argv } from 'yargs';
import { chartCommand } from './commands/chart.js';
import { checkCommand } from './commands/check.js';
import { generateCommand } from './commands/generate.js';
import { diffCommand } from './commands/diff.js';
import { exploreCommand } from './commands/explore.js';
import { historyCommand } from './commands/history.js';
import { initCommand } from './commands/init.js';
import { mergeCommand } from './commands/merge.js';
import { k8sCommand } from './commands/k8s.js';
import { newCommand } from './commands/new.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { uiCommand } from './commands/ui.js';
import { usageError } from './exit.js';
import { usageMessage } from './usage-messages.js';

/** The `go-heavy` command line; one yargs command per file under commands/. */
export function buildCli(argv: string[]): Argv {
  const cli: Argv = yargs(argv);
  return (
    cli
      .scriptName('go-heavy')
      .usage('$0 <command> [options]')
      .command(runCommand)
      .command(chartCommand)
      .command(reportCommand)
      .command(serveCommand)
      .command(uiCommand)
      .command(historyCommand)
      .command(checkCommand)
      .command(initCommand)
      .command(newCommand)
      .command(generateCommand)
      .command(diffCommand)
      .command(exploreCommand)
      .command(mergeCommand)
      .command(k8sCommand)
      .demandCommand(1, 'expected a command: run, chart, check, report, serve, ui, history, init, new, generate, diff, explore, merge or k8s')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version(cliVersion())
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((message, err) => {
        // yargs' own parse errors (unknown flag, missing argument, too few values for a flag
        // taking two) are usage errors: one line, exit 2.
        if (err && err.name !== 'YError') throw err;
        usageError(negativeValue(argv) ?? usageMessage(message, argv, { names: optionNames(cli) }));
      })
      .exitProcess(true)
      // Repeated flags collect into arrays (so `--reporter` can be given more than once); every
      // other flag keeps only its last value, and no array flag swallows the positionals after it.
      .parserConfiguration({ 'duplicate-arguments-array': true, 'greedy-arrays': false })
      .middleware(lastValueWins, true)
      .middleware(() => checkSwitches(argv, switchesOf(cli)), true) as Argv
  );
}

/**
 * go-heavy's own version, from the package.json beside dist/ (yargs alone would read the one
 * of the folder it runs in: a team repository's).
 */
function cliVersion(): string {
  const file = path.join(path.dirname(__filename), '..', 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Every option name and alias of the command being parsed. */
function optionNames(cli: Argv): string[] {
  const options = (cli as unknown as { getOptions?: () => { key?: Record<string, unknown> } }).getOptions?.();
  return Object.keys(options?.key ?? {});
}

/** The boolean options of the command being parsed (yargs keeps them; its types do not say so). */
function switchesOf(cli: Argv): readonly string[] {
  const options = (cli as unknown as { getOptions?: () => { boolean?: string[] } }).getOptions?.();
  return options?.boolean ?? [];
}

/**
 * yargs reads `--quiet=maybe` as false without a word: a switch given a value other than true
 * or false is a usage error, so a typo never silently turns an option off.
 */
function checkSwitches(argv: readonly string[], switches: readonly string[]): void {
  const names = new Set(switches);
  for (const arg of argv) {
    if (arg === '--') break;
    const m = /^--([^=]+)=(.*)$/s.exec(arg);
    if (m && names.has(m[1]!) && m[2] !== 'true' && m[2] !== 'false') {
      usageError(`--${m[1]}: a switch: expected --${m[1]} alone (or =true, =false), got ${JSON.stringify(m[2])}`);
    }
  }
}

/**
 * `--duration -5s`: yargs reads `-5s` as the flags -5 and -s and answers "Unknown arguments:
 * 5, s". Name the flag and the value instead.
 */
function negativeValue(argv: readonly string[]): string | undefined {
  const at = argv.findIndex((arg, i) => i > 0 && /^-\d/.test(arg) && !/^-\d+(\.\d+)?$/.test(arg) && /^--[^=]+$/.test(argv[i - 1]!));
  if (at < 0) return undefined;
  return `${argv[at - 1]}: got ${JSON.stringify(argv[at])}, which starts with - and reads as flags: a negative value is never valid here`;
}

/** Flags that may be repeated, each value kept. */
const REPEATABLE = new Set(['reporter', 'threshold', 'tag', 'fail-on', 'requests', 'results', 'include']);

/** A flag given twice keeps its last value (`-u 2 -u 5` is 5), except the {@link REPEATABLE} ones. */
function lastValueWins(argv: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(argv)) {
    if (key === '_' || REPEATABLE.has(key) || !Array.isArray(value)) continue;
    argv[key] = value[value.length - 1];
  }
}
