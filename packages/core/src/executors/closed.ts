import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ClosedLoad } from '../contracts/run-plan.js';
import type { IterationSource, LoadProblem } from './executor.js';

/** Every problem with a closed-model load, not just the first. */
export function validateClosed(load: ClosedLoad): LoadProblem[] {
  const problems: LoadProblem[] = [];
  if (!Number.isInteger(load.users) || load.users < 1) {
    problems.push({ field: 'users', message: `expected a whole number of users >= 1, got ${load.users}` });
  }
  return problems;
}

/**
 * Closed model: `users` loops in parallel, each starting its next iteration as soon as its last
 * one ends, until the source refuses a start. Resolves when every loop has ended.
 */
export async function runClosed(load: ClosedLoad, source: IterationSource): Promise<void> {
  const loops: Promise<void>[] = [];
  for (let user = 0; user < load.users; user++) loops.push(userLoop(user, source));
  await Promise.all(loops);
}

/** Iterations a user runs before yielding to timers and I/O, in case they never await I/O. */
const YIELD_EVERY = 64;

async function userLoop(user: number, source: IterationSource): Promise<void> {
  let sinceYield = 0;
  while (source.tryStart()) {
    await source.runIteration(user);
    if (++sinceYield === YIELD_EVERY) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
}
