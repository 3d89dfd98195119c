/**
 * A load level over time: users (closed model) or iterations started per second (open model).
 * Plain data, so it can be planned, charted and written into the results.
 */

/** One leg: move linearly from the previous level to `target` over `durationMs` (0 = a step). */
export interface Stage {
  durationMs: number;
  target: number;
}

/** A piecewise-linear level starting at `start`; after the last stage the last target holds. */
export interface LoadProfile {
  start: number;
  stages: Stage[];
}

/** The same level for `durationMs` (or for ever, when null). */
export function constantProfile(target: number, durationMs: number | null): LoadProfile {
  return { start: target, stages: durationMs === null ? [] : [{ durationMs, target }] };
}

/** Total length of the stages, in milliseconds. */
export function profileDurationMs(profile: LoadProfile): number {
  let total = 0;
  for (const stage of profile.stages) total += stage.durationMs;
  return total;
}

/** The highest level the profile reaches. */
export function peakTarget(profile: LoadProfile): number {
  let peak = profile.start;
  for (const stage of profile.stages) if (stage.target > peak) peak = stage.target;
  return peak;
}

/** The level at `tMs` after the profile's start. */
export function targetAt(profile: LoadProfile, tMs: number): number {
  let from = profile.start;
  let at = 0;
  for (const stage of profile.stages) {
    const end = at + stage.durationMs;
    if (tMs < end) return from + ((stage.target - from) * (tMs - at)) / stage.durationMs;
    from = stage.target;
    at = end;
  }
  return from;
}

/**
 * The integral of the level between two times, in level × seconds: for a rate profile, the
 * number of iterations it plans in that window. Exact for the piecewise-linear shape.
 */
export function integrate(profile: LoadProfile, fromMs: number, toMs: number): number {
  if (toMs <= fromMs) return 0;
  let total = 0;
  let level = profile.start;
  let at = 0;
  for (const stage of profile.stages) {
    const end = at + stage.durationMs;
    const a = Math.max(fromMs, at);
    const b = Math.min(toMs, end);
    if (b > a && stage.durationMs > 0) {
      const slope = (stage.target - level) / stage.durationMs;
      const va = level + slope * (a - at);
      const vb = level + slope * (b - at);
      total += ((va + vb) / 2) * ((b - a) / 1000);
    }
    level = stage.target;
    at = end;
    if (at >= toMs) return total;
  }
  // Past the last stage the last level holds.
  const a = Math.max(fromMs, at);
  if (toMs > a) total += level * ((toMs - a) / 1000);
  return total;
}

/**
 * The profile preceded by `warmupMs` at a constant level: the executors follow one timeline
 * and the engine switches recorders when the warm-up ends.
 */
export function withWarmup(profile: LoadProfile, warmupMs: number, level: number): LoadProfile {
  if (warmupMs <= 0) return profile;
  return { start: level, stages: [{ durationMs: warmupMs, target: level }, { durationMs: 0, target: profile.start }, ...profile.stages] };
}

/**
 * The profile starting `delayMs` later, at level 0 until then (a workflow's `startTime`): the
 * executors of all workflows share one timeline.
 */
export function delayed(profile: LoadProfile, delayMs: number): LoadProfile {
  if (delayMs <= 0) return profile;
  return { start: 0, stages: [{ durationMs: delayMs, target: 0 }, { durationMs: 0, target: profile.start }, ...profile.stages] };
}
