import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '@go-heavy/history';
import { runResult } from './fixture.js';

const context = { service: 'checkout', commit: 'abc123', tags: { env: 'ci' } };

describe('the history file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-history-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const fresh = (): string => path.join(dir, `h${++n}`, 'history.ndjson');

  it('is one JSON line per run, readable without go-heavy', () => {
    const file = fresh();
    const store = HistoryStore.open(file);
    expect(store.record(runResult('t1', '2026-11-20T10:00:00.000Z', 20), context)).toBe(1);
    expect(store.record(runResult('t2', '2026-11-21T10:00:00.000Z', 30, 4), context)).toBe(2);
    store.close();
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    const second = JSON.parse(lines[1]!);
    expect(second).toMatchObject({ v: 1, testId: 't2', service: 'checkout', commit: 'abc123', tags: { env: 'ci' }, model: 'closed', failed: 4, succeeded: 96, requests: 200 });
    expect(second.stats.map((s: { level: string }) => s.level)).toEqual(['workflow', 'step', 'request']);
    expect(second.stats[0]).toMatchObject({ workflow: 'checkout/buy', p95: 60, errorRate: 4 });
    expect(second.stats[2]).toMatchObject({ workflow: 'checkout/buy', step: 'pay', method: 'POST', endpoint: '/pay', p50: 7.5 });
  });

  it('survives a writer that crashed mid-line: the torn line is skipped, runs before and after it are kept', () => {
    const file = fresh();
    const store = HistoryStore.open(file);
    store.record(runResult('before', '2026-11-20T10:00:00.000Z', 20), context);
    // What a crash in the middle of a write leaves: the start of a line, no newline.
    const whole = readFileSync(file, 'utf8');
    appendFileSync(file, whole.slice(0, 60).replace('"before"', '"torn"'));
    store.record(runResult('after', '2026-11-22T10:00:00.000Z', 40), context);
    store.close();

    const reopened = HistoryStore.open(file);
    expect(reopened.runs('checkout').map((r) => r.testId)).toEqual(['before', 'after']);
    expect(reopened.series('checkout', { workflow: 'checkout/buy', stat: 'p50' }).map((p) => p.value)).toEqual([20, 40]);
    expect(reopened.skippedLines).toBe(1);
    // The new run went on a line of its own, after the torn one.
    expect(
      readFileSync(file, 'utf8')
        .split('\n')
        .filter((l) => l !== ''),
    ).toHaveLength(3);
    reopened.close();
  });

  it('sees runs another store appended since it was opened', () => {
    const file = fresh();
    const reader = HistoryStore.open(file);
    expect(reader.workflows('checkout')).toEqual([]);
    const writer = HistoryStore.open(file);
    writer.record(runResult('t1', '2026-11-20T10:00:00.000Z', 20), context);
    expect(reader.runs('checkout').map((r) => r.testId)).toEqual(['t1']);
    expect(reader.workflows('checkout')).toEqual(['checkout/buy']);
  });

  it('refuses a line of a newer format, and an old SQLite history, saying what to do', () => {
    const newer = fresh();
    HistoryStore.open(newer).record(runResult('t1', '2026-11-20T10:00:00.000Z', 20), context);
    appendFileSync(newer, `${JSON.stringify({ v: 2, testId: 'future', service: 'checkout', startedAt: '2027-01-01T00:00:00.000Z', stats: [] })}\n`);
    expect(() => HistoryStore.open(newer)).toThrow(/was written by a newer go-heavy \(history format 2, this one reads 1\): upgrade go-heavy/);

    const sqlite = path.join(dir, 'old.db');
    writeFileSync(sqlite, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(84)]));
    expect(() => HistoryStore.open(sqlite)).toThrow(/old\.db is a SQLite history of an earlier go-heavy.*history\.ndjson/);
  });
});
