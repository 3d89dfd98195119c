import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LoadDescription } from '@go-heavy/core';
import { compareRuns, HistoryStore, loadKey } from '@go-heavy/history';
import { runResult } from './fixture.js';

const rule = { window: 5, tolerancePct: 10, higherIsWorse: true };
const base = runResult('t', '2026-01-01T00:00:00.000Z', 10).load;
const withLoad = (changes: Partial<LoadDescription>) => ({ ...base, ...changes });

describe('loadKey', () => {
  it('is the same for the same load, whatever the warm-up, graceful stop or --profile name', () => {
    expect(loadKey(withLoad({ warmupMs: 2000, gracefulStopMs: 1000, profileSource: 'a.yaml' }))).toBe(loadKey(base));
  });

  it('differs by model, users, rate, stages, duration, iterations and unique users', () => {
    const keys = [
      base,
      withLoad({ users: 6, profile: { start: 6, stages: [] } }),
      withLoad({ model: 'open', users: null, rate: 5, maxUsers: 10 }),
      withLoad({ profile: { start: 0, stages: [{ durationMs: 5000, target: 5 }] } }),
      withLoad({ durationMs: 20_000 }),
      withLoad({ durationMs: null, iterations: 100 }),
      withLoad({ uniqueUsers: 50 }),
    ].map(loadKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(loadKey(null)).toBe('unknown');
  });
});

describe('compareRuns', () => {
  it('flags a regression only against runs of the same load, and says where the load changed', () => {
    // a a B a a: B is slow because it is a heavier load, not a regression; the last a is one.
    const values = [40, 42, 95, 41, 80];
    const keys = ['a', 'a', 'B', 'a', 'a'];
    expect(compareRuns(values, keys, rule)).toEqual([
      { baseline: null, regression: false, loadChanged: false },
      { baseline: 40, regression: false, loadChanged: false },
      { baseline: null, regression: false, loadChanged: true },
      { baseline: 41, regression: false, loadChanged: true },
      { baseline: 41, regression: true, loadChanged: false },
    ]);
  });

  it('takes the window from the runs of the same load only, however far back', () => {
    const values = [10, 10, 50, 50, 50, 50, 50, 50, 12];
    const keys = ['a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'a'];
    const last = compareRuns(values, keys, { ...rule, window: 2 })[8]!;
    expect(last).toEqual({ baseline: 10, regression: true, loadChanged: true });
  });

  it('judges throughput the other way round', () => {
    expect(compareRuns([100, 80], ['a', 'a'], { ...rule, higherIsWorse: false })[1]!.regression).toBe(true);
    expect(compareRuns([100, 80], ['a', 'b'], { ...rule, higherIsWorse: false })[1]!.regression).toBe(false);
  });
});

describe('the history records the load of each run', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-history-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the load, a gaussian by its settings without its sampled legs', () => {
    const store = HistoryStore.open(path.join(dir, 'history.ndjson'));
    store.record(runResult('one', '2026-01-01T00:00:00.000Z', 10), { service: 'checkout', commit: null, tags: {} });
    const gaussian = runResult('two', '2026-01-02T00:00:00.000Z', 10);
    gaussian.load = {
      ...gaussian.load,
      model: 'open',
      users: null,
      rate: 20,
      maxUsers: 20,
      profile: { start: 1, stages: Array.from({ length: 500 }, () => ({ durationMs: 20, target: 20 })) },
      shape: { kind: 'gaussian', volume: 100, peakMs: 5000, stddevMs: 1000 },
      profileSource: 'bell.yaml',
    };
    store.record(gaussian, { service: 'checkout', commit: null, tags: {} });
    const [one, two] = HistoryStore.open(store.file).runs('checkout');
    expect(one!.load).toEqual({
      model: 'closed',
      users: 5,
      rate: null,
      maxUsers: null,
      durationMs: 10_000,
      iterations: null,
      uniqueUsers: null,
      distribution: null,
      jitter: null,
      profile: { start: 5, stages: [] },
    });
    expect(two!.load).toMatchObject({ model: 'open', rate: 20, shape: { kind: 'gaussian', volume: 100 }, profileSource: 'bell.yaml' });
    expect(two!.load).not.toHaveProperty('profile');
    store.close();
  });
});
