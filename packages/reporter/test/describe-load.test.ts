import type { LoadDescription } from '@go-heavy/core';
import { formatProfile } from '../src/describe-load.js';
import { formatSummary } from '../src/format-summary.js';
import { makeOpenRunResult, makeRunResult } from './helpers/run-result-fixture.js';

const closed = makeRunResult().load;
const open = makeOpenRunResult().load;
/** The Load line of the console summary, its label and padding cut off. */
const loadLine = (load: LoadDescription) =>
  formatSummary(makeRunResult({ load }), { width: 400 })
    .split('\n')
    .find((l) => l.trimStart().startsWith('Load '))!
    .replace(/^\s*Load\s+/, '');

describe('the Load line shows the shape of the load', () => {
  it('a constant load is the phrase alone', () => {
    expect(loadLine(closed)).toBe('closed model: 12 users, 10 s');
  });

  it('a ramp says how it rises and holds', () => {
    expect(loadLine(open)).toBe('open model: 500/s, up to 20 users, 10 s; from 0/s: ramp to 500/s over 2 s, hold 500/s for 8 s');
  });

  it('stages of users, spelled out; many stages summed up with their peak', () => {
    const stages = { start: 0, stages: [10, 50, 50, 0].map((target) => ({ durationMs: 10_000, target })) };
    expect(loadLine({ ...closed, users: 50, durationMs: 40_000, profile: stages })).toBe(
      'closed model: 50 users, 40 s; from 0 users: ramp to 10 users over 10 s, ramp to 50 users over 10 s, hold 50 users for 10 s, ramp to 0 users over 10 s',
    );
    const many = { start: 0, stages: Array.from({ length: 12 }, (_, i) => ({ durationMs: 5000, target: (i % 4) * 10 })) };
    expect(loadLine({ ...closed, users: 30, durationMs: 60_000, profile: many })).toBe('closed model: 30 users, 1 m 00 s; 12 stages, peak 30 users');
  });

  it('a gaussian by its settings, not its sampled legs', () => {
    const legs = { start: 1, stages: Array.from({ length: 60 }, (_, i) => ({ durationMs: 1000, target: 1 + i })) };
    const gaussian: LoadDescription = { ...open, rate: 61, durationMs: 60_000, profile: legs, shape: { kind: 'gaussian', volume: 1000, peakMs: 30_000, stddevMs: 10_000 } };
    expect(loadLine(gaussian)).toBe('open model: 61/s, up to 20 users, 1 m 00 s; gaussian: 1000 iterations, peak at 30 s, stddev 10 s');
    expect(formatProfile(gaussian)).toBe('gaussian: 1000 iterations, peak at 30 s, stddev 10 s');
  });

  it('random starts and jitter of the open model', () => {
    expect(loadLine({ ...open, distribution: 'random', jitter: 0.2 })).toBe('open model: 500/s, up to 20 users, 10 s; from 0/s: ramp to 500/s over 2 s, hold 500/s for 8 s; random starts; jitter 20%');
  });

  it('unique users and the --profile the load came from', () => {
    expect(loadLine({ ...closed, uniqueUsers: 100, profileSource: 'profiles/peak.yaml' })).toBe('closed model: 12 users, 10 s; 100 unique users; from --profile profiles/peak.yaml');
    expect(loadLine({ ...closed, uniqueUsers: 1 })).toBe('closed model: 12 users, 10 s; 1 unique user');
  });
});
