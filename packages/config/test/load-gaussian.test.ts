import { integrate, peakTarget, profileDurationMs, targetAt, type LoadProfile } from '@go-heavy/core';
import { gaussianProfile } from '../src/load/gaussian.js';

/** Time of the highest breakpoint of a profile. */
function peakTime(profile: LoadProfile): number {
  let best = profile.start;
  let bestAt = 0;
  let at = 0;
  for (const stage of profile.stages) {
    at += stage.durationMs;
    if (stage.target > best) {
      best = stage.target;
      bestAt = at;
    }
  }
  return bestAt;
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('gaussianProfile', () => {
  it.each([
    [{ volume: 10_000, peakMs: 30_000, stddevMs: 10_000, durationMs: 60_000 }],
    [{ volume: 10_000, peakMs: 30_000, stddevMs: 10_000, durationMs: 45_000 }],
    [{ volume: 1000, peakMs: 0, stddevMs: 2000, durationMs: 5000 }],
    [{ volume: 7, peakMs: 1500, stddevMs: 300, durationMs: 2000 }],
    [{ volume: 123_456, peakMs: 1_800_000, stddevMs: 5, durationMs: 3_600_000 }],
  ])('plans exactly the volume over the duration: %p', (shape) => {
    const profile = gaussianProfile(shape);
    expect(profileDurationMs(profile)).toBeCloseTo(shape.durationMs, 6);
    expect(relative(integrate(profile, 0, shape.durationMs), shape.volume)).toBeLessThan(1e-6);
    expect(profile.start).toBeGreaterThanOrEqual(0);
    for (const stage of profile.stages) expect(stage.target).toBeGreaterThanOrEqual(0);
  });

  it('peaks at the peak time, with the curve falling away on both sides', () => {
    const profile = gaussianProfile({ volume: 10_000, peakMs: 20_000, stddevMs: 5000, durationMs: 60_000 });
    expect(peakTime(profile)).toBe(20_000);
    expect(targetAt(profile, 20_000)).toBe(peakTarget(profile));
    expect(targetAt(profile, 15_000)).toBeLessThan(targetAt(profile, 19_000));
    expect(targetAt(profile, 25_000)).toBeLessThan(targetAt(profile, 21_000));
    // One standard deviation away the bell is at exp(-1/2) of its height.
    expect(targetAt(profile, 25_000) / targetAt(profile, 20_000)).toBeCloseTo(Math.exp(-0.5), 6);
    // Most of the volume lies within two standard deviations (95.4% of a full bell).
    expect(integrate(profile, 10_000, 30_000) / 10_000).toBeCloseTo(0.954, 2);
  });

  it('puts a peak that falls between one-second legs on a breakpoint', () => {
    const profile = gaussianProfile({ volume: 500, peakMs: 12_345, stddevMs: 3000, durationMs: 30_000 });
    expect(peakTime(profile)).toBe(12_345);
  });

  it('is symmetric around a centred peak', () => {
    const profile = gaussianProfile({ volume: 10_000, peakMs: 30_000, stddevMs: 10_000, durationMs: 60_000 });
    for (const dt of [0, 1000, 5000, 12_500, 29_999, 30_000]) {
      expect(targetAt(profile, 30_000 - dt)).toBeCloseTo(targetAt(profile, 30_000 + dt), 9);
    }
    expect(integrate(profile, 0, 30_000)).toBeCloseTo(5000, 6);
  });

  it('renormalises a curve cut by the end of the run', () => {
    // Peak at the end: only half a bell fits, and it still plans the whole volume.
    const half = gaussianProfile({ volume: 1000, peakMs: 10_000, stddevMs: 2000, durationMs: 10_000 });
    const full = gaussianProfile({ volume: 1000, peakMs: 10_000, stddevMs: 2000, durationMs: 20_000 });
    expect(integrate(half, 0, 10_000)).toBeCloseTo(1000, 6);
    expect(peakTarget(half) / peakTarget(full)).toBeCloseTo(2, 2);
  });

  it('uses legs of at most 1 s, and at least 20 legs for short runs', () => {
    const long = gaussianProfile({ volume: 100, peakMs: 30_000, stddevMs: 10_000, durationMs: 60_000 });
    expect(long.stages).toHaveLength(60);
    expect(Math.max(...long.stages.map((s) => s.durationMs))).toBeLessThanOrEqual(1000);
    const short = gaussianProfile({ volume: 100, peakMs: 1000, stddevMs: 1000, durationMs: 2000 });
    expect(short.stages.length).toBeGreaterThanOrEqual(20);
    expect(Math.max(...short.stages.map((s) => s.durationMs))).toBeLessThanOrEqual(100);
  });

  it.each([
    [{ volume: 0, peakMs: 0, stddevMs: 1, durationMs: 1 }],
    [{ volume: 1, peakMs: 0, stddevMs: 0, durationMs: 1 }],
    [{ volume: 1, peakMs: 0, stddevMs: 1, durationMs: 0 }],
    [{ volume: 1, peakMs: 2, stddevMs: 1, durationMs: 1 }],
    [{ volume: 1, peakMs: -1, stddevMs: 1, durationMs: 1 }],
  ])('rejects an impossible shape %p', (shape) => {
    expect(() => gaussianProfile(shape)).toThrow(RangeError);
  });
});
