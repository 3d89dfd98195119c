export { HistoryStore } from './history-store.js';
export type { HistoryRun, RunContext, SeriesPoint, SeriesQuery } from './history-store.js';
export type { RunFacts } from './schema.js';
export { HISTORY_STATS, higherIsWorse, isHistoryStat } from './history-stats.js';
export type { HistoryStat } from './history-stats.js';
export { baselines, DEFAULT_RULE, findRegressions, median } from './regressions.js';
export type { RegressionRule } from './regressions.js';
