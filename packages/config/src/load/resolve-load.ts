import { constantProfile, peakTarget, profileDurationMs, type Load, type LoadProfile, type LoadShape } from '@go-heavy/core';
import { ConfigError } from '../config-error.js';
import { formatDuration } from '../duration.js';
import { gaussianProfile } from './gaussian.js';
import { flagName, type LoadKey, type SourcedSpec } from './load-spec.js';
import { parseLoadValues, type LoadValues } from './parse-load-values.js';
import { stagesLevel } from './parse-stages.js';

/** The load part of a run plan, checked. */
export interface ResolvedLoad {
  load: Load;
  /** Length of the run: the given duration, else the stages' total, else null. */
  durationMs: number | null;
  /** Iterations per workflow: the given count, or 1 (a smoke run) when no duration applies. */
  iterations: number | null;
  /** Distinct user identities, or null for one per concurrent user. */
  uniqueUsers: number | null;
  /** The gaussian the rate follows, for reports (its sampled legs are in `load`). */
  shape?: LoadShape;
}

/** The open model's default cap on concurrent iterations is at least this. */
const MIN_DEFAULT_MAX_USERS = 10;

/**
 * Turns the load settings, merged from every layer, into the engine's {@link Load}, checking
 * every value and every rule between values, and throwing one {@link ConfigError} listing all
 * problems (one per line, each starting with the flag or field it is about).
 *
 * - Model: `users` is the closed model (the default, with 1 user); `rate`, stages written as
 *   rates (`10s:50/s`) or `shape: gaussian` are the open model. `users` with `rate` is an error.
 * - Level over time: at most one of `rampUp` (linear from 0 to the users or rate, then hold),
 *   `stages` (piecewise linear from 0) and `shape` (`gaussian`: `volume` iterations over
 *   `duration`, the rate a bell curve around `peak` with `stddev`; all four required);
 *   otherwise a constant level.
 * - Duration: `duration`, else the stages' total. With neither duration nor iterations the run
 *   is one iteration (as k6). `rampUp` and `peak` must fit in the duration.
 * - `maxUsers`, `jitter` and `distribution` only for the open model. `maxUsers` defaults to
 *   max(10, ceil(peak rate per second)).
 * - `uniqueUsers`: in the closed model, at least the (peak) number of users, since each user
 *   needs its own identity. In the open model an identity never runs two iterations at once,
 *   so `uniqueUsers` also caps concurrency: the effective `maxUsers` is
 *   min(maxUsers, uniqueUsers).
 */
export function resolveLoad(spec: SourcedSpec): ResolvedLoad {
  const { values, problems } = parseLoadValues(spec);
  const open = spec.rate !== undefined || spec.shape !== undefined || (spec.stages !== undefined && stagesLevel(spec.stages.value) === 'rate');
  problems.push(...ruleProblems(spec, values, open));
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));

  const durationMs = values.durationMs ?? (values.stages ? profileDurationMs({ start: 0, stages: values.stages.stages }) : null);
  const iterations = values.iterations ?? (durationMs === null ? 1 : null);
  const uniqueUsers = values.uniqueUsers ?? null;
  const profile = levelProfile(values, open, durationMs);
  if (!open) return { load: { model: 'closed', users: profile }, durationMs, iterations, uniqueUsers };

  let maxUsers = values.maxUsers ?? Math.max(MIN_DEFAULT_MAX_USERS, Math.ceil(peakTarget(profile) - 1e-9));
  if (uniqueUsers !== null) maxUsers = Math.min(maxUsers, uniqueUsers);
  const load: Load = {
    model: 'open',
    rate: profile,
    maxUsers,
    distribution: values.distribution ?? 'regular',
    jitter: values.jitter ?? 0,
  };
  const shape: LoadShape | undefined = values.shape === 'gaussian' ? { kind: 'gaussian', volume: values.volume!, peakMs: values.peakMs!, stddevMs: values.stddevMs! } : undefined;
  return { load, durationMs, iterations, uniqueUsers, ...(shape && { shape }) };
}

/** The users or rate over time, once every rule holds. */
function levelProfile(v: LoadValues, open: boolean, durationMs: number | null): LoadProfile {
  if (v.shape === 'gaussian') {
    return gaussianProfile({ volume: v.volume!, peakMs: v.peakMs!, stddevMs: v.stddevMs!, durationMs: durationMs! });
  }
  if (v.stages) return { start: 0, stages: v.stages.stages };
  const target = open ? v.rate! : (v.users ?? 1);
  const rampMs = v.rampUpMs ?? 0;
  if (rampMs <= 0) return constantProfile(target, durationMs);
  const hold = durationMs !== null && durationMs > rampMs ? [{ durationMs: durationMs - rampMs, target }] : [];
  return { start: 0, stages: [{ durationMs: rampMs, target }, ...hold] };
}

