import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '@go-heavy/core';
import { resultsProblem } from './results-schema.js';

/**
 * Reads a results file written by `go-heavy run --out` (or the `json` reporter) for re-rendering,
 * validated against the results JSON Schema of @go-heavy/core. Every problem is a
 * {@link ConfigError} naming the file and the JSON path of the first field that is wrong
 * (`results.json: /workflows/0/latencyMs/p50 must be number, got "x"`), so the CLI prints one
 * line and exits with code 2.
 */
export async function readResultsFile(file: string): Promise<RunResult> {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`${display}: no such file: expected a results file written by \`go-heavy run --out FILE\``);
    if (code === 'EISDIR') throw new ConfigError(`${display}: is a folder: expected a results file written by \`go-heavy run --out FILE\``);
    throw new ConfigError(`${display}: cannot be read: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${display}: not JSON: ${(err as Error).message.split('\n', 1)[0]}`);
  }
  if (!isObject(data) || !('schemaVersion' in data)) {
    throw new ConfigError(`${display}: not a go-heavy results file: expected an object with schemaVersion, testId, summary and workflows`);
  }
  const version = data.schemaVersion;
  if (version !== RESULTS_SCHEMA_VERSION) {
    const newer = typeof version === 'number' && version > RESULTS_SCHEMA_VERSION ? ' (written by a newer go-heavy: upgrade to read it)' : '';
    throw new ConfigError(`${display}: schemaVersion ${JSON.stringify(version)}: expected ${RESULTS_SCHEMA_VERSION}${newer}`);
  }
  const problem = await resultsProblem(data);
  if (problem) throw new ConfigError(`${display}: ${problem}`);
  return data as unknown as RunResult;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
