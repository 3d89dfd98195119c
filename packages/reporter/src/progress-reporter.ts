import type { ProgressUpdate, Reporter } from '@go-heavy/core';
import { DEFAULT_WIDTH } from './format-options.js';
import { formatProgressBar } from './format-progress-bar.js';
import { formatProgressLine } from './format-progress.js';

/** Options of {@link progressReporter}. */
export interface ProgressReporterOptions {
  /** Where text goes (the CLI: stderr). */
  write: (text: string) => void;
  /**
   * Writing to a terminal: one bar line redrawn in place (`\r`, clear line) rather than one
   * plain line per update. Default false.
   */
  tty?: boolean;
  /**
   * The terminal's columns, only with `tty`; a function is read at every update, so a resized
   * terminal is followed. The line takes at most `width - 1` columns so the terminal never
   * wraps it. Default 100.
   */
  width?: number | (() => number);
  /** ANSI colour, only with `tty` (the caller checks NO_COLOR). Default false. */
  color?: boolean;
}

/** Carriage return, then erase the whole line: the cursor is back at column 1 of an empty line. */
const REDRAW = '\r\u001b[2K';

/**
 * Live progress, once per second of the measured phase. Not on a terminal (`tty` false): one
 * plain line per update in f1's form (`[ 12s] ✔ 1204 ✘ 3 (100/s) …`), no escape sequences, so
 * CI logs stay readable. On a terminal: a progress bar with elapsed / planned time and the same
 * figures, redrawn in place, and erased at the end of the run so the summary starts on a clean
 * line (put this reporter before the console reporter when both share a terminal). The CLI
 * sends it to stderr so stdout holds just the summary.
 */
export function progressReporter(options: ProgressReporterOptions): Reporter {
  const { write } = options;
  if (!options.tty) {
    return {
      name: 'progress',
      onProgress(update: ProgressUpdate) {
        write(`${formatProgressLine(update)}\n`);
      },
    };
  }
  const widthOf = typeof options.width === 'function' ? options.width : () => (options.width as number | undefined) ?? DEFAULT_WIDTH;
  const color = options.color === true;
  let drawn = false;
  return {
    name: 'progress',
    onProgress(update: ProgressUpdate) {
      const columns = widthOf();
      const width = Number.isFinite(columns) && columns > 1 ? columns - 1 : DEFAULT_WIDTH - 1;
      write(`${REDRAW}${formatProgressBar(update, { width, color })}`);
      drawn = true;
    },
    onEnd() {
      if (drawn) write(REDRAW);
      drawn = false;
    },
  };
}
