import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '@go-heavy/core';
import { readResultsFile } from './read-results.js';

/** One results file of the folder, as the index shows it. */
export interface ResultsEntry {
  /** The file's name in the folder: the only names /report/ and /results/ serve. */
  file: string;
  testId: string;
  startedAt: string;
  workflows: string[];
  runs: number;
  failed: number;
  requests: number;
  durationMs: number;
  interrupted: boolean;
}

/** What the folder holds: results files newest first, and the other `.json` files with why they are left out. */
export interface ResultsListing {
  entries: ResultsEntry[];
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * The folder's listing, read at each call; a file is parsed again only when its size or
 * modification time changed. With `allowMissing`, a folder that does not exist (yet) lists nothing.
 */
export function folderListing(dir: string, allowMissing = false): () => Promise<ResultsListing> {
  const cache = new Map<string, { mtimeMs: number; size: number; entry?: ResultsEntry; reason?: string }>();
  return async () => {
    const names = (await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' && allowMissing ? [] : Promise.reject(err)))).filter((name) => name.endsWith('.json')).sort();
    const listing: ResultsListing = { entries: [], skipped: [] };
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      let known = cache.get(name);
      if (!known || known.mtimeMs !== info.mtimeMs || known.size !== info.size) {
        known = { mtimeMs: info.mtimeMs, size: info.size, ...(await describe(file, name)) };
        cache.set(name, known);
      }
      if (known.entry) listing.entries.push(known.entry);
      else listing.skipped.push({ file: name, reason: known.reason ?? 'not a go-heavy results file' });
    }
    for (const name of [...cache.keys()]) if (!names.includes(name)) cache.delete(name);
    listing.entries.sort((a, b) => (Date.parse(b.startedAt) || 0) - (Date.parse(a.startedAt) || 0) || a.file.localeCompare(b.file));
    return listing;
  };
}

/** A results file's index row, or why it is not one (readResultsFile's message, without the file name). */
async function describe(file: string, name: string): Promise<{ entry?: ResultsEntry; reason?: string }> {
  try {
    const result = await readResultsFile(file);
    return {
      entry: {
        file: name,
        testId: result.testId,
        startedAt: result.startedAt,
        workflows: result.workflows.map((w) => w.name),
        runs: result.workflows.reduce((n, w) => n + w.runs, 0),
        failed: result.summary.workflowsFailed,
        requests: result.summary.requests,
        durationMs: result.durationMs,
        interrupted: result.summary.interrupted,
      },
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const colon = message.indexOf(': ');
    return { reason: colon >= 0 ? message.slice(colon + 2) : message };
  }
}

/** The results in `text` when it is JSON of the schema version this go-heavy reads (the listing checked the rest). */
export function parseResults(text: string): RunResult | undefined {
  try {
    const data = JSON.parse(text) as RunResult;
    return data !== null && typeof data === 'object' && data.schemaVersion === RESULTS_SCHEMA_VERSION ? data : undefined;
  } catch {
    return undefined;
  }
}
