/** The statistics kept per workflow, step and request of every run. */
export const HISTORY_STATS = ['p50', 'p90', 'p95', 'p99', 'max', 'min', 'avg', 'error-rate', 'runs/s', 'runs'] as const;
export type HistoryStat = (typeof HISTORY_STATS)[number];

/** The field of a history line's stats holding a stat. */
export const STAT_FIELD = {
  p50: 'p50',
  p90: 'p90',
  p95: 'p95',
  p99: 'p99',
  max: 'max',
  min: 'min',
  avg: 'mean',
  'error-rate': 'errorRate',
  'runs/s': 'rate',
  runs: 'runs',
} as const satisfies Record<HistoryStat, string>;

/** Whether a rising value is bad news: latencies and errors yes, throughput no. */
export function higherIsWorse(stat: HistoryStat): boolean {
  return stat !== 'runs/s' && stat !== 'runs';
}

export function isHistoryStat(value: string): value is HistoryStat {
  return (HISTORY_STATS as readonly string[]).includes(value);
}
