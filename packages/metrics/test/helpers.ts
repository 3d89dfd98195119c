import type { RunMeta, Stats } from '@go-heavy/core';

/** Run facts for a snapshot; `durationMs` defaults to 10 s. */
export function meta(overrides: Partial<RunMeta> = {}): RunMeta {
  return {
    testId: 'test-1',
    startedAt: new Date('2026-01-02T03:04:05.678Z'),
    durationMs: 10_000,
    load: {
      model: 'closed',
      users: 2,
      rate: null,
      maxUsers: null,
      durationMs: 10_000,
      iterations: null,
      warmupMs: 0,
      profile: { start: 2, stages: [{ durationMs: 10_000, target: 2 }] },
      uniqueUsers: null,
      distribution: null,
      jitter: null,
      gracefulStopMs: 30_000,
    },
    interrupted: false,
    warmup: null,
    ...overrides,
  };
}

/** Adds records of counts key by key. */
export function sumRecords(records: object[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [k, v] of Object.entries(r)) out[k] = (out[k] ?? 0) + (v as number);
  return out;
}

export function sumValues(record: object): number {
  return Object.values(record).reduce((s: number, v) => s + (v as number), 0);
}

/** Checks the invariants every level's stats hold, whatever was recorded. */
export function expectConsistent(stats: Stats): void {
  expect(stats.succeeded + stats.failed).toBe(stats.runs);
  expect(sumValues(stats.buckets.map((b) => b.count))).toBe(stats.runs);
  const l = stats.latencyMs;
  const ordered = [l.min, l.p10, l.p25, l.p50, l.p75, l.p90, l.p95, l.p99, l.p100];
  for (let i = 1; i < ordered.length; i++) expect(ordered[i]).toBeGreaterThanOrEqual(ordered[i - 1]);
  expect(l.p100).toBe(l.max);
  if (stats.runs > 0) {
    expect(l.mean).toBeGreaterThanOrEqual(l.min);
    expect(l.mean).toBeLessThanOrEqual(l.max);
    expect(stats.buckets[stats.buckets.length - 1].leMs).toBeGreaterThanOrEqual(l.max);
    for (let i = 1; i < stats.buckets.length; i++) expect(stats.buckets[i].leMs).toBeGreaterThan(stats.buckets[i - 1].leMs);
  } else {
    expect(stats.buckets).toEqual([]);
  }
  expect(stats.histogram.startsWith('HIST')).toBe(true);
}
