import type {
  CheckResult,
  CustomMetricResult,
  LatencyStats,
  NotificationsResult,
  RequestResult,
  RunResult,
  SchedulerStats,
  Stats,
  StatusClasses,
  StepResult,
  TaggedResult,
  TimelinePoint,
  WarmupSummary,
  WorkflowResult,
} from '@go-heavy/core';
import { latencyBuckets } from './buckets.js';
import { metricResults } from './custom-metric-results.js';
import { decimalsOf, TrendSeries } from './custom-metric.js';
import { MAX_FAILURE_REASONS, OTHER_REASON } from './failure-reasons.js';
import { createLatencyHistogram, decodeHistogram, encodeHistogram, US_PER_MS } from './histogram.js';
import { latencyStats } from './stats.js';

/**
 * Merges the results of the parts of one test (worker threads, `--segment`s) into the results of
 * the whole, losslessly: counts are added, every latency distribution is the merge of the parts'
 * encoded HDR histograms (percentiles are read from it, never averaged; min and max are exact,
 * means weighted by counts), per-second timelines are aligned by second. What cannot be merged
 * exactly is said where it is: a timeline point's `p50`/`p99` (points carry no histogram) are the
 * highest of the parts'. The whole load, `testId` and thresholds are the first part's
 * (re-evaluate thresholds on the merge); the merge has no `segment`. Throws on an empty list or a
 * `histogram` field that is not an encoded histogram.
 */
export function mergeResults(parts: readonly RunResult[]): RunResult {
  if (parts.length === 0) throw new Error('mergeResults: nothing to merge');
  const first = parts[0]!;
  const durationMs = Math.max(...parts.map((p) => p.durationMs));
  const workflows = mergeByName(
    parts.map((p) => p.workflows),
    (group) => mergeWorkflow(group, durationMs),
  );
  const metrics = mergeMetricLists(
    parts.map((p) => p.metrics),
    durationMs,
  );
  const tagged = mergeTagged(
    parts.map((p) => p.tagged),
    durationMs,
  );
  let succeeded = 0;
  let failed = 0;
  let interrupted = 0;
  let dropped = 0;
  let retries = 0;
  for (const wf of workflows) {
    succeeded += wf.succeeded;
    failed += wf.failed + (wf.lostToCrash ?? 0);
    interrupted += wf.interrupted;
    dropped += wf.dropped;
    retries += wf.retries ?? 0;
  }
  const merged: RunResult = {
    schemaVersion: first.schemaVersion,
    testId: first.testId,
    startedAt: parts.map((p) => p.startedAt).sort()[0]!,
    durationMs,
    load: structuredClone(first.load),
    summary: {
      workflowsSucceeded: succeeded,
      workflowsFailed: failed,
      workflowsInterrupted: interrupted,
      requests: sum(parts, (p) => p.summary.requests),
      retries,
      droppedIterations: dropped,
      interrupted: parts.some((p) => p.summary.interrupted),
      abortedBy: parts.find((p) => p.summary.abortedBy !== null)?.summary.abortedBy ?? null,
    },
    warmup: mergeWarmup(parts.map((p) => p.warmup)),
    scheduler: mergeScheduler(parts.map((p) => p.scheduler)),
    workflows,
    timeline: mergeTimelines(parts.map((p) => p.timeline)),
    thresholds: first.thresholds.map((t) => ({ ...t })),
    ...(metrics && { metrics }),
    ...(tagged && { tagged }),
  };
  const notifications = mergeNotifications(parts.map((p) => p.notifications));
  if (notifications) merged.notifications = notifications;
  const crashed = parts.flatMap((p) => p.crashedWorkers ?? []);
  if (crashed.length > 0) merged.crashedWorkers = crashed.map((c) => ({ ...c }));
  return merged;
}

/** Each part's hub counted its own messages and waits: the counts add up, the sources are the union. */
function mergeNotifications(parts: ReadonlyArray<NotificationsResult | undefined>): NotificationsResult | undefined {
  const present = parts.filter((p): p is NotificationsResult => p !== undefined);
  if (present.length === 0) return undefined;
  const merged: NotificationsResult = { ...present[0]!, sources: [...new Set(present.flatMap((p) => p.sources))] };
  for (const part of present.slice(1)) {
    for (const key of Object.keys(part) as Array<keyof NotificationsResult>) {
      if (key !== 'sources') (merged[key] as number) += part[key] as number;
    }
  }
  return merged;
}

