import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError } from '@go-heavy/config';
import { formatTrends, writeTrendReport, type Trend } from '@go-heavy/reporter';
import { exitOnError } from '../exit.js';
import { historyFile, parseTags } from '../history-options.js';
import { historyTrends } from '../history-trends.js';
import { writablePath } from '../output-path.js';
import { useColor } from '../terminal.js';

export interface HistoryArgs {
  service: string;
  root: string;
  history?: string;
  workflow?: string;
  stat: string;
  last: number;
  window: number;
  tolerance: number;
  tag?: string[];
  html?: string;
}

/**
 * `go-heavy history <service>`: a statistic of each workflow over the service's recorded runs,
 * as a sparkline and a table, runs worse than the median of the previous ones flagged; with
 * `--html FILE` also as a page of charts (baseline and regressions drawn) and tables.
 */
export const historyCommand: CommandModule<object, HistoryArgs> = {
  command: 'history <service>',
  describe: "Show a service's performance over its recorded runs, regressions flagged",
  builder: (y) =>
    y
      .positional('service', { type: 'string', demandOption: true })
      .option('root', { type: 'string', default: '.', describe: 'Folder holding services/ (and .go-heavy/history.ndjson)' })
      .option('history', { type: 'string', describe: 'History file (default <root>/.go-heavy/history.ndjson)' })
      .option('workflow', { type: 'string', alias: 'w', describe: 'Only this workflow (<service>/<workflow> or <workflow>)' })
      .option('stat', { type: 'string', default: 'p95', describe: 'p50, p90, p95, p99, max, min, avg, error-rate, runs/s or runs' })
      .option('last', { type: 'number', default: 20, describe: 'How many of the latest runs' })
      .option('window', { type: 'number', default: 5, describe: 'Runs before each one whose median is its baseline' })
      .option('tolerance', { type: 'number', default: 10, describe: 'Percent worse than the baseline that counts as a regression' })
      .option('tag', { type: 'string', array: true, describe: 'Only runs with this tag (key=value), repeatable' })
      .option('html', { type: 'string', describe: 'Also write the trends as an HTML page of charts to this file' }) as never,
  handler: async (args) => {
    try {
      // Loaded when used: it stays out of every other command.
      const history = await import('@go-heavy/history');
      const { HISTORY_STATS, HistoryStore, isHistoryStat } = history;
      if (!isHistoryStat(args.stat)) throw new ConfigError(`--stat: expected one of ${HISTORY_STATS.join(', ')}, got "${args.stat}"`);
      for (const [flag, value] of [
        ['--last', args.last],
        ['--window', args.window],
      ] as const) {
        if (!Number.isInteger(value) || value < 1) throw new ConfigError(`${flag}: expected a whole number >= 1, got ${Number.isNaN(value) ? 'something that is not a number' : value}`);
      }
      if (!(args.tolerance >= 0)) throw new ConfigError(`--tolerance: expected a percentage >= 0, got ${Number.isNaN(args.tolerance) ? 'something that is not a number' : args.tolerance}`);
      if (args.html !== undefined && (typeof args.html !== 'string' || args.html.trim() === '')) throw new ConfigError('--html: expected a file path, like trend.html');
      if (args.html !== undefined) writablePath('--html', args.html);
      const stat = args.stat;
      const tags = parseTags(args.tag);
      const file = historyFile(path.resolve(args.root), args.history);
      // Reading never creates a history: a missing one is a mistake to name, not an empty file to make.
      if (!existsSync(file))
        throw new ConfigError(`no history in ${file}: expected the file \`go-heavy run\` records runs in (run \`go-heavy run ${args.service}\` first, or name the file with --history)`);
      const store = HistoryStore.open(file);
      try {
        const all = store.workflows(args.service);
        if (all.length === 0) throw new ConfigError(`no runs of service "${args.service}" in ${store.file}: run it first (go-heavy run ${args.service})`);
        const wanted = args.workflow === undefined ? all : all.filter((w) => w === args.workflow || w === `${args.service}/${args.workflow}`);
        if (wanted.length === 0) throw new ConfigError(`--workflow: no workflow "${args.workflow}" in the history of "${args.service}": expected one of ${all.join(', ')}`);
        const trends: Trend[] = historyTrends(history, store, args.service, { workflows: wanted, stat, last: args.last, window: args.window, tolerancePct: args.tolerance, tags });
        process.stdout.write(`${formatTrends(trends, { color: useColor(process.stdout), width: process.stdout.columns || 100 })}\n`);
        if (args.html !== undefined) {
          const cwd = process.cwd();
          const file = path.resolve(cwd, args.html);
          await writeTrendReport(file, trends, { service: args.service }).catch((err: unknown) => {
            throw new ConfigError(`--html: cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`);
          });
          process.stderr.write(`go-heavy: HTML trend report written to ${path.relative(cwd, file) || args.html}\n`);
        }
      } finally {
        store.close();
      }
    } catch (err) {
      exitOnError(err);
    }
  },
};
