import path from 'node:path';
import type { CommandModule } from 'yargs';
import { ConfigError } from '@go-heavy/config';
import type { RunResult } from '@go-heavy/core';
import { formatSummary, writeResultsJson } from '@go-heavy/reporter';
import { exitOnError, EXIT } from '../exit.js';
import { mergeParts } from '../merge-parts.js';
import { writablePath } from '../output-path.js';
import { readResultsFile } from '../read-results.js';
import { useColor } from '../terminal.js';

export interface MergeArgs {
  results: string[];
  out?: string;
  force: boolean;
  quiet: boolean;
}

/**
 * `go-heavy merge seg-*.json --out total.json`: the results of the segments of one test
 * (`run --segment i/N --test-id ID`, on several machines) merged into the whole test's, losslessly.
 * Results of different tests or loads are refused unless `--force`.
 */
export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <results..>',
  describe: 'Merge the results of the segments of one test (run --segment i/N --test-id ID) into one results file',
  builder: (y) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'Results JSON files (go-heavy run --out FILE)' })
      .option('out', { type: 'string', alias: 'o', describe: 'Write the merged results JSON to this file' })
      .option('force', { type: 'boolean', default: false, describe: 'Merge results of different tests or loads, or the same segment twice' })
      .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'Print nothing but problems' }) as never,
  handler: async (args) => {
    try {
      if (args.out === undefined) throw new ConfigError('--out: expected the file to write the merged results to, e.g. --out total.json');
      const out = writablePath('--out', args.out);
      const given = ([] as string[]).concat(args.results);
      const files = given.map((f) => path.resolve(f));
      const parts: RunResult[] = [];
      for (const file of files) parts.push(await readResultsFile(file));
      const names = given.map((f) => path.relative(process.cwd(), path.resolve(f)) || f);
      if (!args.force) checkSameTest(parts, names);
      const merged = mergeParts(parts);
      const missing = missingSegments(parts);
      await writeResultsJson(out, merged);
      if (missing !== null) process.stderr.write(`go-heavy: warning: segments ${missing} of ${parts[0]!.segment!.count} are missing: the merge holds only part of the test\n`);
      if (!args.quiet) process.stdout.write(`${formatSummary(merged, { color: useColor(process.stdout), width: process.stdout.columns || 100 })}\n`);
      process.stderr.write(`go-heavy: merged ${parts.length} results into ${path.relative(process.cwd(), out) || out}\n`);
      process.exitCode = merged.thresholds.some((t) => !t.ok) ? EXIT.thresholds : EXIT.ok;
    } catch (err) {
      exitOnError(err);
    }
  },
};

/** One line naming both files when two results are not of the same test, load or segment layout. */
function checkSameTest(parts: readonly RunResult[], names: readonly string[]): void {
  const first = parts[0]!;
  const loadOf = (r: RunResult): string => JSON.stringify(r.load);
  const seen = new Map<number, string>();
  parts.forEach((part, i) => {
    const both = `${names[0]} and ${names[i]}`;
    if (part.testId !== first.testId)
      throw new ConfigError(`${both} are of different tests (test ids ${first.testId} and ${part.testId}): give the segments one --test-id, or merge anyway with --force`);
    if (loadOf(part) !== loadOf(first)) throw new ConfigError(`${both} ran different loads: merge anyway with --force`);
    if ((part.segment?.count ?? 1) !== (first.segment?.count ?? 1))
      throw new ConfigError(`${both} split the test differently (${first.segment?.count ?? 1} and ${part.segment?.count ?? 1} segments): merge anyway with --force`);
    if (part.segment) {
      const twice = seen.get(part.segment.index);
      if (twice !== undefined)
        throw new ConfigError(`${twice} and ${names[i]} are both segment ${part.segment.index}/${part.segment.count}: merging it twice would count its requests twice (--force merges anyway)`);
      seen.set(part.segment.index, names[i]!);
    }
  });
}

/** The segments of the test that none of the parts holds, as `1, 2`, or null. */
function missingSegments(parts: readonly RunResult[]): string | null {
  const count = parts[0]!.segment?.count;
  if (count === undefined) return null;
  const have = new Set(parts.map((p) => p.segment?.index));
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(i));
  return missing.length === 0 ? null : missing.join(', ');
}
