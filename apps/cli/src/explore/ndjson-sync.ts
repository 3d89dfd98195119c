import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/** Bytes read at a time: large enough that a million lines take few reads, small enough to stay flat. */
const CHUNK = 1 << 20;

/** A line of the file that is not a JSON object: where, and why. */
export class NdjsonLineError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'NdjsonLineError';
  }
}

/**
 * The JSON objects of a file of JSON lines, read synchronously a chunk at a time: each query of
 * `explore` walks the file again instead of holding it, so a million-line request log costs the
 * memory of one chunk and the documents a query keeps. Synchronous because mingo's lazy
 * pipelines pull from synchronous iterators. `map` may add fields to each document.
 */
export function* readJsonLines(file: string, map?: (doc: Record<string, unknown>) => void): Generator<Record<string, unknown>> {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let n = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      const text = read === 0 ? carry + decoder.end() : carry + decoder.write(buffer.subarray(0, read));
      const lines = text.split('\n');
      carry = read === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        n++;
        if (line.trim() === '') continue;
        let doc: unknown;
        try {
          doc = JSON.parse(line);
        } catch (err) {
          throw new NdjsonLineError(file, n, `not JSON (${(err as Error).message.split('\n', 1)[0]})`);
        }
        if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new NdjsonLineError(file, n, 'expected a JSON object per line');
        map?.(doc as Record<string, unknown>);
        yield doc as Record<string, unknown>;
      }
      if (read === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}
