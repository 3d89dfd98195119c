import type { Stage } from '@go-heavy/core';
import { ConfigError, isConfigError } from '../config-error.js';
import { parseDuration, parsePositiveDuration } from '../duration.js';
import type { LoadKey, SourcedSpec } from './load-spec.js';
import { parsePercent } from './parse-percent.js';
import { parseRate } from './parse-rate.js';
import { parseStages, stagesLevel, type StageLevel } from './parse-stages.js';
import { shown } from './shown.js';
import { parseWholeNumber } from './whole-number.js';

/** Every setting read on its own; durations in milliseconds, rates per second. */
export interface LoadValues {
  users?: number;
  rate?: number;
  maxUsers?: number;
  durationMs?: number;
  iterations?: number;
  rampUpMs?: number;
  stages?: { level: StageLevel; stages: Stage[] };
  shape?: 'gaussian';
  volume?: number;
  peakMs?: number;
  stddevMs?: number;
  uniqueUsers?: number;
  jitter?: number;
  distribution?: 'regular' | 'random';
}

type Parsers = { [K in LoadKey]: (value: unknown, what: string) => Partial<LoadValues> };

/** How each key is read, on its own: rules between keys are {@link resolveLoad}'s. */
const PARSERS: Parsers = {
  users: (v, what) => ({ users: parseWholeNumber(v, what, 1) }),
  rate: (v, what) => ({ rate: parseRate(v, what) }),
  maxUsers: (v, what) => ({ maxUsers: parseWholeNumber(v, what, 1) }),
  duration: (v, what) => ({
    durationMs: parsePositiveDuration(v, what, `a run needs time to send load; to run a fixed number of iterations, set ${what.startsWith('--') ? '--iterations' : 'iterations'} instead`),
  }),
  iterations: (v, what) => ({ iterations: parseWholeNumber(v, what, 1) }),
  rampUp: (v, what) => ({ rampUpMs: parseDuration(v, what) }),
  stages: (v, what) => {
    const level = stagesLevel(v);
    return { stages: { level, stages: parseStages(v, what, level) } };
  },
  shape: (v, what) => ({ shape: oneOf(v, what, ['gaussian'] as const) }),
  volume: (v, what) => ({ volume: parseWholeNumber(v, what, 1) }),
  peak: (v, what) => ({ peakMs: parseDuration(v, what) }),
  stddev: (v, what) => ({ stddevMs: parsePositiveDuration(v, what, 'it is the spread of the bell curve') }),
  uniqueUsers: (v, what) => ({ uniqueUsers: parseWholeNumber(v, what, 1) }),
  jitter: (v, what) => ({ jitter: parsePercent(v, what) }),
  distribution: (v, what) => ({ distribution: oneOf(v, what, ['regular', 'random'] as const) }),
};

/**
 * Reads every present setting of `spec` on its own (no rule between settings), collecting the
 * message of each one that fails instead of stopping at the first. A failed setting is absent
 * from `values`.
 */
export function parseLoadValues(spec: SourcedSpec): { values: LoadValues; problems: string[] } {
  const values: LoadValues = {};
  const problems: string[] = [];
  for (const key of Object.keys(PARSERS) as LoadKey[]) {
    const entry = spec[key];
    if (entry === undefined) continue;
    try {
      Object.assign(values, PARSERS[key](entry.value, entry.what));
    } catch (err) {
      if (!isConfigError(err)) throw err;
      problems.push(...err.message.split('\n'));
    }
  }
  return { values, problems };
}

function oneOf<T extends string>(value: unknown, what: string, choices: readonly T[]): T {
  const text = typeof value === 'string' ? value.trim() : value;
  if (typeof text === 'string' && (choices as readonly string[]).includes(text)) return text as T;
  throw new ConfigError(`${what}: expected ${choices.join(' or ')}, got ${shown(value)}`);
}
