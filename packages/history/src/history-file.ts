import { closeSync, existsSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import path from 'node:path';

/** How a SQLite database starts: the history of earlier go-heavy versions was one. */
const SQLITE_MAGIC = 'SQLite format 3\0';
/** Most write() calls spent on one line: each writes at least a byte or throws. */
const MAX_WRITES = 1000;

/**
 * Appends one line to `file` (created with its folder when missing) in a single write on a
 * descriptor opened with O_APPEND: the kernel places it at the end of the file as it is at that
 * moment, so lines of processes appending at the same time never overlap. When the file does
 * not end with a newline (a writer crashed mid-line), one is written first so the torn line
 * stays alone and the new one is whole. Synced to disk before returning. Returns the file's new
 * size when it was `sizeBefore` bytes and now holds just those and this line (no other writer
 * got in between), or undefined.
 */
export function appendLine(file: string, line: string, sizeBefore: number | undefined): number | undefined {
  mkdirSync(path.dirname(file), { recursive: true });
  const fd = openSync(file, 'a+');
  try {
    const { size } = fstatSync(fd);
    let text = `${line}\n`;
    if (size > 0) {
      const last = Buffer.alloc(1);
      readSync(fd, last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${text}`;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    for (let i = 0; written < bytes.length && i < MAX_WRITES; i++) written += writeSync(fd, bytes, written);
    if (written < bytes.length) throw new Error(`${file}: wrote ${written} of ${bytes.length} bytes`);
    fsyncSync(fd);
    const after = fstatSync(fd).size;
    return size === sizeBefore && after === size + bytes.length ? after : undefined;
  } finally {
    closeSync(fd);
  }
}

/** What a history file holds now: its text and size, or nothing when it does not exist yet. */
export function readHistoryFile(file: string, knownSize: number | undefined): { size: number; text: string | undefined } {
  if (!existsSync(file)) return { size: 0, text: '' };
  const fd = openSync(file, 'r');
  try {
    const { size } = fstatSync(fd);
    if (size === knownSize) return { size, text: undefined };
    const bytes = Buffer.alloc(size);
    let read = 0;
    for (let i = 0; read < size && i < MAX_WRITES; i++) {
      const n = readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    const text = bytes.toString('utf8', 0, read);
    if (text.startsWith(SQLITE_MAGIC)) {
      throw new Error(`${file} is a SQLite history of an earlier go-heavy, which this one no longer reads: record into a new file (the default is .go-heavy/history.ndjson)`);
    }
    return { size: read, text };
  } finally {
    closeSync(fd);
  }
}
