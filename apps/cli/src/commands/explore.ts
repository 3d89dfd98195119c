import path from 'node:path';
import vm from 'node:vm';
import type { CommandModule } from 'yargs';
import { ConfigError } from '@go-heavy/config';
import { exitOnError } from '../exit.js';
import { readResultsFile } from '../read-results.js';
import { useColor } from '../terminal.js';

export interface ExploreArgs {
  results: string;
  requests?: string | string[];
  eval?: string;
}

/**
 * `go-heavy explore <results.json> [--requests log.ndjson] [--eval EXPR]`: a REPL in the spirit of
 * mongosh over the results' workflows, steps and requests and the request log's lines, queried
 * in MongoDB's language; `--eval` runs one expression and prints its value as JSON.
 */
export const exploreCommand: CommandModule<object, ExploreArgs> = {
  command: 'explore <results>',
  describe: "Query a results file and its request log in MongoDB's language, in a REPL (or one --eval expression)",
  builder: (y) =>
    y
      .positional('results', { type: 'string', demandOption: true, describe: 'A results JSON file (go-heavy run --out FILE)' })
      .option('requests', { type: 'string', describe: 'The request log of the same run (go-heavy run --log-requests FILE): the log collection' })
      .option('eval', { type: 'string', describe: 'Evaluate this expression, print its value as JSON and exit, e.g. "log.count({ status: { $gte: 500 } })"' }) as never,
  handler: async (args) => {
    try {
      const requests = Array.isArray(args.requests) ? args.requests : args.requests === undefined ? [] : [args.requests];
      if (requests.length > 1) throw new ConfigError(`--requests: expected one request log (the run's own), got ${requests.length}`);
      if (args.eval !== undefined && (typeof args.eval !== 'string' || args.eval.trim() === '')) throw new ConfigError('--eval: expected an expression, like "requests.count()"');
      const result = await readResultsFile(path.resolve(args.results));
      const log = requests[0];
      if (log !== undefined) await checkReadable(log);
      // Loaded when used: mingo stays out of every other command.
      const { exploreContext } = await import('../explore/explore-context.js');
      const { NdjsonLineError } = await import('../explore/ndjson-sync.js');
      const context = exploreContext(result, log === undefined ? undefined : path.resolve(log));
      try {
        if (args.eval !== undefined) {
          const value = evaluate(args.eval, context);
          process.stdout.write(`${JSON.stringify(value === undefined ? null : value)}\n`);
          return;
        }
        const { helpText, startRepl } = await import('../explore/explore-repl.js');
        const terminal = process.stdin.isTTY === true && process.stdout.isTTY === true;
        if (terminal) process.stdout.write(`go-heavy explore: ${result.testId}\n${helpText(context)}\n`);
        await startRepl(context, { input: process.stdin, output: process.stdout, width: process.stdout.columns || 100, color: useColor(process.stdout), terminal });
      } catch (err) {
        if (err instanceof NdjsonLineError)
          throw new ConfigError(
            `--requests: ${path.relative(process.cwd(), err.file) || err.file}:${err.line}: ${err.reason}: expected one request per line, as \`go-heavy run --log-requests\` writes`,
          );
        throw err;
      }
    } catch (err) {
      exitOnError(err);
    }
  },
};

/** One expression against the collections; a cursor becomes its documents. A mistake in it is the user's: one line, exit 2. */
function evaluate(expression: string, context: object): unknown {
  let value: unknown;
  try {
    value = vm.runInNewContext(expression, { ...context }, { filename: '--eval', timeout: 10 * 60_000 });
  } catch (err) {
    if (err instanceof Error && err.name === 'NdjsonLineError') throw err;
    const e = err as Error;
    if (e?.name === 'ReferenceError' && /^log is not defined/.test(e.message) && !('log' in context))
      throw new ConfigError('--eval: log: no request log to query: name it with --requests FILE (go-heavy run --log-requests FILE writes one)');
    throw new ConfigError(`--eval: ${e?.name ?? 'Error'}: ${String(e?.message ?? err).split('\n', 1)[0]}`);
  }
  const toArray = (value as { toArray?: () => unknown } | null)?.toArray;
  return typeof toArray === 'function' ? toArray.call(value) : value;
}

async function checkReadable(file: string): Promise<void> {
  const { stat } = await import('node:fs/promises');
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new ConfigError(`--requests: ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}: expected a request log written by \`go-heavy run --log-requests FILE\``);
  });
  if (info.isDirectory()) throw new ConfigError(`--requests: ${file}: is a folder: expected a request log written by \`go-heavy run --log-requests FILE\``);
}
