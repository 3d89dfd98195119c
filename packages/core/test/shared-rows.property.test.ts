import fc from 'fast-check';
import { isDataFileError } from '@go-heavy/core';
import { SharedRows } from '../src/data/shared-rows.js';

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
});
