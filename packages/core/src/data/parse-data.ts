import { parse } from 'csv-parse/sync';
import { DataFileError } from './data-file-error.js';

/** How a CSV file is read: the parser options a user can set. */
export interface CsvFormat {
  delimiter: string;
  header: boolean;
}

/**
 * CSV text as frozen rows: objects keyed by the header row's names, or arrays of fields without a
 * header. Empty lines are skipped, a UTF-8 BOM is dropped, lines end in LF or CRLF; a row with more or fewer fields than
 * the first, an unclosed quote or a repeated or empty column name is a {@link DataFileError}
 * naming the file and line.
 */
export function parseCsv(text: string, display: string, format: CsvFormat): readonly unknown[] {
  let records: unknown[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      // Files edited on several systems mix line ends; a row may end with either.
      record_delimiter: ['\r\n', '\n'],
      delimiter: format.delimiter,
      columns: format.header ? (names: string[]) => checkHeader(names, display, headerLine(text)) : false,
    }) as unknown[];
  } catch (err) {
    if (err instanceof DataFileError) throw err;
    const { lines, message } = err as { lines?: number; message?: string };
    // csv-parse ends its messages with the line ("… on line 12"); ours starts with it.
    const problem = String(message ?? err).replace(/\s+(on|at) line \d+\b/, '');
    throw new DataFileError(`${display}${typeof lines === 'number' && lines > 0 ? `:${lines}` : ''}: ${problem}`);
  }
  for (const record of records) Object.freeze(record);
  return Object.freeze(records);
}

function checkHeader(names: string[], display: string, line: number): string[] {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (name.trim() === '') throw new DataFileError(`${display}:${line}: column ${i + 1} of the header row has no name (or pass { header: false })`);
    if (seen.has(name)) throw new DataFileError(`${display}:${line}: the header row names the column "${name}" twice`);
    seen.add(name);
  });
  return names;
}

/** The line of the header row: the first that is not empty. */
function headerLine(text: string): number {
  let line = 1;
  for (let i = 0; i < text.length && (text[i] === '\n' || text[i] === '\r' || text[i] === '\uFEFF'); i++) if (text[i] === '\n') line++;
  return line;
}

/** JSON text, deeply frozen; a syntax error names the file, and the line when the parser tells the position. */
export function parseJson(text: string, display: string): unknown {
  try {
    return deepFreeze(JSON.parse(stripBom(text)));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /at position (\d+)/.exec(message);
    const line = at ? `:${lineAt(stripBom(text), Number(at[1]))}` : '';
    throw new DataFileError(`${display}${line}: invalid JSON: ${message.split('\n', 1)[0]}`);
  }
}

/** The non-empty lines of a text, without their line ends, frozen. */
export function splitLines(text: string): readonly string[] {
  return Object.freeze(
    stripBom(text)
      .split(/\r?\n/)
      .filter((line) => line.trim() !== ''),
  );
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function lineAt(text: string, position: number): number {
  let line = 1;
  for (let i = 0; i < position && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
