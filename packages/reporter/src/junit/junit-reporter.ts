import { hostname } from 'node:os';
import type { Reporter, RunResult } from '@go-heavy/core';
import { writeFileAtomic } from '../write-file-atomic.js';
import { formatJunit } from './format-junit.js';

/** Options of {@link junitReporter}. */
export interface JunitReporterOptions {
  /** The file to write; parent folders are created. */
  path: string;
  /** The `hostname` of each `<testsuite>`; this machine's name by default. */
  hostname?: string;
}

/** Writes the JUnit XML of `result` ({@link formatJunit}) to `path`, atomically. */
export function writeJunitReport(path: string, result: RunResult, options: { hostname?: string } = {}): Promise<void> {
  return writeFileAtomic(path, formatJunit(result, { hostname: options.hostname ?? (hostname() || 'localhost') }));
}

/**
 * The JUnit reporter: at the end of the run it writes one test case per threshold and per check
 * as JUnit XML to `path`, for CI systems to display.
 */
export function junitReporter(options: JunitReporterOptions): Reporter {
  return {
    name: 'junit',
    onEnd(result: RunResult) {
      return writeJunitReport(options.path, result, { hostname: options.hostname });
    },
  };
}