/** Every broken rule between settings, as messages. Settings that failed to parse are skipped. */
function ruleProblems(spec: SourcedSpec, v: LoadValues, open: boolean): string[] {
  const problems: string[] = [];
  const has = (key: LoadKey) => spec[key] !== undefined;
  const w = (key: LoadKey) => spec[key]!.what;
  // Another key, named the way `what` names its own: a flag for a flag, a field for a field.
  const like = (key: LoadKey, what: string) => (what.startsWith('--') ? flagName(key) : key);
  const together = (a: string, b: string, why: string) => problems.push(`${a} and ${b} cannot be used together: ${why}`);

  if (has('users') && has('rate')) together(w('users'), w('rate'), `${w('users')} is the closed model, ${w('rate')} the open model`);

  const shapers = (['rampUp', 'stages', 'shape'] as const).filter(has);
  if (shapers.length > 1) problems.push(`${list(shapers.map(w))} cannot be used together: each one sets how the level changes over time`);

  if (has('stages')) {
    const rates = stagesLevel(spec.stages!.value) === 'rate';
    if (has('users')) {
      together(w('users'), w('stages'), rates ? `${w('users')} is the closed model, stages written as rates the open model` : "the stages' targets are the number of users");
    }
    if (has('rate')) {
      together(w('rate'), w('stages'), rates ? "the stages' targets are the rate" : "the stages' targets are users; for the open model write them as rates, like 10s:50/s");
    }
    if (v.stages) {
      const stages = v.stages.stages;
      if (v.durationMs === undefined && profileDurationMs({ start: 0, stages }) <= 0) {
        problems.push(`${w('stages')}: the stages last 0s; expected at least one with a duration, like 30s:200`);
      }
      if (stages.every((s) => s.target <= 0)) problems.push(`${w('stages')}: every target is 0, so nothing would run`);
    }
  }

  if (v.shape === 'gaussian') {
    const shape = `${w('shape')} gaussian`;
    if (has('users')) together(w('users'), shape, 'the gaussian shape is the open model');
    if (has('rate')) together(w('rate'), shape, `the gaussian shape sets the rate from ${like('volume', w('shape'))}`);
    const missing = (['volume', 'peak', 'stddev', 'duration'] as const).filter((k) => !has(k));
    if (missing.length > 0) problems.push(`${shape} needs ${list(missing.map((k) => like(k, w('shape'))))}`);
    if (v.peakMs !== undefined && v.durationMs !== undefined && v.peakMs > v.durationMs) {
      problems.push(`${w('peak')} ${formatDuration(v.peakMs)} is past the end of ${w('duration')} ${formatDuration(v.durationMs)}`);
    }
  } else if (!has('shape')) {
    for (const key of ['volume', 'peak', 'stddev'] as const) {
      if (has(key)) problems.push(`${w(key)}: only with ${like('shape', w(key))} gaussian`);
    }
  }

  if (v.rampUpMs !== undefined && v.durationMs !== undefined && v.rampUpMs > v.durationMs) {
    problems.push(`${w('rampUp')} ${formatDuration(v.rampUpMs)} is longer than ${w('duration')} ${formatDuration(v.durationMs)}`);
  }

  if (!open) {
    for (const key of ['maxUsers', 'jitter', 'distribution'] as const) {
      if (!has(key)) continue;
      const what = w(key);
      problems.push(`${what}: only for the open model (${like('rate', what)}, stages written as rates like 10s:50/s, or ${like('shape', what)} gaussian)`);
    }
    if (v.uniqueUsers !== undefined) {
      const fewer = (than: string) => problems.push(`${w('uniqueUsers')} ${v.uniqueUsers} is fewer than ${than}: each user needs its own identity`);
      if (v.users !== undefined && v.uniqueUsers < v.users) fewer(`${w('users')} ${v.users}`);
      else if (!has('users') && v.stages) {
        const peak = peakTarget({ start: 0, stages: v.stages.stages });
        if (v.uniqueUsers < peak) fewer(`the ${peak} users ${w('stages')} reaches`);
      }
    }
  }
  return problems;
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
