import yargs, { type Argv } from 'yargs';
import { chartCommand } from './commands/chart.js';
import { checkCommand } from './commands/check.js';
import { historyCommand } from './commands/history.js';
import { reportCommand } from './commands/report.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { usageError } from './exit.js';

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
      .command(historyCommand)
      .command(checkCommand)
      .demandCommand(1, 'expected a command: run, chart, check, report, serve or history')
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version()
      .wrap(Math.min(110, process.stdout.columns || 100))
      .fail((message, err) => {
        // yargs' own parse errors (unknown flag, missing argument) are usage errors: one line, exit 2.
        if (err) throw err;
        usageError(negativeValue(argv) ?? oneLine(message));
      })
      .exitProcess(true)
      // Repeated flags collect into arrays (so `--reporter` can be given more than once); every
      // other flag keeps only its last value, and no array flag swallows the positionals after it.
      .parserConfiguration({ 'duplicate-arguments-array': true, 'greedy-arrays': false })
      .middleware(lastValueWins, true)
      .middleware(() => checkSwitches(argv, switchesOf(cli)), true) as Argv
  );
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

/**
 * yargs' own messages on one line, in the words of ours: "Invalid values: Argument: report,
 * Given: "short", Choices: …" becomes `--report: expected summary or full, got "short"`.
 */
function oneLine(message: string): string {
  const choice = /^Invalid values:\s*Argument: ([^,]+), Given: (.*), Choices: (.*)$/s.exec(message.trim());
  if (choice) {
    const choices = choice[3]!.split(/,\s*/).map((c) => c.replace(/^"|"$/g, ''));
    const list = choices.length <= 2 ? choices.join(' or ') : `${choices.slice(0, -1).join(', ')} or ${choices[choices.length - 1]}`;
    return `--${choice[1]}: expected ${list}, got ${choice[2]}`;
  }
  return message.replace(/\s*\n\s*/g, ' ');
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
