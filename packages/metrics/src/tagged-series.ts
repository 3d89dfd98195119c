import { createLatencyHistogram } from './histogram.js';
import type { LiveTagged, LiveStats } from '@go-heavy/core';
import { formatTags } from '@go-heavy/core';
import { LevelCounter } from './level-counter.js';
import type { RequestHandle } from './request-handle.js';
import { StatusCounter } from './status-counter.js';
import type { WorkflowHandle } from './workflow-handle.js';

/** The stats of one level, complete or live (see snapshot.ts). */
type LevelStats = (name: string, level: LevelCounter, status: StatusCounter, durationMs: number) => LiveStats;

/** The requests of one tag added up. */
interface TagSum {
  key: string;
  value: string;
  level: LevelCounter;
  status: StatusCounter;
}

/**
 * `{ tagged }` to spread into a result: the tagged requests of `workflows` added up per tag
 * (key=value), in the order first seen, or `{}` when none had tags. Built at snapshot time from
 * the request handles (histograms added), so recording a tagged request costs nothing more.
 */
export function taggedField(workflows: readonly WorkflowHandle[], durationMs: number, stats: LevelStats): { tagged?: LiveTagged[] } {
  const sums = new Map<string, TagSum>();
  for (const wf of workflows) {
    for (const step of wf.steps.values()) for (const req of step.requests) if (req.tags !== undefined && req.level.runs > 0) addRequest(sums, req);
  }
  if (sums.size === 0) return {};
  return {
    tagged: [...sums.values()].map((s) => {
      const tags = { [s.key]: s.value };
      return { ...stats(formatTags(tags), s.level, s.status, durationMs), tags };
    }),
  };
}

function addRequest(sums: Map<string, TagSum>, req: RequestHandle): void {
  for (const key in req.tags) {
    const value = req.tags[key]!;
    const id = `${key}=${value}`;
    let sum = sums.get(id);
    if (sum === undefined) {
      sum = { key, value, level: new LevelCounter(), status: new StatusCounter() };
      sums.set(id, sum);
    }
    const from = req.level;
    sum.level.okHistogram.add(from.okHistogram);
    if (from.failedHistogram !== null) (sum.level.failedHistogram ??= createLatencyHistogram()).add(from.failedHistogram);
    sum.level.runs += from.runs;
    sum.level.succeeded += from.succeeded;
    sum.level.failed += from.failed;
    sum.level.okSumUs += from.okSumUs;
    sum.level.failedSumUs += from.failedSumUs;
    req.status.addInto(sum.status);
  }
}