function sum<T>(items: readonly T[], of: (item: T) => number): number {
  let total = 0;
  for (const item of items) total += of(item);
  return total;
}

/** Groups the entries of several lists by name, in the order first seen, and merges each group. */
function mergeByName<T extends { name: string }, R>(lists: ReadonlyArray<readonly T[] | undefined>, merge: (group: T[]) => R): R[] {
  const groups = new Map<string, T[]>();
  for (const list of lists) {
    for (const item of list ?? []) {
      const group = groups.get(item.name);
      if (group) group.push(item);
      else groups.set(item.name, [item]);
    }
  }
  return [...groups.values()].map(merge);
}

function addCounts(into: Record<string, number>, from: Readonly<Record<string, number>>): Record<string, number> {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
  return into;
}

/**
 * Latency statistics of merged histograms, as one recorder would have computed them: percentiles
 * from the merged histogram, min, max and mean exact from the parts' (a decoded histogram only
 * knows its extremes to its 0.1 % resolution).
 */
function mergedLatency(histograms: string[], runs: number, parts: Array<{ stats: LatencyStats; runs: number }>): { stats: LatencyStats; histogram: ReturnType<typeof createLatencyHistogram> } {
  const merged = createLatencyHistogram();
  for (const h of histograms) merged.add(decodeHistogram(h));
  // The recorder's mean is the exact sum over the runs: the parts' sums, added, are that sum.
  const sumUs = sum(parts, (m) => m.stats.mean * m.runs * US_PER_MS);
  const stats = latencyStats(merged, runs, sumUs);
  const measured = parts.filter((p) => p.runs > 0);
  if (measured.length > 0 && stats.max > 0) {
    const min = Math.min(...measured.map((p) => p.stats.min));
    const max = Math.max(...measured.map((p) => p.stats.max));
    const clamp = (v: number): number => Math.min(Math.max(v, min), max);
    Object.assign(stats, {
      min,
      max,
      p10: clamp(stats.p10),
      p25: clamp(stats.p25),
      p50: clamp(stats.p50),
      p75: clamp(stats.p75),
      p90: clamp(stats.p90),
      p95: clamp(stats.p95),
      p99: clamp(stats.p99),
      p100: max,
    });
  }
  return { stats, histogram: merged };
}

