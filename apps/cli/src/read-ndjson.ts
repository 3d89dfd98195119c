import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { ConfigError } from '@go-heavy/config';

/**
 * The JSON lines of a file (a request log written by `--log-requests`), parsed one at a time as
 * the file streams: memory stays flat however long the file is. Blank lines are skipped; a line
 * that is not a JSON object is a {@link ConfigError} naming `flag`, the file and the line number.
 * A missing or unreadable file is found before the first line is asked for.
 */
export async function ndjsonLines(flag: string, file: string): Promise<AsyncIterable<Record<string, unknown>>> {
  const display = path.relative(process.cwd(), file) || file;
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new ConfigError(`${flag}: ${display}: ${err.code === 'ENOENT' ? 'no such file' : err.message}: expected a request log written by \`go-heavy run --log-requests FILE\``);
  });
  if (info.isDirectory()) throw new ConfigError(`${flag}: ${display}: is a folder: expected a request log written by \`go-heavy run --log-requests FILE\``);
  return lines(flag, file, display);
}

async function* lines(flag: string, file: string, display: string): AsyncGenerator<Record<string, unknown>> {
  const input = createReadStream(file, { encoding: 'utf8' });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const text of reader) {
      n++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        throw new ConfigError(`${flag}: ${display}:${n}: not JSON (${(err as Error).message.split('\n', 1)[0]}): expected one request per line, as \`go-heavy run --log-requests\` writes`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new ConfigError(`${flag}: ${display}:${n}: expected a JSON object per line, as \`go-heavy run --log-requests\` writes`);
      yield value as Record<string, unknown>;
    }
  } finally {
    reader.close();
    input.destroy();
  }
}
