import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findRegressions, HistoryStore } from '@go-heavy/history';
import { runResult } from './fixture.js';

describe('HistoryStore', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-history-'));
  const file = path.join(dir, 'nested', 'history.ndjson');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores runs with commit and tags, and reads series per workflow, step and request', () => {
    const store = HistoryStore.open(file);
    store.record(runResult('t1', '2026-11-20T10:00:00.000Z', 20), { service: 'checkout', commit: 'abc123', tags: { env: 'staging' } });
    store.record(runResult('t2', '2026-11-21T10:00:00.000Z', 22, 3), { service: 'checkout', commit: 'def456', tags: { env: 'prod' } });
    store.record(runResult('t3', '2026-11-22T10:00:00.000Z', 60), { service: 'checkout', commit: null, tags: { env: 'staging' } });
    store.record(runResult('o1', '2026-11-22T11:00:00.000Z', 5), { service: 'other', commit: null, tags: {} });

    expect(store.runs('checkout').map((r) => r.testId)).toEqual(['t1', 't2', 't3']);
    expect(store.runs('checkout', { last: 2 }).map((r) => r.testId)).toEqual(['t2', 't3']);
    expect(store.runs('checkout', { tags: { env: 'staging' } }).map((r) => r.commit)).toEqual(['abc123', null]);
    expect(store.runs('checkout')[1]).toMatchObject({ failed: 3, succeeded: 97, requests: 200, thresholdsFailed: 0, stoppedEarly: false });
    expect(store.runs('checkout')[2]!.thresholdsFailed).toBe(1);
    expect(store.workflows('checkout')).toEqual(['checkout/buy']);

    const p95 = store.series('checkout', { workflow: 'checkout/buy', stat: 'p95' });
    expect(p95.map((p) => p.value)).toEqual([40, 44, 120]);
    expect(store.series('checkout', { workflow: 'checkout/buy', step: 'pay', stat: 'p50' }).map((p) => p.value)).toEqual([10, 11, 30]);
    expect(store.series('checkout', { workflow: 'checkout/buy', step: 'pay', method: 'POST', endpoint: '/pay', stat: 'p50' }).map((p) => p.value)).toEqual([5, 5.5, 15]);
    expect(store.series('checkout', { workflow: 'checkout/buy', stat: 'error-rate' }).map((p) => p.value)).toEqual([0, 3, 0]);
    expect(store.series('checkout', { workflow: 'checkout/buy', stat: 'p95', last: 1 }).map((p) => p.run.testId)).toEqual(['t3']);
    expect(() => store.record(runResult('t1', '2026-11-23T10:00:00.000Z', 1), { service: 'checkout', commit: null, tags: {} })).toThrow(/run t1 is already recorded/);
    store.close();
  });

  it('is read back by a second process', () => {
    const script = `
      const { HistoryStore } = require(${JSON.stringify(path.resolve(__dirname, '../dist/index.cjs'))});
      const store = HistoryStore.open(process.argv[1]);
      console.log(JSON.stringify(store.series('checkout', { workflow: 'checkout/buy', stat: 'p99' }).map((p) => [p.run.testId, p.value])));
      store.close();`;
    const out = execFileSync(process.execPath, ['-e', script, file], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([
      ['t1', 60],
      ['t2', 66],
      ['t3', 180],
    ]);
  });
});

describe('findRegressions', () => {
  it('flags values worse than the median of the previous window by more than the tolerance', () => {
    const p95 = [100, 104, 98, 101, 150, 99, 130];
    expect(findRegressions(p95, { window: 3, tolerancePct: 20, higherIsWorse: true })).toEqual([false, false, false, false, true, false, true]);
    const throughput = [1000, 990, 1010, 700, 1005];
    expect(findRegressions(throughput, { window: 5, tolerancePct: 10, higherIsWorse: false })).toEqual([false, false, false, true, false]);
  });
});
