import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '@go-heavy/history';
import { runResult } from './fixture.js';

const DIST = path.resolve(__dirname, '../dist/index.cjs');
/** The run every writer records, under its own test ids. */
const SAMPLE = runResult('x', '2026-11-01T00:00:00.000Z', 20);

/**
 * A CI job's `go-heavy run`: opens the store, records `runs` runs one after another, closes it.
 * Every writer waits for the same instant, so their appends overlap.
 */
function writer(file: string, name: string, runs: number, startAt: number): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { HistoryStore } = require(${JSON.stringify(DIST)});
    const [file, name, runs, startAt] = [process.argv[1], process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
    const result = JSON.parse(process.argv[5]);
    while (Date.now() < startAt) {}
    for (let i = 0; i < runs; i++) {
      const store = HistoryStore.open(file);
      store.record({ ...result, testId: name + '-' + i, startedAt: new Date(Date.UTC(2026, 10, 1, 0, 0, i)).toISOString() }, { service: 'checkout', commit: null, tags: { writer: name } });
      store.close();
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, file, name, String(runs), String(startAt), JSON.stringify(SAMPLE)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe('HistoryStore under concurrent writers', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-history-race-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every run when four processes append to one history at the same time', async () => {
    const file = path.join(dir, 'history.ndjson');
    const writers = ['a', 'b', 'c', 'd'];
    const perWriter = 40;
    // Far enough ahead for every child to have started, even on a slow, busy machine.
    const startAt = Date.now() + 1500;
    const outcomes = await Promise.all(writers.map((w) => writer(file, w, perWriter, startAt)));
    expect(outcomes).toEqual(writers.map(() => ({ code: 0, stderr: '' })));

    const store = HistoryStore.open(file);
    try {
      const runs = store.runs('checkout');
      expect(runs).toHaveLength(writers.length * perWriter);
      for (const w of writers) {
        const mine = runs
          .filter((r) => r.tags.writer === w)
          .map((r) => r.testId)
          .sort();
        expect(mine).toEqual(Array.from({ length: perWriter }, (_, i) => `${w}-${i}`).sort());
      }
      expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
      expect(store.series('checkout', { workflow: 'checkout/buy', stat: 'p50' })).toHaveLength(writers.length * perWriter);
    } finally {
      store.close();
    }
  }, 90_000);
});
