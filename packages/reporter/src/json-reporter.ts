import type { Reporter, RunResult } from '@go-heavy/core';
import { writeResultsJson } from './write-results-json.js';

/** Options of {@link jsonReporter}. */
export interface JsonReporterOptions {
  /** The file to write; parent folders are created. */
  path: string;
}

/** The JSON reporter: at the end of the run it writes the whole `RunResult` to `path`. */
export function jsonReporter(options: JsonReporterOptions): Reporter {
  return {
    name: 'json',
    onEnd(result: RunResult) {
      return writeResultsJson(options.path, result);
    },
  };
}
