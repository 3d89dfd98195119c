import { closest, distance } from 'fastest-levenshtein';

/** The commands, in the order the help lists them. */
const COMMANDS = ['run', 'chart', 'check', 'report', 'serve', 'ui', 'history', 'init', 'new', 'generate', 'diff', 'explore', 'merge', 'k8s'] as const;

/** What each command's required argument is, when it is missing. */
const MISSING: Record<string, string> = {
  run: 'expected a service or service/workflow, e.g. go-heavy run shop',
  report: 'expected a results file written by go-heavy run --out, e.g. go-heavy report results.json',
  serve: 'expected a folder of results files, e.g. go-heavy serve results',
  history: 'expected a service, e.g. go-heavy history shop',
  new: 'expected service <name> or workflow <service>/<workflow>, e.g. go-heavy new service shop',
  generate: 'expected what to generate from and its file, e.g. go-heavy generate openapi spec.yaml --service shop',
  diff: 'expected two results files, the baseline then the candidate, e.g. go-heavy diff a.json b.json (or with --history two runs, e.g. shop@-2 shop@-1)',
  explore: 'expected a results file written by go-heavy run --out, e.g. go-heavy explore results.json',
  merge: 'expected the results files of the segments of one test, e.g. go-heavy merge seg-*.json --out total.json',
  k8s: 'expected a service or service/workflow, e.g. go-heavy k8s shop --parallelism 4 --results-pvc load-results',
};

/** Commands that take no argument, and what the user most likely meant instead. */
const NO_ARGUMENT: Record<string, string> = {
  ui: 'the project is --root DIR (default .), and its services are picked in the page',
};

/** What follows a flag that takes several values, when too few were given. */
const VALUES: Record<string, string> = {
  requests: "expected two request logs after it, a's then b's: --requests a.ndjson b.ndjson",
};

/** What the options of a command are, as yargs keeps them once it has parsed one. */
export interface KnownOptions {
  /** Every option name and alias (`users`, `u`, `max-users`, `maxUsers`…). */
  names: readonly string[];
}

/**
 * yargs' own messages in go-heavy's words, one line: a missing argument says what the command
 * expects, an unknown option suggests the nearest known one, an invalid choice lists the
 * choices. `argv` is the command line as typed (after `go-heavy`).
 */
export function usageMessage(message: string, argv: readonly string[], known: KnownOptions): string {
  const text = message.trim();
  const command = argv.find((arg) => !arg.startsWith('-'));
  if (/^Not enough non-option arguments/.test(text) && command !== undefined && MISSING[command]) return `${command}: ${MISSING[command]}`;
  if (command !== undefined && !(COMMANDS as readonly string[]).includes(command) && /^(Did you mean|Unknown argument)/.test(text)) return unknownCommand(command);
  const few = /^Not enough arguments following: (\S+)$/.exec(text);
  if (few) return `--${few[1]}: ${VALUES[few[1]!] ?? 'expected more values after it'}`;
  const unknown = /^Unknown arguments?: (.*)$/s.exec(text);
  if (unknown) {
    const names = unknown[1]!.split(/,\s*/);
    // yargs also reports `--max-usrs` as `maxUsrs`, its camel-case alias: one line per flag typed.
    const camel = new Set(names.filter((n) => n.includes('-')).map((n) => n.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())));
    return names
      .filter((name) => !camel.has(name))
      .map((name) => unknownArgument(name, argv, command, known))
      .join('\n');
  }
  const choice = /^Invalid values:\s*Argument: ([^,]+), Given: (.*), Choices: (.*)$/s.exec(text);
  if (choice) {
    const choices = choice[3]!.split(/,\s*/).map((c) => c.replace(/^"|"$/g, ''));
    return `--${choice[1]}: expected ${orList(choices)}, got ${choice[2]}`;
  }
  return text.replace(/\s*\n\s*/g, ' ');
}

function unknownCommand(command: string): string {
  const near = nearest(command, COMMANDS, 2);
  return `unknown command "${command}": ${near ? `did you mean ${near}? ` : ''}expected ${orList([...COMMANDS])}`;
}

/** `--user`: did you mean --users?; a word typed after the arguments is an extra argument. */
function unknownArgument(name: string, argv: readonly string[], command: string | undefined, known: KnownOptions): string {
  const typed = argv.find((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`) || arg === `-${name}` || arg === `--no-${name}`);
  if (typed === undefined && argv.includes(name)) {
    if (command !== undefined && NO_ARGUMENT[command]) return `unexpected argument "${name}": go-heavy ${command} takes none; ${NO_ARGUMENT[command]}`;
    return `unexpected argument "${name}"${command ? `: go-heavy ${command} takes one; options start with --` : ''}`;
  }
  const flag = typed?.startsWith('--') || name.length > 1 ? `--${name}` : `-${name}`;
  // Suggest long names only: they say what they are, and an alias is one letter away from many.
  const near = nearest(
    name,
    known.names.filter((n) => n.length > 1 && !/[A-Z]/.test(n)),
  );
  return `${flag}: unknown option: ${near ? `did you mean --${near}?` : `go-heavy ${command === undefined ? '' : `${command} `}--help lists them`}`;
}

/**
 * The candidate closest to `word`, when it is close enough to be a slip of the keyboard: two
 * edits for most names (`--dration`, `--usres`), one for short ones (`--user`), where two
 * would reach unrelated names.
 */
function nearest(word: string, candidates: readonly string[], edits = word.length <= 4 ? 1 : 2): string | undefined {
  if (candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  return distance(word, best) <= edits ? best : undefined;
}

/** `a or b`, `a, b or c`. */
function orList(items: string[]): string {
  return items.length <= 2 ? items.join(' or ') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
