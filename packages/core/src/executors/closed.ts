import type { ClosedLoad } from '../contracts/run-plan.js';
import { peakTarget, targetAt, type LoadProfile } from '../profile.js';
import type { ExecutorTiming, IterationSource, LoadProblem } from './executor.js';
import { waitUntil } from './wait-until.js';
import { now } from '../clock.js';

/** Every problem with a closed-model load, not just the first. */
export function validateClosed(load: ClosedLoad): LoadProblem[] {
  const problems: LoadProblem[] = [];
  const { users } = load;
  if (!Number.isInteger(users.start) || users.start < 0) problems.push({ field: 'users', message: `expected a whole number of users >= 0 at the start, got ${users.start}` });
  users.stages.forEach((stage, i) => {
    if (!Number.isInteger(stage.target) || stage.target < 0) problems.push({ field: `stages[${i}].target`, message: `expected a whole number of users >= 0, got ${stage.target}` });
    if (!(stage.durationMs >= 0)) problems.push({ field: `stages[${i}].duration`, message: `expected a duration >= 0, got ${stage.durationMs}` });
  });
  if (peakTarget(users) < 1) problems.push({ field: 'users', message: 'expected at least 1 user at some point' });
  return problems;
}

/** The most users a closed load ever runs at once: the size of the executor's slots. */
export function closedConcurrency(load: ClosedLoad): number {
  return peakTarget(load.users);
}

/** How often a varying user count is re-read. */
const TICK_MS = 100;
/** Iterations a user runs before yielding to timers and I/O, in case they never await I/O. */
const YIELD_EVERY = 64;

/**
 * Closed model: one loop per user, each starting its next iteration as soon as its last one
 * ends. The number of users follows the profile: new users join as it rises; as it falls, the
 * users above the target leave after their current iteration. Resolves when every loop ended,
 * after the source went inactive (stop, or the iteration budget spent).
 */
export async function runClosed(load: ClosedLoad, source: IterationSource, timing: ExecutorTiming): Promise<void> {
  const profile = load.users;
  const loops = new Map<number, Promise<void>>();
  let target = Math.round(targetAt(profile, now() - timing.t0));
  const spawn = (): void => {
    for (let slot = 0; slot < target; slot++) {
      if (loops.has(slot)) continue;
      loops.set(
        slot,
        userLoop(slot, source, () => slot < target).finally(() => loops.delete(slot)),
      );
    }
  };
  spawn();
  if (!isConstant(profile)) {
    // Re-read the target on a tick: users join and leave as the profile moves.
    for (let tick = 1; source.active(); tick++) {
      if (!(await waitUntil(timing.t0 + tick * TICK_MS, timing.stopSignal))) break;
      target = Math.round(targetAt(profile, now() - timing.t0));
      spawn();
    }
  }
  while (loops.size > 0) await Promise.all(loops.values());
}

function isConstant(profile: LoadProfile): boolean {
  return profile.stages.every((stage) => stage.target === profile.start);
}

/**
 * One user's loop: its next iteration starts as soon as the last one ends. Callbacks bound once
 * rather than an async function, which would cost a frame resumed per iteration.
 */
function userLoop(slot: number, source: IterationSource, wanted: () => boolean): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let sinceYield = 0;
    const next = (): void => {
      if (!(wanted() && source.tryStart())) return resolve();
      // No intended start: a closed-model iteration starts when it starts.
      source.runIteration(slot, undefined, ended);
    };
    const ended = (error?: unknown): void => {
      if (error !== undefined) return reject(error);
      if (++sinceYield < YIELD_EVERY) return next();
      sinceYield = 0;
      setImmediate(next);
    };
    next();
  });
}
