import { peakTarget, type Load, type LoadProfile } from '@go-heavy/core';

/**
 * Splitting the service's load across its workflows by weight (`--mix browse=9,write=1`).
 * Whole numbers (users, max users, unique users, iterations) are split by largest remainder, so
 * the shares add up to the total exactly; rates are split as they are (9/s and 1/s need no
 * rounding). A workflow with a positive weight is never rounded away: it gets at least its
 * minimum (1 user, 1 iteration) and the others share the rest; when the total is smaller than
 * the minimums add up to, each gets its minimum and the total is raised.
 */

/**
 * `total` split by `weights` (each > 0) into whole numbers: each share at least `min[i]`
 * (default 0), the shares adding up to `total` whenever it is at least the sum of the minimums.
 * A share whose quota is below its minimum gets the minimum; the others share what is left by
 * largest remainder (ties to the larger weight, then the earlier), so a larger weight never gets
 * less than a smaller one.
 */
export function splitCount(total: number, weights: readonly number[], min: readonly number[] = []): number[] {
  const floorOf = (i: number): number => min[i] ?? 0;
  const shares: number[] = weights.map((_, i) => floorOf(i));
  let rest = weights.map((_, i) => i);
  // Fixing shares at their minimum raises the others' quotas: repeat until none falls below its own.
  for (let round = 0; round <= weights.length && rest.length > 0; round++) {
    const left = total - sumOf(weights.map((_, i) => (rest.includes(i) ? 0 : shares[i]!)));
    if (left <= sumOf(rest.map(floorOf))) return shares;
    const weight = sumOf(rest.map((i) => weights[i]!));
    const quota = (i: number): number => (left * weights[i]!) / weight;
    const below = rest.filter((i) => quota(i) < floorOf(i));
    if (below.length > 0) {
      rest = rest.filter((i) => !below.includes(i));
      continue;
    }
    for (const i of rest) shares[i] = Math.floor(quota(i) + 1e-9);
    const remainder = (i: number): number => quota(i) - shares[i]!;
    const order = [...rest].sort((a, b) => remainder(b) - remainder(a) || weights[b]! - weights[a]! || a - b);
    for (let k = 0, n = left - sumOf(rest.map((i) => shares[i]!)); n > 0; k = (k + 1) % order.length, n--) shares[order[k]!]!++;
    return shares;
  }
  return shares;
}

function sumOf(xs: readonly number[]): number {
  let total = 0;
  for (const x of xs) total += x;
  return total;
}

/** A rate split by `weights`: exact fractions, no rounding. */
export function splitRate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  return weights.map((w) => (total * w) / sum);
}

/**
 * A profile split by `weights`, each share following its part of every level. Users are split
 * at every point of the profile (at least 1 each where the total allows it); a share that would
 * never reach 1 user gets 1 wherever the total is above 0. Rates are scaled.
 */
export function splitProfile(profile: LoadProfile, weights: readonly number[], level: 'users' | 'rate'): LoadProfile[] {
  const points = [profile.start, ...profile.stages.map((s) => s.target)];
  const split =
    level === 'rate'
      ? points.map((p) => splitRate(p, weights))
      : points.map((p) =>
          splitCount(
            p,
            weights,
            weights.map(() => (p >= weights.length ? 1 : 0)),
          ),
        );
  return weights.map((_, i) => {
    let values = split.map((shares) => shares[i]!);
    if (level === 'users' && values.every((v) => v === 0)) values = points.map((p) => (p > 0 ? 1 : 0));
    return { start: values[0]!, stages: profile.stages.map((s, k) => ({ durationMs: s.durationMs, target: values[k + 1]! })) };
  });
}

/** One workflow's share of the service's load. */
export interface LoadShare {
  load: Load;
  iterations: number | null;
  uniqueUsers: number | null;
}

/** Which of the service's settings were given, rather than defaults that hold per workflow. */
export interface SplitOptions {
  /** `maxUsers` was set: split it. Otherwise each share's default is max(10, its peak rate). */
  maxUsers: boolean;
  /** `iterations` was set: split it. Otherwise (a smoke run's 1, or none) each share keeps it. */
  iterations: boolean;
}

/** The open model's default cap on concurrent iterations is at least this (as in resolve-load). */
const MIN_DEFAULT_MAX_USERS = 10;

/**
 * The service's load split by `weights` (each > 0): users or rate at every point of the
 * profile, max users, unique users and the iteration budget.
 */
export function splitLoad(whole: LoadShare, weights: readonly number[], given: SplitOptions): LoadShare[] {
  const ones = weights.map(() => 1);
  const { load } = whole;
  const iterations = whole.iterations !== null && given.iterations ? splitCount(whole.iterations, weights, ones) : weights.map(() => whole.iterations);
  if (load.model === 'closed') {
    const users = splitProfile(load.users, weights, 'users');
    // Each identity runs one iteration at a time: every share needs at least its peak users.
    const unique = whole.uniqueUsers === null ? null : splitCount(whole.uniqueUsers, weights, users.map(peakTarget));
    return weights.map((_, i) => ({ load: { model: 'closed', users: users[i]! }, iterations: iterations[i]!, uniqueUsers: unique?.[i] ?? null }));
  }
  const rates = splitProfile(load.rate, weights, 'rate');
  const unique = whole.uniqueUsers === null ? null : splitCount(whole.uniqueUsers, weights, ones);
  const caps = given.maxUsers ? splitCount(load.maxUsers, weights, ones) : rates.map((r) => Math.max(MIN_DEFAULT_MAX_USERS, Math.ceil(peakTarget(r) - 1e-9)));
  return weights.map((_, i) => ({
    load: { ...load, rate: rates[i]!, maxUsers: unique === null ? caps[i]! : Math.min(caps[i]!, unique[i]!) },
    iterations: iterations[i]!,
    uniqueUsers: unique?.[i] ?? null,
  }));
}
