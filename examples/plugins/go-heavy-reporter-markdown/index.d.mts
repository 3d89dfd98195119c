import type { ReporterFactory, RunResult } from '@go-heavy/core';

/** Options of the Markdown reporter, as written in `heavy.config.ts`. */
export interface MarkdownReporterOptions {
  /** The file to write, relative to where go-heavy runs; parent folders are created. */
  path: string;
  /** The heading. Default "go-heavy summary". */
  title?: string;
}

/** The reporter factory go-heavy calls with these options and the run's context. */
declare const markdownReporter: ReporterFactory<MarkdownReporterOptions>;
export default markdownReporter;

/** The Markdown text of a run: a heading, a line about the run, a table of the workflows. */
export function renderMarkdown(result: RunResult, title?: string): string;
