import fc from 'fast-check';
import { interleaved, LoadShareError, placeStarts, seededRandom, segmentLoads, shareOf, shareProfile, type RunPlan, type Segment, type WorkflowLoad } from '@go-heavy/core';

const segmentsOf = (count: number): Segment[] => Array.from({ length: count }, (_, i) => ({ index: i, count }));

describe('load shares of segments and workers', () => {
  it('shares of a count add up to it exactly, differ by at most one, lower indexes first (10 over 3 is 4 + 3 + 3)', () => {
    expect(segmentsOf(3).map((s) => shareOf(10, s))).toEqual([4, 3, 3]);
    fc.assert(
      fc.property(fc.nat(100_000), fc.integer({ min: 1, max: 64 }), (n, count) => {
        const shares = segmentsOf(count).map((s) => shareOf(n, s));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(n);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
        for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeLessThanOrEqual(shares[i - 1]!);
      }),
    );
  });

  it('a segment of a segment is a segment: workers inside --segment i/M deal the same items', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), (n, m, w) => {
        for (let i = 0; i < m; i++) {
          for (let k = 0; k < w; k++) {
            const nested = shareOf(shareOf(n, { index: i, count: m }), { index: k, count: w });
            expect(nested).toBe(shareOf(n, { index: i + m * k, count: m * w }));
          }
        }
      }),
    );
  });

  it('user profiles are shared level by level: every level of the shares adds up to the whole', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.array(fc.record({ durationMs: fc.nat(60_000), target: fc.nat(500) }), { maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (start, stages, count) => {
        const shares = segmentsOf(count).map((s) => shareProfile({ start, stages }, s));
        expect(shares.reduce((a, p) => a + p.start, 0)).toBe(start);
        stages.forEach((stage, i) => {
          expect(shares.reduce((a, p) => a + p.stages[i]!.target, 0)).toBe(stage.target);
          for (const p of shares) expect(p.stages[i]!.durationMs).toBe(stage.durationMs);
        });
      }),
    );
  });

  it("the open model's starts interleave exactly: the segments' starts of each slot together are the one-thread schedule's", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(300), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 7 }),
        fc.constantFrom('regular' as const, 'random' as const),
        fc.constantFrom(0, 0.3),
        fc.string(),
        (slotCounts, count, distribution, jitter, seed) => {
          const load = { distribution, jitter };
          const one = seededRandom(seed);
          const segments = segmentsOf(count).map((s) => {
            const random = seededRandom(seed);
            return interleaved((n, out) => placeStarts(n, load, random, out), s);
          });
          for (const n of slotCounts) {
            const whole = new Float64Array(Math.max(n, 1));
            placeStarts(n, load, one, whole);
            const union: number[] = [];
            for (const place of segments) {
              const out = new Float64Array(Math.max(n, 1));
              const kept = place(n, out);
              union.push(...out.subarray(0, kept));
              // Each segment's own starts stay in order within the slot.
              for (let j = 1; j < kept; j++) expect(out[j]).toBeGreaterThanOrEqual(out[j - 1]!);
            }
            expect(union.sort((a, b) => a - b)).toEqual([...whole.subarray(0, n)]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the starts a segment keeps alternate: with 3 segments of 10 regular starts, 0,3,6,9 / 1,4,7 / 2,5,8', () => {
    const load = { distribution: 'regular' as const, jitter: 0 };
    const kept = segmentsOf(3).map((s) => {
      const out = new Float64Array(10);
      const n = interleaved((c, o) => placeStarts(c, load, Math.random, o), s)(10, out);
      return [...out.subarray(0, n)];
    });
    expect(kept).toEqual([
      [0, 30, 60, 90],
      [10, 40, 70],
      [20, 50, 80],
    ]);
  });

  it('a segment with no share of a workflow does not run it; a share it cannot run is one line naming the workflow', () => {
    const wl = (load: WorkflowLoad['load'], iterations: number | null, uniqueUsers: number | null): WorkflowLoad => ({ load, iterations, uniqueUsers, startTimeMs: 0, weight: null, share: null });
    const closed = (users: number): WorkflowLoad['load'] => ({ model: 'closed', users: { start: users, stages: [] } });
    const plan = { workflows: [{ name: 's/a' }, { name: 's/b' }] } as unknown as RunPlan;
    const loads = [wl(closed(1), null, null), wl(closed(5), 7, null)];
    // A user-less segment with iterations of the budget would lose them: refused, not skipped.
    expect(() => segmentLoads(plan, { index: 1, count: 2 }, (i) => [wl(closed(1), null, null), wl(closed(1), 6, null)][i]!)).toThrow(
      's/b: users 1 cannot be shared by 2 segments while its 6 iterations are (at least 1 user each)',
    );
    const second = segmentLoads(plan, { index: 1, count: 2 }, (i) => loads[i]!);
    expect(second[0]).toBeNull();
    expect(second[1]).toMatchObject({ load: { users: { start: 2 } }, iterations: 3 });
    const open = [wl({ model: 'open', rate: { start: 10, stages: [] }, maxUsers: 1, distribution: 'regular', jitter: 0 }, null, null), wl(closed(3), null, 1)];
    expect(segmentLoads(plan, { index: 0, count: 2 }, (i) => open[i]!).map((l) => l?.uniqueUsers)).toEqual([null, 1]);
    const err = (() => {
      try {
        segmentLoads(plan, { index: 1, count: 2 }, (i) => open[i]!);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(LoadShareError);
    expect((err as LoadShareError).problems).toEqual(['s/a: max-users 1 cannot be shared by 2 segments (at least 1 each)', 's/b: unique-users 1 cannot be shared by 2 segments (at least 1 each)']);
    expect(() => segmentLoads(plan, { index: 2, count: 2 }, (i) => loads[i]!)).toThrow('expected a segment from 0 to 1, got 2');
  });
});
