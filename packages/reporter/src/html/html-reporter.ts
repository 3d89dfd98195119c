import type { Reporter, RunResult } from '@go-heavy/core';
import { renderHtmlReport, type HtmlReportOptions } from './render-html-report.js';
import { writeFileAtomic } from '../write-file-atomic.js';

/** Options of {@link htmlReporter}. */
export interface HtmlReporterOptions extends HtmlReportOptions {
  /** The file to write; parent folders are created. */
  path: string;
}

/**
 * Writes the report of `result` ({@link renderHtmlReport}) to `path`, creating the parent
 * folders, through a temporary file that is flushed and then renamed over `path`.
 */
export function writeHtmlReport(path: string, result: RunResult, options: HtmlReportOptions = {}): Promise<void> {
  return writeFileAtomic(path, renderHtmlReport(result, options));
}

/** The HTML reporter: at the end of the run it writes the self-contained HTML report to `path`. */
export function htmlReporter(options: HtmlReporterOptions): Reporter {
  return {
    name: 'html',
    onEnd(result: RunResult) {
      return writeHtmlReport(options.path, result, { title: options.title });
    },
  };
}
