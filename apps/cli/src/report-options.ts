import type { Argv } from 'yargs';
import { ConfigError } from '@go-heavy/config';

/** `--full` (documented) and `--report summary|full` (kept working), the same on `run` and `report`. */
export interface ReportArgs {
  full?: boolean;
  report?: 'summary' | 'full';
}

/** Declares `--full` and its other spelling `--report full`, on any command that prints a report. */
export function withReportOptions<T>(y: Argv<T>, group?: string): Argv<T & ReportArgs> {
  return y
    .option('full', { type: 'boolean', describe: 'Print the complete report: every workflow, step and request (--no-full: the summary only)', group })
    .option('report', { type: 'string', choices: ['summary', 'full'], hidden: true }) as Argv<T & ReportArgs>;
}

/** True for the complete report, false for the summary, undefined when neither spelling was given. */
export function wantsFullReport(args: ReportArgs): boolean | undefined {
  const fromReport = args.report === undefined ? undefined : args.report === 'full';
  if (args.full !== undefined && fromReport !== undefined && args.full !== fromReport) {
    throw new ConfigError(`--${args.full ? '' : 'no-'}full and --report ${args.report} disagree: give one of them`);
  }
  return args.full ?? fromReport;
}
