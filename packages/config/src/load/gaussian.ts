import type { LoadProfile, Stage } from '@go-heavy/core';

/** Inputs of {@link gaussianProfile}, all times in milliseconds. */
export interface GaussianShape {
  /** Iterations to start over the whole duration (> 0). */
  volume: number;
  /** When the rate is highest, within [0, durationMs]. */
  peakMs: number;
  /** Standard deviation of the bell curve (> 0). */
  stddevMs: number;
  /** Length of the run (> 0). */
  durationMs: number;
}

const MAX_LEG_MS = 1000;
const MIN_LEGS = 20;
const MAX_LEGS = 10_000;

/**
 * An open-model rate profile (iterations per second) shaped as a bell curve around `peakMs`,
 * truncated to [0, durationMs] and scaled so that it plans exactly `volume` iterations:
 * `integrate(profile, 0, durationMs)` equals `volume` up to rounding.
 *
 * The curve is sampled into linear legs of 1 s, shorter for short runs (at least 20 legs) and
 * for narrow curves (a quarter of `stddevMs`), never more than 10 000 legs; the peak is always
 * a breakpoint, so the profile's highest level sits exactly at `peakMs`. After `durationMs` the
 * last level would hold, as for every profile; the run ends there.
 *
 * Throws a RangeError for inputs outside the ranges above (the config layer checks them first).
 */
export function gaussianProfile(shape: GaussianShape): LoadProfile {
  const { volume, peakMs, stddevMs, durationMs } = shape;
  if (!(volume > 0) || !(stddevMs > 0) || !(durationMs > 0) || !(peakMs >= 0 && peakMs <= durationMs)) {
    throw new RangeError(`gaussianProfile: invalid shape ${JSON.stringify(shape)}`);
  }
  const legMs = Math.max(Math.min(MAX_LEG_MS, durationMs / MIN_LEGS, stddevMs / 4), durationMs / MAX_LEGS);
  const times = breakpoints(durationMs, legMs, peakMs);
  const bell = (t: number) => Math.exp(-0.5 * ((t - peakMs) / stddevMs) ** 2);
  const levels = times.map(bell);

  // Area of the sampled curve, in level × seconds; scaling by volume / area renormalises the
  // truncated curve so the profile plans exactly `volume` iterations.
  let area = 0;
  for (let i = 1; i < times.length; i++) area += ((levels[i - 1]! + levels[i]!) / 2) * ((times[i]! - times[i - 1]!) / 1000);
  const scale = volume / area;

  const stages: Stage[] = [];
  for (let i = 1; i < times.length; i++) stages.push({ durationMs: times[i]! - times[i - 1]!, target: levels[i]! * scale });
  return { start: levels[0]! * scale, stages };
}

/** 0, legMs, 2·legMs, … up to durationMs, plus `peakMs` unless a breakpoint is within 1 µs of it. */
function breakpoints(durationMs: number, legMs: number, peakMs: number): number[] {
  const count = Math.ceil(durationMs / legMs - 1e-9);
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(i * legMs);
  times.push(durationMs);
  const at = times.findIndex((t) => t >= peakMs - 1e-3);
  if (Math.abs(times[at]! - peakMs) >= 1e-3) times.splice(at, 0, peakMs);
  return times;
}
