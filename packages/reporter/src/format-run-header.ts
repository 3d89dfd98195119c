import { notificationsText } from './format-notifications.js';
import type { RunResult, WorkflowResult } from '@go-heavy/core';
import { describeLoad } from './describe-load.js';
import type { ResolvedFormat } from './format-options.js';
import { formatDuration } from './format-duration.js';
import { formatCount } from './format-number.js';
import { labelledLine, wrapWords } from './format-flow.js';
import { workflowLoadLines } from './format-workflow-loads.js';
import { clipLine } from './text-width.js';

export { formatLoad } from './describe-load.js';

/** How late starts were against their schedule: "p50 0.1 ms, p99 1.2 ms, max 3.4 ms over 5000 starts". */
export function formatSchedulerLag(scheduler: NonNullable<RunResult['scheduler']>): string {
  const { lagMs } = scheduler;
  return `p50 ${formatDuration(lagMs.p50)}, p99 ${formatDuration(lagMs.p99)}, max ${formatDuration(lagMs.max)} over ${formatCount(scheduler.starts)} starts`;
}

/** The warm-up in one line: "warm-up 2.0 s: 1234 iterations, 3702 requests, not in the statistics". */
export function formatWarmup(warmup: NonNullable<RunResult['warmup']>): string {
  return `warm-up ${(warmup.durationMs / 1000).toFixed(1)} s: ${formatCount(warmup.iterations)} iterations, ` + `${formatCount(warmup.requests)} requests, not in the statistics`;
}

/** "3 sent again on a fresh connection": what the retries count means, for the reports. */
export function retriesText(retries: number): string {
  return `${formatCount(retries)} sent again on a fresh connection`;
}

/**
 * The run's header: title, interrupted banner, test id, run time, load, workflow runs,
 * requests, retries (when any), dropped iterations (and a warning when any were dropped),
 * notifications (when a source was started), warm-up. Returns lines.
 */
export function formatRunHeader(result: RunResult, title: string, format: ResolvedFormat): string[] {
  const { palette: p, width } = format;
  const s = result.summary;
  const lines = [p.bold(title)];
  if (s.interrupted) {
    const banner = 'INTERRUPTED: the run was stopped before its end; figures cover the time until then';
    lines.push(...wrapWords(banner, width, 0, (l) => p.bold(p.red(l))));
  }
  const failed = s.workflowsFailed > 0 ? p.red(formatCount(s.workflowsFailed)) : formatCount(s.workflowsFailed);
  const interrupted = s.workflowsInterrupted > 0 ? p.yellow(formatCount(s.workflowsInterrupted)) : formatCount(s.workflowsInterrupted);
  const rows = [
    ['Test ID', result.testId],
    ['Run time', formatDuration(result.durationMs)],
    ['Load', describeLoad(result.load)],
    // What each workflow got of it, and the total.
    ...workflowLoadLines(result.load).map((line) => ['', line]),
    ['Workflow runs', `${p.green(formatCount(s.workflowsSucceeded))} succeeded, ${failed} failed, ${interrupted} interrupted`],
    ['Requests', formatCount(s.requests)],
  ];
  // Only when some happened: most runs have none, and older results files have no count.
  if ((s.retries ?? 0) > 0) rows.push(['Retries', retriesText(s.retries!)]);
  rows.push(['Dropped iterations', s.droppedIterations > 0 ? p.yellow(formatCount(s.droppedIterations)) : formatCount(s.droppedIterations)]);
  if (result.scheduler) rows.push(['Scheduler lag', formatSchedulerLag(result.scheduler)]);
  // Only for runs that started a notification source (ctx.notifications).
  if (result.notifications) rows.push(['Notifications', notificationsText(result.notifications)]);
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  for (const [label, value] of rows) lines.push(...labelledLine(p.dim(label), value, { labelWidth, width }));
  if (s.droppedIterations > 0) {
    lines.push(...wrapWords(`${formatCount(s.droppedIterations)} iterations dropped: raise --max-users`, width, 2, p.yellow));
  }
  for (const c of result.crashedWorkers ?? []) {
    const lost = `${formatCount(c.lostIterations)} iteration${c.lostIterations === 1 ? '' : 's'}`;
    lines.push(...wrapWords(`worker ${c.worker} of ${c.of} crashed: ${c.message}; ${lost} of its share counted as failed`, width, 2, p.red));
  }
  if (result.warmup) lines.push(...wrapWords(formatWarmup(result.warmup), width, 2, p.dim));
  return lines.map((l) => clipLine(l, width));
}

/** Iterations a crashed worker took with it, counted as failed but not among the runs: said beside them. */
export function lostText(wf: WorkflowResult, p: ResolvedFormat['palette']): string {
  return (wf.lostToCrash ?? 0) > 0 ? `; ${p.red(formatCount(wf.lostToCrash!))} more lost with a crashed worker (failed)` : '';
}
