import type { Stage } from '@go-heavy/core';
import { ConfigError, isConfigError } from '../config-error.js';
import { parseDuration } from '../duration.js';
import { hasRateUnit, readRate } from './parse-rate.js';
import { shown } from './shown.js';

/** What stage targets count: users (closed model) or iterations per second (open model). */
export type StageLevel = 'users' | 'rate';

const EXAMPLE = 'expected stages like 10s:50,30s:200,10s:0';
const PART_SHAPE = 'expected duration:target like 30s:200';

/**
 * The level `--stages` describes: `rate` when any target is written with a rate unit
 * (`10s:50/s`, `1m:600/m`), otherwise `users`. Unreadable input counts as `users`; parsing
 * reports it.
 */
export function stagesLevel(value: unknown): StageLevel {
  return partsOf(value)?.some((part) => hasRateUnit(targetText(part))) ? 'rate' : 'users';
}

/**
 * Reads `--stages` into piecewise-linear stages starting from 0: `"10s:50,30s:200,10s:0"`,
 * or (from a file) a list of `"10s:50"` strings or `{ duration, target }` objects. Each part
 * moves the level linearly to its target over its duration (`0s` makes a step). Targets are
 * whole numbers of users >= 0, or for `level` `rate` rates >= 0 (`50`, `50/s`, `600/m`, in
 * iterations per second); `level` defaults to {@link stagesLevel}.
 *
 * Throws one {@link ConfigError} naming every bad part, one per line:
 * `<what>: part 2 "x": expected duration:target like 30s:200`.
 */
export function parseStages(value: unknown, what: string, level: StageLevel = stagesLevel(value)): Stage[] {
  const parts = partsOf(value);
  if (parts === null || parts.length === 0) throw new ConfigError(`${what}: ${EXAMPLE}, got ${shown(value)}`);
  const mixed = mixedLevels(parts);
  if (mixed) throw new ConfigError(`${what}: ${mixed}`);
  const stages: Stage[] = [];
  const problems: string[] = [];
  parts.forEach((part, i) => {
    const bad = (expected: string) => problems.push(`${what}: part ${i + 1} ${shown(part)}: ${expected}`);
    const pair = splitPart(part);
    if (pair === null) return bad(PART_SHAPE);
    let durationMs: number;
    try {
      durationMs = parseDuration(pair.duration, what);
    } catch (err) {
      if (!isConfigError(err)) throw err;
      return bad(PART_SHAPE);
    }
    const target = level === 'rate' ? readRate(pair.target) : readUsers(pair.target);
    if (target === null) {
      return bad(level === 'rate' ? 'expected the target to be a rate >= 0 like 50, 50/s or 600/m' : 'expected the target to be a whole number of users >= 0');
    }
    stages.push({ durationMs, target });
  });
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return stages;
}

/**
 * Stages are all users or all rates: `5s:10,5s:10/s` could mean 10 users or 10 per second, so
 * it is named rather than read as rates. A target of 0 is the same in both and fits either.
 */
function mixedLevels(parts: unknown[]): string | null {
  const texts = parts.map(targetText);
  const rate = texts.findIndex(hasRateUnit);
  // A bare number other than 0; a target that reads as neither is left to its own message.
  const users = texts.findIndex((t) => !hasRateUnit(t) && (readRate(t) ?? 0) > 0);
  if (rate < 0 || users < 0) return null;
  return (
    `part ${users + 1} ${shown(parts[users])} is a number of users and part ${rate + 1} ${shown(parts[rate])} a rate: ` +
    'expected every target as users (like 10s:50) or every one as a rate (like 10s:50/s)'
  );
}

/** The parts of a stages value, or null when it is neither a string nor a list. */
function partsOf(value: unknown): unknown[] | null {
  if (typeof value === 'string') return value.trim() === '' ? [] : value.split(',').map((p) => p.trim());
  return Array.isArray(value) ? value : null;
}

/** `duration` and `target` of one part, or null when it has neither form. */
function splitPart(part: unknown): { duration: unknown; target: unknown } | null {
  if (typeof part === 'string') {
    const m = /^([^:]+):([^:]+)$/.exec(part.trim());
    return m ? { duration: m[1]!.trim(), target: m[2]!.trim() } : null;
  }
  if (typeof part === 'object' && part !== null && !Array.isArray(part)) {
    const keys = Object.keys(part);
    if (keys.length === 2 && 'duration' in part && 'target' in part) return part as { duration: unknown; target: unknown };
  }
  return null;
}

function targetText(part: unknown): unknown {
  return splitPart(part)?.target;
}

function readUsers(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}
