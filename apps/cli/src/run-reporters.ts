import type { Reporter } from '@go-heavy/core';
import { consoleReporter, jsonReporter, progressReporter } from '@go-heavy/reporter';
import { guardReporter } from './guard-reporter.js';

/** A terminal stream as the built-in reporters use it. */
export interface ReporterStream {
  write(text: string): void;
  tty: boolean;
  color: boolean;
  /** Columns now: a terminal may be resized during the run. */
  columns(): number;
}

/** What {@link runReporters} composes. */
export interface RunReportersOptions {
  /** Where the summary goes (stdout). */
  out: ReporterStream;
  /** Where the live progress goes (stderr). */
  err: ReporterStream;
  /** No live progress (`--quiet`). */
  quiet: boolean;
  /** The complete report rather than the summary. */
  full: boolean;
  /** `--out FILE`, resolved. */
  resultsFile?: string;
  /** Plugins and `reporters` of heavy.config.ts, already made, in order. */
  plugins: readonly Reporter[];
  dashboard?: Reporter;
  prometheus?: Reporter;
  /** Told one line per failing hook (`reporter "json": onEnd failed: …`). */
  report(message: string): void;
}

/**
 * The reporters of one `run`, in the order they are called: the progress line first (on a
 * terminal it erases its bar before the summary is printed), the console summary, the results
 * file, plugins, the dashboard, Prometheus. Every one, built-in or not, is wrapped by
 * {@link guardReporter}: a reporter that throws stops neither the run nor the others.
 */
export function runReporters(o: RunReportersOptions): Reporter[] {
  const reporters: Reporter[] = [];
  if (!o.quiet) {
    reporters.push(progressReporter({ write: (text) => o.err.write(text), tty: o.err.tty, width: () => o.err.columns(), color: o.err.color }));
  }
  reporters.push(consoleReporter({ write: (text) => o.out.write(text), color: o.out.color, width: o.out.columns(), progress: false, full: o.full }));
  if (o.resultsFile !== undefined) reporters.push(jsonReporter({ path: o.resultsFile }));
  reporters.push(...o.plugins);
  if (o.dashboard) reporters.push(o.dashboard);
  if (o.prometheus) reporters.push(o.prometheus);
  return reporters.map((r) => guardReporter(r, o.report));
}
