import { parseThreshold, type Threshold } from '@go-heavy/core';
import { ConfigError } from './config-error.js';

/** A parsed threshold and where it was written (`--threshold`, `heavy.config.ts: thresholds[0]`). */
export interface SourcedThreshold {
  threshold: Threshold;
  where: string;
}

/**
 * The thresholds of the config files (`thresholds`) and of `--threshold` flags, in that order,
 * each parsed; every malformed one is reported at once, naming where it was written.
 */
export function readThresholds(layers: Array<{ source: string; config: object }>, flags: readonly string[]): Threshold[] {
  return readSourcedThresholds(layers, flags).map((t) => t.threshold);
}

/** {@link readThresholds}, each threshold with where it was written. */
export function readSourcedThresholds(layers: Array<{ source: string; config: object }>, flags: readonly string[]): SourcedThreshold[] {
  const out: SourcedThreshold[] = [];
  const problems: string[] = [];
  const add = (entry: unknown, where: string): void => {
    const push = (threshold: Threshold): void => void out.push({ threshold, where });
    try {
      if (typeof entry === 'string') push(parseThreshold(entry));
      else if (entry !== null && typeof entry === 'object' && typeof (entry as { expr?: unknown }).expr === 'string') {
        const { expr, abortOnFail, ...rest } = entry as { expr: string; abortOnFail?: unknown };
        const unknown = Object.keys(rest);
        if (unknown.length > 0) throw new Error(`unknown key "${unknown[0]}": expected expr and abortOnFail`);
        if (abortOnFail !== undefined && typeof abortOnFail !== 'boolean') throw new Error('abortOnFail: expected true or false');
        push(parseThreshold(expr, abortOnFail === true));
      } else throw new Error(`expected "<workflow> <stat> <op> <value>" or { expr, abortOnFail }, got ${JSON.stringify(entry)}`);
    } catch (err) {
      problems.push(`${where}: ${(err as Error).message}`);
    }
  };
  for (const { source, config } of layers) {
    const list = (config as { thresholds?: unknown }).thresholds;
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      problems.push(`${source}thresholds: expected an array of threshold expressions`);
      continue;
    }
    list.forEach((entry, i) => add(entry, `${source}thresholds[${i}]`));
  }
  for (const expr of flags) add(expr, '--threshold');
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return out;
}
