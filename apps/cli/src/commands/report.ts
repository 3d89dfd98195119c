import path from 'node:path';
import type { CommandModule } from 'yargs';
import { REPORTER_API_VERSION, type ReporterContext } from '@go-heavy/core';
import { formatFullReport, formatSummary } from '@go-heavy/reporter';
import { exitOnError } from '../exit.js';
import { writablePath } from '../output-path.js';
import { readResultsFile } from '../read-results.js';
import { withReportOptions, wantsFullReport, type ReportArgs } from '../report-options.js';
import { resolveReporter } from '../resolve-reporters.js';
import { useColor } from '../terminal.js';

export interface ReportCommandArgs extends ReportArgs {
  results: string;
  html?: string;
  junit?: string;
}

/**
 * `go-heavy report <results.json> [--full] [--html FILE] [--junit FILE]`: prints a results file
 * again, as the summary or the complete report, and can write its HTML report and its JUnit XML
 * (of a merged file, say), without running anything.
 */
export const reportCommand: CommandModule<object, ReportCommandArgs> = {
  command: 'report <results>',
  describe: 'Print the summary (or with --full the complete report) of a results file written by run --out',
  builder: (y) =>
    withReportOptions(y)
      .positional('results', { type: 'string', demandOption: true, describe: 'A results JSON file (go-heavy run --out FILE)' })
      .option('html', { type: 'string', describe: 'Also write the HTML report to this file' })
      .option('junit', { type: 'string', describe: 'Also write JUnit XML to this file: a test case per threshold and per check' }) as never,
  handler: async (args) => {
    try {
      const cwd = process.cwd();
      const full = wantsFullReport(args) === true;
      const result = await readResultsFile(path.resolve(args.results));
      // Resolved before anything is printed, so a missing HTML reporter is the only output.
      const context: ReporterContext = Object.freeze({ apiVersion: REPORTER_API_VERSION, root: cwd, cwd });
      if (args.html !== undefined) writablePath('--html', args.html);
      if (args.junit !== undefined) writablePath('--junit', args.junit);
      const from = path.join(cwd, 'package.json');
      const html = args.html === undefined ? undefined : await resolveReporter({ name: 'html', options: { path: args.html }, from, source: '--html' }, context);
      const junit = args.junit === undefined ? undefined : await resolveReporter({ name: 'junit', options: { path: args.junit }, from, source: '--junit' }, context);
      const format = full ? formatFullReport : formatSummary;
      process.stdout.write(`${format(result, { color: useColor(process.stdout), width: process.stdout.columns || 100 })}\n`);
      if (html) {
        await html.onEnd?.(result);
        await html.close?.();
        process.stderr.write(`go-heavy: HTML report written to ${path.relative(cwd, path.resolve(cwd, args.html!)) || args.html}\n`);
      }
      if (junit) {
        await junit.onEnd?.(result);
        process.stderr.write(`go-heavy: JUnit XML written to ${path.relative(cwd, path.resolve(cwd, args.junit!)) || args.junit}\n`);
      }
    } catch (err) {
      exitOnError(err);
    }
  },
};
