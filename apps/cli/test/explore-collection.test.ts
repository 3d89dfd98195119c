import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { Collection } from '../src/explore/collection.js';
import { complete } from '../src/explore/explore-repl.js';
import { readJsonLines } from '../src/explore/ndjson-sync.js';

describe('explore collections', () => {
  it('sort + limit keeps only the best documents while streaming, and gives what a full sort gives', () => {
    fc.assert(
      // Up to 12 000 documents: past the 4096 at which the kept ones are trimmed, several times over.
      fc.property(fc.integer({ min: 0, max: 12_000 }), fc.integer(), fc.integer({ min: 1, max: 30 }), (n, seed, limit) => {
        let x = seed | 1;
        const next = () => ((x = (x * 1_103_515_245 + 12_345) & 0x7fffffff) >>> 8) % 1000;
        const withIds = Array.from({ length: n }, (_, id) => ({ id, status: [200, 404, 503][next() % 3], latencyMs: next() % 50 }));
        const c = new Collection('log', () => withIds);
        const got = c
          .find({ status: { $ne: 404 } }, { id: 1 })
          .sort({ latencyMs: -1, id: 1 })
          .limit(limit)
          .toArray();
        const expected = withIds
          .filter((d) => d.status !== 404)
          .sort((a, b) => b.latencyMs - a.latencyMs || a.id - b.id)
          .slice(0, limit)
          .map((d) => ({ id: d.id }));
        expect(got).toEqual(expected);
      }),
      { numRuns: 15 },
    );
  });

  it('stops reading once a find without sort has its documents', () => {
    let read = 0;
    const c = new Collection('log', function* () {
      for (let i = 0; i < 1_000_000; i++) {
        read++;
        yield { i };
      }
    });
    expect(
      c
        .find({ i: { $gte: 10 } })
        .limit(3)
        .toArray(),
    ).toEqual([{ i: 10 }, { i: 11 }, { i: 12 }]);
    expect(read).toBe(13);
  });

  it('reads a file of JSON lines a chunk at a time, lines across chunk ends included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-explore-'));
    try {
      const file = path.join(dir, 'log.ndjson');
      // Lines of varied length, some with multi-byte characters, over several 1 MiB chunks.
      const lines = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ i, body: 'é€'.repeat(i % 50) }));
      writeFileSync(file, `${lines.join('\n')}\n\n`);
      let n = 0;
      for (const doc of readJsonLines(file)) {
        expect(doc.i).toBe(n);
        expect(doc.body).toBe('é€'.repeat(n % 50));
        n++;
      }
      expect(n).toBe(30_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('distinct counts an array’s elements one by one, in the order first seen', () => {
    const c = new Collection('x', () => [{ t: ['a', 'b'] }, { t: 'c' }, { t: ['b', 'd'] }, {}]);
    expect(c.distinct('t')).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('explore tab completion', () => {
  const collections = ['workflows', 'steps', 'requests', 'log'];
  const fields = ['status', 'step', 'latencyMs', 'latencyMs.p95'];
  it.each([
    ['lo', ['log'], 'lo'],
    ['log.f', ['find(', 'findOne('], 'f'],
    ['db.re', ['requests'], 're'],
    ['log.find({}).so', ['sort('], 'so'],
    ['log.find({ sta', ['status'], 'sta'],
    ['log.find({ "latencyMs.p', ['latencyMs.p95'], 'latencyMs.p'],
    ['log.find({ status: { $gt', ['$gt', '$gte'], '$gt'],
  ])('%s', (line, hits, token) => {
    expect(complete(line, collections, fields)).toEqual([hits, token]);
  });
});