/** The {@link Stats} of one level from the same level of each part. */
function mergeStats(group: readonly Stats[], durationMs: number): Stats {
  const runs = sum(group, (s) => s.runs);
  const succeeded = sum(group, (s) => s.succeeded);
  const all = mergedLatency(
    group.map((s) => s.histogram),
    runs,
    group.map((s) => ({ stats: s.latencyMs, runs: s.runs })),
  );
  const statusClasses: StatusClasses = { '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 };
  for (const s of group) for (const k of Object.keys(statusClasses) as Array<keyof StatusClasses>) statusClasses[k] += s.statusClasses[k];
  const stats: Stats = {
    name: group[0]!.name,
    runs,
    succeeded,
    failed: sum(group, (s) => s.failed),
    ratePerSec: durationMs > 0 ? runs / (durationMs / 1000) : 0,
    latencyMs: all.stats,
    statusClasses,
    statusCodes: group.reduce((acc, s) => addCounts(acc, s.statusCodes), {} as Record<string, number>),
    errors: group.reduce((acc, s) => addCounts(acc, s.errors), {} as Record<string, number>),
    buckets: latencyBuckets(all.histogram, Math.round(all.stats.min * US_PER_MS), Math.round(all.stats.max * US_PER_MS)),
    histogram: encodeHistogram(all.histogram),
  };
  // Results of older versions may lack the successful runs' histogram: then the merge does too.
  if (group.every((s) => s.succeededHistogram !== undefined && s.succeededLatencyMs !== undefined)) {
    const ok = mergedLatency(
      group.map((s) => s.succeededHistogram!),
      succeeded,
      group.map((s) => ({ stats: s.succeededLatencyMs!, runs: s.succeeded })),
    );
    stats.succeededLatencyMs = ok.stats;
    stats.succeededHistogram = encodeHistogram(ok.histogram);
  }
  return stats;
}

/** Field order as the recorder writes it: the stats first, their histograms last. */
function ordered<T extends Stats>(stats: Stats, rest: Omit<T, keyof Stats>): T {
  const { buckets, histogram, succeededHistogram, ...head } = stats;
  return { ...head, ...rest, buckets, histogram, ...(succeededHistogram !== undefined && { succeededHistogram }) } as T;
}

function mergeRequest(group: RequestResult[], durationMs: number): RequestResult {
  const { method, endpoint, tags } = group[0]!;
  const retries = group.some((r) => r.retries !== undefined) ? { retries: sum(group, (r) => r.retries ?? 0) } : {};
  return ordered<RequestResult>(mergeStats(group, durationMs), { method, endpoint, ...(tags && { tags: { ...tags } }), ...retries });
}

function mergeChecks(lists: ReadonlyArray<readonly CheckResult[] | undefined>): CheckResult[] {
  return mergeByName(lists, (group) => ({ name: group[0]!.name, passed: sum(group, (c) => c.passed), failed: sum(group, (c) => c.failed) }));
}

function mergeStep(group: StepResult[], durationMs: number): StepResult {
  const requests = mergeByName(
    group.map((s) => s.requests),
    (g) => mergeRequest(g, durationMs),
  );
  const checks = group.some((s) => s.checks !== undefined) ? { checks: mergeChecks(group.map((s) => s.checks)) } : {};
  const metrics = mergeMetricLists(
    group.map((s) => s.metrics),
    durationMs,
  );
  return ordered<StepResult>(mergeStats(group, durationMs), { requests, ...checks, ...(metrics && { metrics }) });
}

function mergeWorkflow(group: WorkflowResult[], durationMs: number): WorkflowResult {
  const steps = mergeByName(
    group.map((w) => w.steps),
    (g) => mergeStep(g, durationMs),
  );
  const metrics = mergeMetricLists(
    group.map((w) => w.metrics),
    durationMs,
  );
  const tagged = mergeTagged(
    group.map((w) => w.tagged),
    durationMs,
  );
  const retries = group.some((w) => w.retries !== undefined) ? { retries: sum(group, (w) => w.retries ?? 0) } : {};
  const lost = group.some((w) => w.lostToCrash !== undefined) ? { lostToCrash: sum(group, (w) => w.lostToCrash ?? 0) } : {};
  return ordered<WorkflowResult>(mergeStats(group, durationMs), {
    interrupted: sum(group, (w) => w.interrupted),
    dropped: sum(group, (w) => w.dropped),
    requests: sum(group, (w) => w.requests),
    ...retries,
    steps,
    checks: mergeChecks(group.map((w) => w.checks)),
    failureReasons: mergeReasons(group.map((w) => w.failureReasons)),
    ...lost,
    ...(metrics && { metrics }),
    ...(tagged && { tagged }),
  });
}

/** Reasons added up, at most {@link MAX_FAILURE_REASONS} keys as the recorder keeps them: the rest in `other`. */
function mergeReasons(records: ReadonlyArray<Readonly<Record<string, number>>>): Record<string, number> {
  const out: Record<string, number> = {};
  let keys = 0;
  for (const record of records) {
    for (const [reason, count] of Object.entries(record)) {
      if (out[reason] !== undefined) out[reason] += count;
      else if (keys < MAX_FAILURE_REASONS - 1 || reason === OTHER_REASON) {
        out[reason] = count;
        keys++;
      } else out[OTHER_REASON] = (out[OTHER_REASON] ?? 0) + count;
    }
  }
  return out;
}

function mergeTagged(lists: ReadonlyArray<readonly TaggedResult[] | undefined>, durationMs: number): TaggedResult[] | undefined {
  if (lists.every((l) => l === undefined)) return undefined;
  return mergeByName(lists, (group) => ordered<TaggedResult>(mergeStats(group, durationMs), { tags: { ...group[0]!.tags } }));
}

/** Custom metrics by name, as the recorder computes them from the merged series. */
function mergeMetricLists(lists: ReadonlyArray<readonly CustomMetricResult[] | undefined>, durationMs: number): CustomMetricResult[] | undefined {
  if (lists.every((l) => l === undefined)) return undefined;
  return mergeByName(lists, (group) => mergeMetric(group, durationMs));
}

function mergeMetric(group: CustomMetricResult[], durationMs: number): CustomMetricResult {
  const first = group[0]!;
  // A name has one kind in a run; parts that disagree (merged by --force) keep the first kind.
  const same = group.filter((m) => m.kind === first.kind);
  switch (first.kind) {
    case 'counter': {
      const count = sum(same, (m) => (m.kind === 'counter' ? m.count : 0));
      return { name: first.name, kind: 'counter', count, ratePerSec: durationMs > 0 ? count / (durationMs / 1000) : 0 };
    }
    case 'rate': {
      const count = sum(same, (m) => (m.kind === 'rate' ? m.count : 0));
      const passes = sum(same, (m) => (m.kind === 'rate' ? m.passes : 0));
      return { name: first.name, kind: 'rate', count, passes, rate: count === 0 ? 0 : passes / count };
    }
    case 'trend': {
      const series = new TrendSeries(first.name);
      for (const m of same) {
        if (m.kind !== 'trend' || m.count === 0) continue;
        series.histogram.add(decodeHistogram(m.histogram));
        series.count += m.count;
        series.sum += m.stats.mean * m.count;
        series.min = Math.min(series.min, m.stats.min);
        series.max = Math.max(series.max, m.stats.max);
        // Percentiles are rounded to the decimals the values had: those the parts' figures show.
        for (const v of [m.stats.min, m.stats.max, m.stats.p10, m.stats.p50, m.stats.p90, m.stats.p99]) series.decimals = Math.max(series.decimals, decimalsOf(v));
      }
      return metricResults([series], durationMs, true)![0] as CustomMetricResult;
    }
  }
}

function mergeWarmup(parts: ReadonlyArray<WarmupSummary | null>): WarmupSummary | null {
  const present = parts.filter((w): w is WarmupSummary => w !== null);
  if (present.length === 0) return null;
  return { durationMs: Math.max(...present.map((w) => w.durationMs)), iterations: sum(present, (w) => w.iterations), requests: sum(present, (w) => w.requests) };
}

function mergeScheduler(parts: ReadonlyArray<SchedulerStats | null>): SchedulerStats | null {
  const present = parts.filter((s): s is SchedulerStats => s !== null);
  if (present.length === 0) return null;
  const starts = sum(present, (s) => s.starts);
  if (present.every((s) => s.histogram !== undefined)) {
    const lag = mergedLatency(
      present.map((s) => s.histogram!),
      starts,
      present.map((s) => ({ stats: s.lagMs, runs: s.starts })),
    );
    return { starts, lagMs: lag.stats, histogram: encodeHistogram(lag.histogram) };
  }
  // Older results carry no lag histogram: the highest of each figure, an upper bound.
  const lagMs = { ...present[0]!.lagMs };
  for (const s of present) for (const k of Object.keys(lagMs) as Array<keyof LatencyStats>) lagMs[k] = Math.max(lagMs[k], s.lagMs[k]);
  return { starts, lagMs };
}

/** Adds `p` into `into`: counts summed; `p50`, `p99` and `max` the highest (points carry no histogram). */
export function addTimelinePoint(into: TimelinePoint, p: TimelinePoint): void {
  into.started += p.started;
  into.dropped += p.dropped;
  into.iterations += p.iterations;
  into.failed += p.failed;
  into.requests += p.requests;
  into.errors += p.errors;
  into.users += p.users;
  into.p50 = Math.max(into.p50, p.p50);
  into.p99 = Math.max(into.p99, p.p99);
  into.max = Math.max(into.max, p.max);
}

/** Points of the same second added up; `p50`, `p99` and `max` the highest of the parts'. */
export function mergeTimelines(timelines: ReadonlyArray<readonly TimelinePoint[]>): TimelinePoint[] {
  const byT = new Map<number, TimelinePoint>();
  for (const timeline of timelines) {
    for (const p of timeline) {
      const at = byT.get(p.t);
      if (!at) {
        byT.set(p.t, { ...p });
        continue;
      }
      addTimelinePoint(at, p);
    }
  }
  return [...byT.values()].sort((a, b) => a.t - b.t);
}
