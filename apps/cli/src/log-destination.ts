import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { NO_REDACTION, type Redactor } from '@go-heavy/core';
import { makeFolders } from './make-folders.js';

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

/**
 * Where pino's lines go: stderr, or a file opened on the first line (so a run that logs nothing
 * leaves no file), as JSON or as text (`time LEVEL message key=value …`).
 */
export class LogDestination {
  private file: WriteStream | undefined;
  /** The file written to, once a line was written; undefined for stderr or before any line. */
  written: string | undefined;
  /** Hides secrets in every line (set once the run's environment is known). */
  redactor: Redactor = NO_REDACTION;

  constructor(
    private readonly target: { stderr: true } | { file: string },
    private readonly format: 'text' | 'json',
  ) {}

  /** Called by pino with one JSON line. */
  write(line: string): void {
    // Redacted as JSON, before the text format parses it: escaped forms of a secret are caught too.
    const safe = this.redactor.text(line);
    const out = this.format === 'json' ? safe : toText(safe);
    if ('stderr' in this.target) {
      process.stderr.write(out);
      return;
    }
    if (this.file === undefined) {
      makeFolders(path.dirname(this.target.file));
      this.file = createWriteStream(this.target.file, { flags: 'a' });
      this.written = this.target.file;
    }
    this.file.write(out);
  }

  /** Flushes the file, if one was opened. */
  close(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    return new Promise((resolve) => file.end(resolve));
  }
}

function toText(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const { time, level, msg, name: _name, ...fields } = entry;
  const when = typeof time === 'number' ? new Date(time).toISOString() : String(time ?? '');
  const rest = Object.entries(fields)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${when} ${(LEVEL_NAMES[level as number] ?? String(level)).padEnd(5)} ${String(msg ?? '')}${rest ? ` ${rest}` : ''}\n`;
}
