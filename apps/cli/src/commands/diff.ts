import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError } from '@go-heavy/config';
import { formatDiff, writeDiffReport } from '@go-heavy/reporter';
import { EXIT, exitOnError } from '../exit.js';
import { historyFile } from '../history-options.js';
import { writablePath } from '../output-path.js';
import { useColor } from '../terminal.js';

export interface DiffArgs {
  a: string;
  b: string;
  json?: boolean;
  html?: string;
  'fail-on'?: string[];
  requests?: string[];
  'requests-limit': number;
  history?: boolean;
  'history-file'?: string;
  root: string;
}

/**
 * `go-heavy diff <a> <b>`: the change of every statistic from run a (the baseline) to run b, per
 * workflow, step and request; `--fail-on` bounds exit 99 when passed (a CI gate); `--requests`
 * also compares the responses of the two request logs; `--json` prints the diff as data and
 * `--html FILE` writes it as a page. a and b are results files, or with `--history` history
 * entries (`probe@-1`).
 */
export const diffCommand: CommandModule<object, DiffArgs> = {
  command: 'diff <a> <b>',
  describe: 'Compare two runs (results files, or history entries with --history): every statistic per workflow, step and request',
  builder: (y) =>
    y
      .positional('a', { type: 'string', demandOption: true, describe: 'The baseline: a results file (run --out), or with --history <service>@<n>' })
      .positional('b', { type: 'string', demandOption: true, describe: 'The candidate, the same way' })
      .option('fail-on', { type: 'string', array: true, describe: 'Exit 99 when a statistic moved past this bound: "p95 +10%", "error-rate +1pp", "runs/s -5%" (repeatable)' })
      .option('requests', { type: 'string', nargs: 2, describe: 'The request logs of the two runs (run --log-requests): also list the responses that differ' })
      .option('requests-limit', { type: 'number', default: 50, describe: 'Responses that differ listed one by one (the others are counted)' })
      .option('json', { type: 'boolean', describe: 'Print the diff as JSON instead of text' })
      .option('html', { type: 'string', describe: 'Also write the diff as an HTML page to this file' })
      .option('history', { type: 'boolean', describe: 'a and b are history entries: <service>@-1 (latest), @-2, @<id> or @<test id>' })
      .option('history-file', { type: 'string', describe: 'History file for --history (default <root>/.go-heavy/history.ndjson)' })
      .option('root', { type: 'string', default: '.', describe: 'Folder holding .go-heavy/history.ndjson, for --history' }) as never,
  handler: async (args) => {
    try {
      // Loaded when used: they stay out of every other command.
      const { computeDiff, diffResponses, evaluateGates, parseFailOn, FailOnSyntaxError } = await import('@go-heavy/diff');
      const rules = (args['fail-on'] ?? []).map((expr) => {
        try {
          return parseFailOn(String(expr));
        } catch (err) {
          if (err instanceof FailOnSyntaxError) throw new ConfigError(`--fail-on: ${err.message}`);
          throw err;
        }
      });
      const requests = args.requests;
      if (requests !== undefined && requests.length !== 2) throw new ConfigError(`--requests: expected two request logs, a's then b's (--requests a.ndjson b.ndjson), got ${requests.length}`);
      const limit = args['requests-limit'];
      if (!Number.isInteger(limit) || limit < 0) throw new ConfigError(`--requests-limit: expected a whole number >= 0, got ${Number.isNaN(limit) ? 'something that is not a number' : limit}`);
      if (args.html !== undefined) writablePath('--html', args.html);
      if (args['history-file'] !== undefined && args.history !== true) throw new ConfigError('--history-file: only with --history, which reads a and b from the history');

      const { existingHistory, historySource, requestLogLines, resultsSource } = await import('../diff-sources.js');
      let sides;
      if (args.history === true) {
        const { HistoryStore } = await import('@go-heavy/history');
        const store = HistoryStore.open(existingHistory(historyFile(path.resolve(args.root), args['history-file'])));
        try {
          sides = [historySource(store, args.a, 'a'), historySource(store, args.b, 'b')];
        } finally {
          store.close();
        }
      } else {
        sides = await Promise.all([resultsSource(args.a), resultsSource(args.b)]);
      }
      const diff = computeDiff(sides[0]!, sides[1]!);
      diff.gates = evaluateGates(diff.rows, rules);
      if (requests !== undefined) {
        const [la, lb] = await Promise.all([requestLogLines(requests[0]!), requestLogLines(requests[1]!)]);
        diff.responses = await diffResponses(la, lb, { limit });
      }

      if (args.json === true) process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
      else process.stdout.write(`${formatDiff(diff, { color: useColor(process.stdout), width: process.stdout.columns || 100 })}\n`);
      if (args.html !== undefined) {
        const cwd = process.cwd();
        const file = path.resolve(cwd, args.html);
        await writeDiffReport(file, diff);
        process.stderr.write(`go-heavy: HTML diff written to ${path.relative(cwd, file) || args.html}\n`);
      }
      const failed = diff.gates.filter((g) => !g.ok);
      if (failed.length > 0) {
        process.stderr.write(`go-heavy: ${failed.length} --fail-on bound${failed.length === 1 ? '' : 's'} passed: ${failed.map((g) => g.expr).join(', ')}\n`);
        process.exitCode = EXIT.thresholds;
      }
    } catch (err) {
      exitOnError(err);
    }
  },
};
