import type { ProgressUpdate, Reporter } from '@go-heavy/core';
import { formatProgressLine } from './format-progress.js';

/**
 * Live progress only: one line per second of the measured phase, in f1's form. The CLI sends it
 * to stderr so stdout holds just the summary.
 */
export function progressReporter(options: { write: (text: string) => void }): Reporter {
  return {
    name: 'progress',
    onProgress(update: ProgressUpdate) {
      options.write(`${formatProgressLine(update)}\n`);
    },
  };
}
