import { consoleReporter } from './console-reporter.js';
import { htmlReporter } from './html/html-reporter.js';
import { jsonReporter } from './json-reporter.js';
import { junitReporter } from './junit/junit-reporter.js';

/**
 * The reporters that ship with go-heavy, as factories keyed by the name a user writes in
 * `heavy.config.ts` or on the command line. Each factory takes that reporter's options.
 */
export const builtinReporters = {
  console: consoleReporter,
  json: jsonReporter,
  html: htmlReporter,
  junit: junitReporter,
} as const;

/** The name of a built-in reporter. */
export type BuiltinReporterName = keyof typeof builtinReporters;
