import type { OpenLoad } from '../contracts/run-plan.js';
import { integrate } from '../profile.js';
import type { ExecutorTiming, IterationSource, LoadProblem } from './executor.js';
import { waitUntil } from './wait-until.js';

/** Starts are planned per slot of this length, as f1 does, then spread within it. */
export const SLOT_MS = 100;

/** Every problem with an open-model load, not just the first. */
export function validateOpen(load: OpenLoad): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const { rate } = load;
  if (!(rate.start >= 0) || !Number.isFinite(rate.start)) problems.push({ field: 'rate', message: `expected a rate >= 0, got ${rate.start}` });
  rate.stages.forEach((stage, i) => {
    if (!(stage.target >= 0) || !Number.isFinite(stage.target)) problems.push({ field: `stages[${i}].target`, message: `expected a rate >= 0, got ${stage.target}` });
    if (!(stage.durationMs >= 0)) problems.push({ field: `stages[${i}].duration`, message: `expected a duration >= 0, got ${stage.durationMs}` });
  });
  if (!Number.isInteger(load.maxUsers) || load.maxUsers < 1) problems.push({ field: 'max-users', message: `expected a whole number >= 1, got ${load.maxUsers}` });
  if (!(load.jitter >= 0 && load.jitter <= 1)) problems.push({ field: 'jitter', message: `expected a fraction from 0 to 1, got ${load.jitter}` });
  if (load.distribution !== 'regular' && load.distribution !== 'random') problems.push({ field: 'distribution', message: `expected regular or random, got ${String(load.distribution)}` });
  return problems;
}

/**
 * The intended start times of one slot, sorted, in ms after the slot's start: `count` starts
 * evenly spaced (`regular`) or uniformly placed (`random`), each moved by up to `jitter` of the
 * spacing. Written into `out` (reused across slots), returns how many.
 */
export function placeStarts(count: number, load: Pick<OpenLoad, 'distribution' | 'jitter'>, random: () => number, out: Float64Array): number {
  const spacing = SLOT_MS / count;
  for (let i = 0; i < count; i++) {
    let at = load.distribution === 'random' ? random() * SLOT_MS : i * spacing;
    if (load.jitter > 0) at += (random() * 2 - 1) * load.jitter * spacing;
    out[i] = Math.min(Math.max(at, 0), SLOT_MS - 1e-6);
  }
  if (load.distribution === 'random' || load.jitter > 0) out.subarray(0, count).sort();
  return count;
}

/**
 * Open model: iterations start on a schedule that follows the rate profile, whatever their
 * duration. Each slot of 100 ms plans the iterations the profile integrates to (fractions carry
 * over), spread within the slot; each start is dispatched at its intended time and measured
 * from it. A start that finds `maxUsers` iterations running is dropped and counted, never
 * delayed. Resolves when the source went inactive and the running iterations ended.
 */
export async function runOpen(load: OpenLoad, source: IterationSource, timing: ExecutorTiming, random: () => number = Math.random): Promise<void> {
  const free: number[] = [];
  for (let slot = load.maxUsers - 1; slot >= 0; slot--) free.push(slot);
  let running = 0;
  let drained: (() => void) | undefined;
  const finish = (slot: number): void => {
    free.push(slot);
    if (--running === 0) drained?.();
  };

  let starts = new Float64Array(64);
  let carry = 0;
  schedule: for (let k = 0; source.active() && k * SLOT_MS < timing.endMs; k++) {
    const planned = integrate(load.rate, k * SLOT_MS, (k + 1) * SLOT_MS) + carry;
    const count = Math.floor(planned + 1e-9);
    carry = planned - count;
    if (count === 0) {
      if (!(await waitUntil(timing.t0 + (k + 1) * SLOT_MS, timing.stopSignal))) break;
      continue;
    }
    if (count > starts.length) starts = new Float64Array(count * 2);
    placeStarts(count, load, random, starts);
    const slotStart = timing.t0 + k * SLOT_MS;
    for (let i = 0; i < count; i++) {
      const intended = slotStart + starts[i]!;
      if (intended - timing.t0 >= timing.endMs) break schedule;
      if (intended > performance.now() && !(await waitUntil(intended, timing.stopSignal))) break schedule;
      if (free.length === 0) {
        if (!source.active()) break schedule;
        source.dropped();
        continue;
      }
      if (!source.tryStart()) break schedule;
      const slot = free.pop()!;
      running++;
      void source.runIteration(slot, intended).then(() => finish(slot));
    }
  }
  if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
}
