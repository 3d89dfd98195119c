import type { HistoryStat, HistoryStore } from '@go-heavy/history';
import { describeLoad, type Trend } from '@go-heavy/reporter';

/** What {@link historyTrends} draws: one statistic, its regression rule, the latest runs. */
export interface TrendQuery {
  workflows: readonly string[];
  stat: HistoryStat;
  /** How many of the latest runs each trend keeps. */
  last: number;
  /** Runs before each one whose median is its baseline. */
  window: number;
  /** Percent worse than the baseline that counts as a regression. */
  tolerancePct: number;
  tags?: Record<string, string>;
}

/**
 * The trend of each workflow of a service over its recorded runs, each run judged against
 * earlier runs of the same load: what `go-heavy history` prints and draws, and the web UI's
 * history page shows. The history module is passed in, so it stays loaded only where used.
 */
export function historyTrends(history: typeof import('@go-heavy/history'), store: HistoryStore, service: string, query: TrendQuery): Trend[] {
  const { compareRuns, higherIsWorse, loadKey } = history;
  const rule = { window: query.window, tolerancePct: query.tolerancePct, higherIsWorse: higherIsWorse(query.stat) };
  return query.workflows.map((workflow) => {
    // Each run is judged against earlier runs of the same load, however far back: read them all.
    const series = store.series(service, { workflow, stat: query.stat, tags: query.tags ?? {} });
    const compared = compareRuns(
      series.map((p) => p.value),
      series.map((p) => loadKey(p.run.load)),
      rule,
    );
    const points = series.map((p, i) => ({
      startedAt: p.run.startedAt,
      commit: p.run.commit,
      tags: p.run.tags,
      value: p.value,
      ...compared[i]!,
      ...(p.run.load && { load: describeLoad(p.run.load) }),
    }));
    return { name: workflow, stat: query.stat, rule, points: points.slice(-query.last) };
  });
}
