import { availableParallelism } from 'node:os';
import { ConfigError } from '@go-heavy/config';
import type { Segment } from '@go-heavy/core';

/**
 * `--workers N|auto`: worker threads. `auto` is the available cores, less one for the main
 * thread (reporters, merging) when there are more than two.
 */
export function parseWorkers(text: string | undefined, cores = availableParallelism()): number {
  if (text === undefined) return 1;
  const value = String(text).trim();
  if (value === 'auto') return cores > 2 ? cores - 1 : cores;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 1024) throw new ConfigError(`--workers: expected a whole number from 1 to 1024 or auto, got "${text}"`);
  return Number(value);
}

/**
 * `--segment i/N`: share i of N of the test, 0-based (0/3, 1/3, 2/3), so that an Indexed Job's pod
 * passes its JOB_COMPLETION_INDEX as is; absent, the whole test (0/1).
 */
export function parseSegment(text: string | undefined): Segment {
  if (text === undefined) return { index: 0, count: 1 };
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(String(text));
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index >= count) throw new ConfigError(`--segment: expected i/N with 0 <= i < N (0-based, as Kubernetes' JOB_COMPLETION_INDEX), e.g. 1/3, got "${text}"`);
  return { index, count };
}

/** `--test-id ID`: letters, digits, `.`, `_` and `-`, at most 128 (it names files and labels). */
export function parseTestId(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const value = String(text);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/.test(value)) throw new ConfigError(`--test-id: expected letters, digits, ".", "_" or "-" (at most 128, starting with a letter or digit), got "${text}"`);
  return value;
}
