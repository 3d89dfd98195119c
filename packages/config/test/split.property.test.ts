// Property-based tests of the split of a service's load across its workflows by weight.
import fc from 'fast-check';
import { peakTarget } from '@go-heavy/core';
import { splitCount, splitLoad, splitProfile, splitRate } from '../src/load/split.js';

/** Bounded so the suite stays fast on a slow, shared machine; the seed is printed on failure. */
const RUNS = { numRuns: 500 };

/** Positive weights as users write them: mostly whole numbers, some fractions. */
const weight = fc.oneof(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.01, max: 50, noNaN: true }));
const weights = fc.array(weight, { minLength: 1, maxLength: 8 });
const sum = (xs: number[]) => xs.reduce((a, x) => a + x, 0);

describe('splitCount', () => {
  it('adds up to the total exactly, every share within 1 of its quota, none at 0, when the total allows one each', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 100_000 }), (ws, extra) => {
        const total = ws.length + extra;
        const shares = splitCount(
          total,
          ws,
          ws.map(() => 1),
        );
        expect(sum(shares)).toBe(total);
        for (const s of shares) {
          expect(Number.isInteger(s)).toBe(true);
          expect(s).toBeGreaterThanOrEqual(1);
        }
        // Where no minimum had to be raised, largest remainder keeps each share within 1 of its quota.
        const quotas = ws.map((w) => (total * w) / sum(ws));
        if (quotas.every((q) => q >= 1)) shares.forEach((s, i) => expect(Math.abs(s - quotas[i]!)).toBeLessThan(1 + 1e-9));
      }),
      RUNS,
    );
  });

  it('never gives a larger weight fewer than a smaller one', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 10_000 }), (ws, total) => {
        const shares = splitCount(
          total,
          ws,
          ws.map(() => (total >= ws.length ? 1 : 0)),
        );
        ws.forEach((wi, i) => ws.forEach((wj, j) => wi > wj && expect(shares[i]).toBeGreaterThanOrEqual(shares[j]!)));
      }),
      RUNS,
    );
  });

  it('splits 10 as 9:1 into 9 and 1, and 5 as 3:1 into 4 and 1', () => {
    expect(splitCount(10, [9, 1], [1, 1])).toEqual([9, 1]);
    expect(splitCount(5, [3, 1], [1, 1])).toEqual([4, 1]);
    // 1 user over 99:1 still runs the small workflow when 2 are asked for.
    expect(splitCount(2, [99, 1], [1, 1])).toEqual([1, 1]);
    // Fewer than one each: every workflow gets its one, the total is raised.
    expect(splitCount(1, [1, 1], [1, 1])).toEqual([1, 1]);
  });
});

describe('splitRate', () => {
  it('splits a rate exactly, in proportion to the weights', () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 0.001, max: 1e6, noNaN: true }), (ws, rate) => {
        const shares = splitRate(rate, ws);
        expect(Math.abs(sum(shares) - rate)).toBeLessThanOrEqual(rate * 1e-9);
        shares.forEach((s, i) => expect(s).toBeCloseTo((rate * ws[i]!) / sum(ws), 6));
      }),
      RUNS,
    );
    expect(splitRate(10, [9, 1])).toEqual([9, 1]);
  });
});

describe('splitProfile', () => {
  const stages = fc.array(fc.record({ durationMs: fc.integer({ min: 0, max: 60_000 }), target: fc.integer({ min: 0, max: 500 }) }), { minLength: 1, maxLength: 6 });

  it('users: every point of the profile adds up exactly where the total allows one each, and every share runs', () => {
    fc.assert(
      fc.property(weights, fc.integer({ min: 0, max: 500 }), stages, (ws, start, st) => {
        fc.pre(Math.max(start, ...st.map((s) => s.target)) >= 1);
        const profile = { start, stages: st };
        const shares = splitProfile(profile, ws, 'users');
        const points = (p: typeof profile) => [p.start, ...p.stages.map((s) => s.target)];
        points(profile).forEach((total, k) => {
          if (total >= ws.length) expect(sum(shares.map((s) => points(s)[k]!))).toBe(total);
        });
        for (const share of shares) {
          expect(share.stages.map((s) => s.durationMs)).toEqual(st.map((s) => s.durationMs));
          expect(peakTarget(share)).toBeGreaterThanOrEqual(1);
        }
      }),
      RUNS,
    );
  });

  it('rates: each share follows its fraction of every level', () => {
    const shares = splitProfile({ start: 0, stages: [{ durationMs: 1000, target: 40 }] }, [3, 1], 'rate');
    expect(shares).toEqual([
      { start: 0, stages: [{ durationMs: 1000, target: 30 }] },
      { start: 0, stages: [{ durationMs: 1000, target: 10 }] },
    ]);
  });
});

describe('splitLoad', () => {
  it('splits users, unique users and a given iteration budget; keeps a smoke run at one iteration each', () => {
    const closed = { load: { model: 'closed' as const, users: { start: 10, stages: [] } }, iterations: 20, uniqueUsers: 12 };
    const [a, b] = splitLoad(closed, [9, 1], { maxUsers: false, iterations: true });
    expect(a).toEqual({ load: { model: 'closed', users: { start: 9, stages: [] } }, iterations: 18, uniqueUsers: 11 });
    expect(b).toEqual({ load: { model: 'closed', users: { start: 1, stages: [] } }, iterations: 2, uniqueUsers: 1 });
    const smoke = splitLoad({ ...closed, iterations: 1, uniqueUsers: null }, [1, 1, 1], { maxUsers: false, iterations: false });
    expect(smoke.map((s) => s.iterations)).toEqual([1, 1, 1]);
  });

  it('splits a rate and a given max users; without one, each share gets the default cap of its own rate', () => {
    const open = { load: { model: 'open' as const, rate: { start: 100, stages: [] }, maxUsers: 40, distribution: 'regular' as const, jitter: 0 }, iterations: null, uniqueUsers: null };
    const given = splitLoad(open, [3, 1], { maxUsers: true, iterations: false });
    expect(given.map((s) => s.load)).toEqual([
      { model: 'open', rate: { start: 75, stages: [] }, maxUsers: 30, distribution: 'regular', jitter: 0 },
      { model: 'open', rate: { start: 25, stages: [] }, maxUsers: 10, distribution: 'regular', jitter: 0 },
    ]);
    const defaults = splitLoad(open, [3, 1], { maxUsers: false, iterations: false });
    expect(defaults.map((s) => (s.load.model === 'open' ? s.load.maxUsers : 0))).toEqual([75, 25]);
  });
});
