import fc from 'fast-check';
import { isDataFileError } from '@go-heavy/core';
import { SharedRows } from '../src/data/shared-rows.js';
import { shareOf } from '../src/load-share.js';

/** `users` concurrent async loops, each yielding a random number of microtask turns between picks. */
async function concurrently(users: number, picksPerUser: number, yields: number[], pick: (user: number) => void): Promise<void> {
  let draw = 0;
  const turns = async (): Promise<void> => {
    const n = yields.length === 0 ? 0 : yields[draw++ % yields.length]!;
    for (let i = 0; i < n; i++) await Promise.resolve();
  };
  await Promise.all(
    Array.from({ length: users }, async (_, user) => {
      for (let i = 0; i < picksPerUser; i++) {
        await turns();
        pick(user);
      }
    }),
  );
}

const rowsOf = (n: number) => Object.freeze(Array.from({ length: n }, (_, i) => Object.freeze({ id: i })));

describe('SharedRows pickers', () => {
  it('unique() never hands a row out twice, hands every row out once, then throws, however users interleave', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(5), { maxLength: 20 }), async (length, users, yields) => {
        const rows = new SharedRows(rowsOf(length), 'users.csv', 'fail', () => {
          throw new Error('fail must not stop the test');
        });
        const got: number[] = [];
        const errors: unknown[] = [];
        // More asks than rows: the extra ones must fail, none may repeat a row.
        const perUser = Math.ceil((length + 3) / users);
        await concurrently(users, perUser, yields, () => {
          try {
            got.push(rows.unique().id);
          } catch (err) {
            errors.push(err);
          }
        });
        expect(got.sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, i) => i));
        expect(errors).toHaveLength(users * perUser - length);
        for (const err of errors) {
          expect(isDataFileError(err)).toBe(true);
          expect((err as Error).message).toBe(`users.csv: unique(): all ${length} rows were used`);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('next() visits every row once per lap, in file order, across concurrent users', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(5), { maxLength: 20 }), async (length, users, laps, yields) => {
        const rows = new SharedRows(rowsOf(length), 'terms.txt', 'wrap', () => {
          throw new Error('wrap must not stop the test');
        });
        const order: number[] = [];
        const perUser = laps * length;
        await concurrently(users, perUser, yields, () => order.push(rows.next().id));
        expect(order).toHaveLength(users * perUser);
        // Whoever asked, the picks come out as laps of 0..length-1.
        expect(order).toEqual(Array.from({ length: users * perUser }, (_, i) => i % length));
      }),
      { numRuns: 150 },
    );
  });

  it("next() with onEnd 'stop' hands out one lap, then stops the test and says the iteration ran out of data", () => {
    const reasons: string[] = [];
    const rows = new SharedRows(rowsOf(3), 'services/shop/users.csv', 'stop', (reason) => reasons.push(reason));
    expect([rows.next().id, rows.next().id, rows.next().id]).toEqual([0, 1, 2]);
    expect(reasons).toEqual([]);
    let caught: unknown;
    try {
      rows.next();
    } catch (err) {
      caught = err;
    }
    expect(isDataFileError(caught)).toBe(true);
    expect((caught as { endOfData: boolean }).endOfData).toBe(true);
    expect((caught as Error).message).toBe("services/shop/users.csv: next(): all 3 rows were used (onEnd: 'stop'): the test stops");
    expect(reasons).toEqual([(caught as Error).message]);
  });

  it("next() with onEnd 'fail' fails the asker without stopping anything", () => {
    const rows = new SharedRows(rowsOf(1), 'a.csv', 'fail', () => {
      throw new Error('must not stop');
    });
    rows.next();
    expect(() => rows.next()).toThrow("a.csv: next(): all 1 rows were used (onEnd: 'fail')");
  });

  it('forUser() gives each identity the same row every time, distinct while there are enough rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(fc.nat(200), { minLength: 1, maxLength: 50 }), (length, ids) => {
        const rows = new SharedRows(rowsOf(length), 'u.csv', 'wrap', () => {});
        for (const id of ids) {
          const user = { id, state: {} };
          expect(rows.forUser(user)).toBe(rows.forUser(user));
          expect(rows.forUser(user).id).toBe(id % length);
        }
        const distinct = new Set(Array.from({ length }, (_, id) => rows.forUser({ id, state: {} })));
        expect(distinct.size).toBe(length);
      }),
    );
    expect(() => new SharedRows(rowsOf(2), 'u.csv', 'wrap', () => {}).forUser({ id: -1, state: {} })).toThrow('u.csv: forUser(): init and cleanup run as no particular user');
  });

  it('random() returns rows of the file and, over many draws, each of them', () => {
    const all = rowsOf(5);
    const rows = new SharedRows(all, 'r.csv', 'wrap', () => {});
    const seen = new Set<unknown>();
    for (let i = 0; i < 2000; i++) {
      const row = rows.random();
      expect(all).toContain(row);
      seen.add(row);
    }
    expect(seen.size).toBe(5);
  });

  it('every picker on no rows names the file', () => {
    const rows = new SharedRows<{ id: number }>(Object.freeze([]), 'services/shop/empty.csv', 'stop', () => {
      throw new Error('no rows is not the end of a lap');
    });
    for (const pick of [() => rows.next(), () => rows.random(), () => rows.forUser({ id: 0, state: {} }), () => rows.unique()]) {
      expect(pick).toThrow('services/shop/empty.csv: no rows to pick from');
    }
  });

  describe('in segments of the test (--workers, --segment)', () => {
    const shares = (length: number, count: number, onEnd: 'wrap' | 'stop' | 'fail' = 'fail') =>
      Array.from({ length: count }, (_, index) => new SharedRows(rowsOf(length), 'users.csv', onEnd, () => {}, { index, count }));
    const attempt = <T>(pick: () => T): T | Error => {
      try {
        return pick();
      } catch (err) {
        return err as Error;
      }
    };

    it('unique(): the shares never give a row twice, and once all were asked enough they gave exactly the file rows, dealt in turn', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(11), { maxLength: 120 }), (length, count, asks) => {
          const rows = shares(length, count);
          const got: number[][] = rows.map(() => []);
          const take = (share: number) => {
            const row = attempt(() => rows[share]!.unique());
            if (!(row instanceof Error)) got[share]!.push(row.id);
            else expect(isDataFileError(row)).toBe(true);
          };
          // Any interleaving of asks, then every share asked until it is spent.
          for (const a of asks) take(a % count);
          const union = got.flat();
          expect(new Set(union).size).toBe(union.length);
          for (let share = 0; share < count; share++) for (let i = 0; i <= length; i++) take(share);
          const all = got.flat();
          expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, i) => i));
          // Share i took positions i, i + count, … : 10 rows over 3 shares are 4 + 3 + 3.
          got.forEach((ids, share) => {
            expect(ids).toEqual(Array.from({ length: shareOf(length, { index: share, count }) }, (_, k) => share + k * count));
          });
        }),
        { numRuns: 200 },
      );
    });

    it("next() with 'wrap' walks (index + k·count) mod length in every share, so the shares together walk the file in order", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 100 }), (length, count, calls) => {
          const rows = shares(length, count, 'wrap');
          for (let share = 0; share < count; share++) {
            const ids = Array.from({ length: calls }, () => rows[share]!.next().id);
            expect(ids).toEqual(Array.from({ length: calls }, (_, k) => (share + k * count) % length));
          }
        }),
        { numRuns: 300 },
      );
    });

    it("next() with 'stop' or 'fail' gives each share its turns of one lap, then says the share is spent", () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 12 }), fc.constantFrom<'stop' | 'fail'>('stop', 'fail'), (length, count, onEnd) => {
          const stops: string[] = [];
          const rows = Array.from({ length: count }, (_, index) => new SharedRows(rowsOf(length), 'lap.csv', onEnd, (r) => stops.push(r), { index, count }));
          const lap = rows.flatMap((share, index) => Array.from({ length: shareOf(length, { index, count }) }, () => share.next().id));
          expect(lap.sort((a, b) => a - b)).toEqual(Array.from({ length }, (_, i) => i));
          expect(stops).toEqual([]);
          for (const share of rows) {
            const err = attempt(() => share.next());
            expect(isDataFileError(err)).toBe(true);
            expect((err as unknown as { endOfData: boolean }).endOfData).toBe(onEnd === 'stop');
          }
          expect(stops).toHaveLength(onEnd === 'stop' ? count : 0);
        }),
        { numRuns: 200 },
      );
    });

    it('a share that used its rows, or got none (fewer rows than shares), names the file and the segment', () => {
      const [first, , third] = shares(2, 3);
      expect(first!.unique().id).toBe(0);
      expect(() => first!.unique()).toThrow('users.csv: unique(): segment 0/3 used all its 1 rows (the 2 rows are dealt out in turn to 3 segments)');
      expect(() => third!.unique()).toThrow(
        'users.csv: unique(): segment 2/3 has no row: the 2 rows are dealt out in turn to 3 segments, more segments than rows; add rows or run fewer segments or workers',
      );
      const reasons: string[] = [];
      const stopping = new SharedRows(rowsOf(2), 'services/shop/users.csv', 'stop', (r) => reasons.push(r), { index: 2, count: 3 });
      expect(() => stopping.next()).toThrow(
        "services/shop/users.csv: next(): segment 2/3 has no row: the 2 rows are dealt out in turn to 3 segments, more segments than rows; add rows or run fewer segments or workers (onEnd: 'stop'): this segment stops",
      );
      expect(reasons).toHaveLength(1);
      // With 'wrap', a share with no row of its own in the first lap still walks the file.
      expect(new SharedRows(rowsOf(2), 'u.csv', 'wrap', () => {}, { index: 2, count: 3 }).next().id).toBe(0);
    });

    it('forUser() needs no segment: user ids are numbered across the whole test', () => {
      // Segment i's identities are i, i + count, … (user-pool.ts): distinct rows across segments.
      const rows = shares(6, 3, 'wrap');
      const picked = rows.flatMap((share, index) => [0, 1].map((k) => share.forUser({ id: index + k * 3, state: {} }).id));
      expect(new Set(picked).size).toBe(6);
    });
  });
});
