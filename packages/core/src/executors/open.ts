import type { OpenLoad } from '../contracts/run-plan.js';
import type { ExecutorTiming, IterationSource, LoadProblem } from './executor.js';
import { OpenDispatcher, SLOT_MS, type PlaceStarts, type ScheduleEnd } from './open-dispatcher.js';
import { ownsItem, type Segment } from '../load-share.js';

export { SLOT_MS, type ScheduleEnd } from './open-dispatcher.js';

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
 * over), spread within the slot; a timer wakes at each start's intended time (several starts per
 * wake at high rates) and every start is measured from its intended time. A start that finds
 * `maxUsers` iterations running is dropped and counted, never delayed. `scheduled` settles when
 * no start is due any more (the timeline reached `endMs`, the run stopped or the budget is
 * spent); `done` when, besides, the running iterations ended.
 */
export function startOpen(
  load: OpenLoad,
  source: IterationSource,
  timing: ExecutorTiming,
  random: () => number = Math.random,
  segment?: Segment,
): { scheduled: Promise<ScheduleEnd>; done: Promise<void> } {
  const place: PlaceStarts = (count, out) => placeStarts(count, load, random, out);
  const dispatcher = new OpenDispatcher(load, source, timing, segment && segment.count > 1 ? interleaved(place, segment) : place);
  dispatcher.start();
  return { scheduled: dispatcher.scheduled, done: dispatcher.done };
}

/**
 * A segment's placement (`--segment`, `--workers`): the whole schedule's starts of each slot,
 * placed as one thread would, of which it keeps those dealt to it (start j of the whole schedule
 * when j mod count = index). Given the same `random` sequence, the segments' starts together
 * are the one-thread schedule's, start for start. Runs once per slot, not per start.
 */
export function interleaved(place: PlaceStarts, segment: Segment): PlaceStarts {
  let all = new Float64Array(64);
  let seen = 0;
  return (count, out) => {
    if (count > all.length) all = new Float64Array(count * 2);
    const placed = place(count, all);
    let kept = 0;
    for (let j = 0; j < placed; j++) if (ownsItem(seen + j, segment)) out[kept++] = all[j]!;
    seen += placed;
    return kept;
  };
}

/** {@link startOpen}, resolving when the schedule and its iterations ended. */
export function runOpen(load: OpenLoad, source: IterationSource, timing: ExecutorTiming, random: () => number = Math.random, segment?: Segment): Promise<void> {
  return startOpen(load, source, timing, random, segment).done;
}
