import type { ProgressUpdate, Reporter, RunResult } from '@go-heavy/core';
import { formatFullReport } from './format-full-report.js';
import { DEFAULT_WIDTH } from './format-options.js';
import { formatProgressLine } from './format-progress.js';
import { formatSummary } from './format-summary.js';

/** Options of {@link consoleReporter}. */
export interface ConsoleReporterOptions {
  /** Where text goes. Default: `process.stdout.write`. */
  write?: (text: string) => void;
  /**
   * ANSI colour. Default: on when writing to a stdout that is a terminal and `NO_COLOR` is not
   * set; off when `write` is given.
   */
  color?: boolean;
  /** Line width. Default: the terminal's columns when writing to a terminal, else 100. */
  width?: number;
  /** Print the complete report (every step and request) instead of the summary. Default false. */
  full?: boolean;
  /** Print one progress line per second of the measured phase. Default false. */
  progress?: boolean;
}

/**
 * The console reporter: at the end of the run it writes the summary (or the complete report
 * with `full`); with `progress` it writes one plain progress line per update (once a second).
 */
export function consoleReporter(options: ConsoleReporterOptions = {}): Reporter {
  const toStdout = options.write === undefined;
  const write = options.write ?? ((text: string) => void process.stdout.write(text));
  const color = options.color ?? (toStdout && process.stdout.isTTY === true && !process.env.NO_COLOR);
  const width = options.width ?? (toStdout && process.stdout.isTTY ? process.stdout.columns : undefined) ?? DEFAULT_WIDTH;

  const reporter: Reporter = {
    name: 'console',
    onEnd(result: RunResult) {
      const format = options.full ? formatFullReport : formatSummary;
      write(`${format(result, { color, width })}\n`);
    },
  };
  // Only define the hook when wanted, so the engine can skip the call on its hot thread.
  if (options.progress) {
    return {
      ...reporter,
      onProgress(update: ProgressUpdate) {
        write(`${formatProgressLine(update)}\n`);
      },
    };
  }
  return reporter;
}
