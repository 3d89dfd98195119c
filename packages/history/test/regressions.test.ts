import { baselines, findRegressions, median } from '@go-heavy/history';

describe('baselines', () => {
  it('is the median of the up to N values before each one, null for the first', () => {
    const p95 = [100, 104, 98, 101, 150, 99, 130];
    // window 3: [100] → 100, [100, 104] → 102, [100, 104, 98] → 100, [104, 98, 101] → 101, ...
    expect(baselines(p95, 3)).toEqual([null, 100, 102, 100, 101, 101, 101]);
    expect(baselines(p95, 1)).toEqual([null, 100, 104, 98, 101, 150, 99]);
    expect(baselines([7], 5)).toEqual([null]);
    expect(baselines([], 5)).toEqual([]);
  });

  it('is the baseline findRegressions judges each value against', () => {
    const values = [40, 42, 41, 39, 90, 43, 44, 60, 41];
    const rule = { window: 4, tolerancePct: 10, higherIsWorse: true };
    const base = baselines(values, rule.window);
    const expected = values.map((v, i) => base[i] !== null && v > base[i]! * 1.1);
    expect(findRegressions(values, rule)).toEqual(expected);
    expect(expected.filter(Boolean)).toHaveLength(2);
    expect(base[4]).toBe(median([40, 42, 41, 39]));
  });
});
