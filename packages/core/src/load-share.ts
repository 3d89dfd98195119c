/**
 * Exact shares of a load for execution segments (`--segment i/N`) and worker threads
 * (`--workers N`): every count is split so that the shares add up to what was asked, and the
 * open model's starts are dealt out in turn so that the segments' schedules together are the
 * one-thread schedule. Pure functions of plain data.
 */
import type { Load, RunPlan, WorkflowLoad } from './contracts/run-plan.js';
import type { LoadProfile } from './profile.js';
import { peakTarget } from './profile.js';

/**
 * Share `index` (0-based, as Kubernetes' JOB_COMPLETION_INDEX) of `count` equal shares of a test.
 * Item `j` (0-based: a user, a unique user identity, an iteration of the budget, a start of the
 * open schedule) belongs to the segment whose `index` is `j mod count`, so a segment's share of
 * `n` is `ceil((n - index) / count)`: 10 over 3 is 4 + 3 + 3.
 */
export interface Segment {
  index: number;
  count: number;
}

/** Raised when a load cannot be split into `count` shares that each can run (one line per problem). */
export class LoadShareError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'LoadShareError';
  }
}

/** Every problem with a segment: whole numbers, 0 <= index < count. */
export function segmentProblem(segment: Segment): string | null {
  const { index, count } = segment;
  if (!Number.isInteger(count) || count < 1) return `expected a whole number of segments >= 1, got ${count}`;
  if (!Number.isInteger(index) || index < 0 || index >= count) return `expected a segment from 0 to ${count - 1}, got ${index}`;
  return null;
}

/**
 * The segment's share of `n` whole items, dealt out in turn: the shares of the `count` segments
 * add up to `n` exactly and differ by at most one, the lower indexes taking the extra ones.
 */
export function shareOf(n: number, segment: Segment): number {
  const i = segment.index;
  return n > i ? Math.floor((n - i - 1) / segment.count) + 1 : 0;
}

/** Whether start (or item) `j`, 0-based, of the whole schedule is this segment's. */
export function ownsItem(j: number, segment: Segment): boolean {
  return j % segment.count === segment.index;
}

/** A profile of whole numbers (users) with every level replaced by the segment's share of it. */
export function shareProfile(profile: LoadProfile, segment: Segment): LoadProfile {
  return { start: shareOf(profile.start, segment), stages: profile.stages.map((s) => ({ durationMs: s.durationMs, target: shareOf(s.target, segment) })) };
}

/** A nullable count's share; null (no limit) stays null. */
function shareCount(n: number | null, segment: Segment): number | null {
  return n === null ? null : shareOf(n, segment);
}

/**
 * One workflow's share of its load, or null when the segment has nothing of it to run (fewer
 * users or iterations than segments). The open model keeps its whole rate: the executor plans the
 * whole schedule and starts only the segment's starts ({@link ownsItem}), so that the segments'
 * starts interleave exactly; its `maxUsers` is shared. Problems (a share of the open model's
 * `maxUsers`, of the unique users, or of the closed model's users while the segment has
 * iterations of the budget, that is 0) go to `problems`.
 */
export function shareWorkflowLoad(name: string, wl: WorkflowLoad, segment: Segment, problems: string[]): WorkflowLoad | null {
  if (segment.count === 1) return wl;
  const iterations = shareCount(wl.iterations, segment);
  if (iterations === 0) return null;
  const uniqueUsers = shareCount(wl.uniqueUsers, segment);
  const load = shareLoad(wl.load, segment);
  if (load.model === 'closed') {
    if (peakTarget(load.users) < 1) {
      // No user to run the segment's share of an iteration budget: those iterations would be lost.
      if (iterations === null) return null;
      problems.push(
        `${name}: users ${peakTarget(wl.load.model === 'closed' ? wl.load.users : load.users)} cannot be shared by ${segment.count} segments while its ${wl.iterations} iterations are (at least 1 user each)`,
      );
    }
  } else if (load.maxUsers < 1) {
    problems.push(`${name}: max-users ${wl.load.model === 'open' ? wl.load.maxUsers : 0} cannot be shared by ${segment.count} segments (at least 1 each)`);
  }
  if (uniqueUsers === 0) problems.push(`${name}: unique-users ${wl.uniqueUsers} cannot be shared by ${segment.count} segments (at least 1 each)`);
  return { ...wl, load, iterations, uniqueUsers };
}

/** The load with its whole numbers shared: closed users, open `maxUsers` (the rate stays whole, see above). */
export function shareLoad(load: Load, segment: Segment): Load {
  if (load.model === 'closed') return { model: 'closed', users: shareProfile(load.users, segment) };
  return { ...load, maxUsers: shareOf(load.maxUsers, segment) };
}

/**
 * The loads each workflow of `plan` runs in `segment`, in plan order: null for a workflow the
 * segment has no share of. `workflowLoad` gives a workflow's whole load (the engine's
 * `workflowLoadOf`). Throws {@link LoadShareError} listing every workflow that cannot be shared.
 */
export function segmentLoads(plan: RunPlan, segment: Segment, workflowLoad: (i: number) => WorkflowLoad): Array<WorkflowLoad | null> {
  const problem = segmentProblem(segment);
  if (problem !== null) throw new LoadShareError([problem]);
  const problems: string[] = [];
  const loads = plan.workflows.map((wf, i) => shareWorkflowLoad(wf.name, workflowLoad(i), segment, problems));
  if (problems.length > 0) throw new LoadShareError(problems);
  return loads;
}
