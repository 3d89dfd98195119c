import { integrate, type LoadProfile, type OpenLoad } from '@go-heavy/core';
import { ConfigError } from '../src/config-error.js';
import { pickSpec, type SourcedSpec } from '../src/load/load-spec.js';
import { mergeSpecs } from '../src/load/merge-specs.js';
import { resolveLoad } from '../src/load/resolve-load.js';

/** The spec the flags of `go-heavy run` give. */
const flags = (values: Record<string, unknown>) => pickSpec(values, '--');

/** The problems resolving `spec` reports, one per line; fails when it resolves. */
function problemsOf(spec: SourcedSpec): string[] {
  try {
    resolveLoad(spec);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

const constant = (target: number, durationMs: number | null): LoadProfile => ({
  start: target,
  stages: durationMs === null ? [] : [{ durationMs, target }],
});

describe('resolveLoad: defaults and the closed model', () => {
  it('defaults to one user for one iteration (a smoke run)', () => {
    expect(resolveLoad({})).toEqual({ load: { model: 'closed', users: constant(1, null) }, durationMs: null, iterations: 1, uniqueUsers: null });
  });

  it('holds --users for the duration, without an iteration cap', () => {
    expect(resolveLoad(flags({ users: '5', duration: '30s' }))).toEqual({
      load: { model: 'closed', users: constant(5, 30_000) },
      durationMs: 30_000,
      iterations: null,
      uniqueUsers: null,
    });
  });

  it('keeps both duration and iterations (whichever comes first)', () => {
    const r = resolveLoad(flags({ users: 2, duration: '1m', iterations: '100' }));
    expect([r.durationMs, r.iterations]).toEqual([60_000, 100]);
  });

  it('ramps users up from 0, then holds', () => {
    const r = resolveLoad(flags({ users: '50', duration: '1m', rampUp: '10s' }));
    expect(r.load).toEqual({
      model: 'closed',
      users: {
        start: 0,
        stages: [
          { durationMs: 10_000, target: 50 },
          { durationMs: 50_000, target: 50 },
        ],
      },
    });
  });

  it('a ramp-up as long as the duration is one leg', () => {
    const r = resolveLoad(flags({ users: '5', duration: '10s', rampUp: '10s' }));
    expect(r.load).toEqual({ model: 'closed', users: { start: 0, stages: [{ durationMs: 10_000, target: 5 }] } });
  });

  it('reads user stages; their total becomes the duration', () => {
    const r = resolveLoad(flags({ stages: '10s:50,30s:200,10s:0' }));
    expect(r.load).toEqual({
      model: 'closed',
      users: {
        start: 0,
        stages: [
          { durationMs: 10_000, target: 50 },
          { durationMs: 30_000, target: 200 },
          { durationMs: 10_000, target: 0 },
        ],
      },
    });
    expect([r.durationMs, r.iterations]).toEqual([50_000, null]);
  });

  it('an explicit duration wins over the stages total', () => {
    expect(resolveLoad(flags({ stages: '10s:5', duration: '1m' })).durationMs).toBe(60_000);
  });

  it('passes unique users through', () => {
    expect(resolveLoad(flags({ users: 5, uniqueUsers: '8', duration: '5s' })).uniqueUsers).toBe(8);
  });
});

describe('resolveLoad: the open model', () => {
  it('holds --rate, with a default cap of at least 10 users', () => {
    const r = resolveLoad(flags({ rate: '600/m', duration: '30s' }));
    expect(r.load).toEqual({ model: 'open', rate: constant(10, 30_000), maxUsers: 10, distribution: 'regular', jitter: 0 });
  });

  it('the default cap follows the peak rate per second', () => {
    expect((resolveLoad(flags({ rate: '250.5', duration: '5s' })).load as OpenLoad).maxUsers).toBe(251);
    expect((resolveLoad(flags({ stages: '10s:40/s,10s:120/s' })).load as OpenLoad).maxUsers).toBe(120);
  });

  it('takes --max-users, --jitter and --distribution', () => {
    const r = resolveLoad(flags({ rate: '100/s', duration: '10s', maxUsers: '40', jitter: '20%', distribution: 'random' }));
    expect(r.load).toEqual({ model: 'open', rate: constant(100, 10_000), maxUsers: 40, distribution: 'random', jitter: 0.2 });
  });

  it('unique users cap concurrency in the open model', () => {
    expect((resolveLoad(flags({ rate: '100', duration: '10s', maxUsers: 40, uniqueUsers: 25 })).load as OpenLoad).maxUsers).toBe(25);
    expect((resolveLoad(flags({ rate: '100', duration: '10s', uniqueUsers: 500 })).load as OpenLoad).maxUsers).toBe(100);
  });

  it('ramps the rate up', () => {
    const r = resolveLoad(flags({ rate: '20/s', duration: '30s', rampUp: '10s' }));
    expect((r.load as OpenLoad).rate).toEqual({
      start: 0,
      stages: [
        { durationMs: 10_000, target: 20 },
        { durationMs: 20_000, target: 20 },
      ],
    });
    // Half the rate on average over the ramp, then full: 100 + 400 iterations.
    expect(integrate((r.load as OpenLoad).rate, 0, 30_000)).toBeCloseTo(500, 9);
  });

  it('stages written as rates are the open model', () => {
    const r = resolveLoad(flags({ stages: '10s:50/s,30s:200/s,10s:0' }));
    expect(r.load.model).toBe('open');
    expect(integrate((r.load as OpenLoad).rate, 0, 50_000)).toBeCloseTo(250 + 3750 + 1000, 9);
  });

  it('the gaussian shape plans the volume over the duration', () => {
    const r = resolveLoad(flags({ shape: 'gaussian', volume: '10000', peak: '30s', stddev: '10s', duration: '1m' }));
    const load = r.load as OpenLoad;
    expect(load.model).toBe('open');
    expect(r.durationMs).toBe(60_000);
    expect(integrate(load.rate, 0, 60_000)).toBeCloseTo(10_000, 4);
    expect(load.maxUsers).toBeGreaterThanOrEqual(10);
  });
});

describe('resolveLoad: problems', () => {
  it('--rate -1', () => {
    expect(problemsOf(flags({ rate: '-1' }))).toEqual(['--rate: expected a rate like 100, 100/s or 600/m, got "-1"']);
  });

  it('--stages x', () => {
    expect(problemsOf(flags({ stages: 'x' }))).toEqual(['--stages: part 1 "x": expected duration:target like 30s:200']);
  });

  it('--users 5 --rate 5', () => {
    expect(problemsOf(flags({ users: '5', rate: '5' }))).toEqual(['--users and --rate cannot be used together: --users is the closed model, --rate the open model']);
  });

  it('names each setting by where it came from', () => {
    const spec: SourcedSpec = {
      users: { value: 5, what: 'services/x/heavy.config.ts: users' },
      rate: { value: '5/s', what: 'profile.yaml:3: rate' },
    };
    expect(problemsOf(spec)).toEqual([
      'services/x/heavy.config.ts: users and profile.yaml:3: rate cannot be used together: services/x/heavy.config.ts: users is the closed model, profile.yaml:3: rate the open model',
    ]);
  });

  it('reports every problem at once, one per line', () => {
    expect(problemsOf(flags({ users: '0', duration: 'soon', jitter: '2', distribution: 'bursty', iterations: -3 }))).toEqual([
      '--users: expected a whole number >= 1, got "0"',
      '--duration: expected a duration like 10s, 500ms or 1m30s, got "soon"',
      '--iterations: expected a whole number >= 1, got -3',
      '--jitter: expected a fraction from 0 to 1 or a percentage like 20%, got "2"',
      '--distribution: expected regular or random, got "bursty"',
      '--jitter: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)',
      '--distribution: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)',
    ]);
  });

  it('rejects a zero duration', () => {
    expect(problemsOf(flags({ duration: '0s' }))).toEqual([
      '--duration: expected a duration above zero like 30s, got "0s": a run needs time to send load; to run a fixed number of iterations, set --iterations instead',
    ]);
  });

  it('allows one way of shaping the level', () => {
    expect(problemsOf(flags({ users: 5, duration: '1m', rampUp: '10s', stages: '10s:5' }))).toContain('--ramp-up and --stages cannot be used together: each one sets how the level changes over time');
    expect(problemsOf(flags({ rampUp: '10s', stages: '10s:5/s', shape: 'gaussian', volume: 1, peak: '1s', stddev: '1s', duration: '1m' }))[0]).toBe(
      '--ramp-up, --stages and --shape cannot be used together: each one sets how the level changes over time',
    );
  });

  it('stages set the level themselves', () => {
    expect(problemsOf(flags({ users: 5, stages: '10s:5' }))).toEqual(["--users and --stages cannot be used together: the stages' targets are the number of users"]);
    expect(problemsOf(flags({ rate: 5, stages: '10s:5' }))).toEqual([
      "--rate and --stages cannot be used together: the stages' targets are users; for the open model write them as rates, like 10s:50/s",
    ]);
    expect(problemsOf(flags({ rate: 5, stages: '10s:5/s' }))).toEqual(["--rate and --stages cannot be used together: the stages' targets are the rate"]);
    expect(problemsOf(flags({ users: 5, stages: '10s:5/s' }))).toEqual(['--users and --stages cannot be used together: --users is the closed model, stages written as rates the open model']);
  });

  it('stages must last and reach above zero', () => {
    expect(problemsOf(flags({ stages: '0s:5' }))).toEqual(['--stages: the stages last 0s; expected at least one with a duration, like 30s:200']);
    expect(problemsOf(flags({ stages: '10s:0,5s:0' }))).toEqual(['--stages: every target is 0, so nothing would run']);
    expect(resolveLoad(flags({ stages: '0s:5', duration: '10s' })).durationMs).toBe(10_000);
  });

  it('the ramp-up must fit in the duration', () => {
    expect(problemsOf(flags({ users: 5, duration: '30s', rampUp: '1m' }))).toEqual(['--ramp-up 1m is longer than --duration 30s']);
  });

  it('gaussian needs its settings and no users or rate', () => {
    expect(problemsOf(flags({ shape: 'gaussian', peak: '30s' }))).toEqual(['--shape gaussian needs --volume, --stddev and --duration']);
    expect(problemsOf(flags({ shape: 'gaussian', volume: 10, peak: '30s', stddev: '5s', duration: '1m', rate: '5' }))).toEqual([
      '--rate and --shape gaussian cannot be used together: the gaussian shape sets the rate from --volume',
    ]);
    expect(problemsOf(flags({ shape: 'gaussian', volume: 10, peak: '30s', stddev: '5s', duration: '1m', users: 3 }))).toEqual([
      '--users and --shape gaussian cannot be used together: the gaussian shape is the open model',
    ]);
    expect(problemsOf(flags({ shape: 'gaussian', volume: 10, peak: '2m', stddev: '5s', duration: '1m' }))).toEqual(['--peak 2m is past the end of --duration 1m']);
    expect(problemsOf(flags({ shape: 'square', volume: 10 }))).toEqual(['--shape: expected gaussian, got "square"']);
  });

  it('names missing gaussian settings the way the shape was given', () => {
    expect(problemsOf({ shape: { value: 'gaussian', what: 'profile.yaml:1: shape' } })).toEqual(['profile.yaml:1: shape gaussian needs volume, peak, stddev and duration']);
  });

  it('gaussian settings only with the gaussian shape', () => {
    expect(problemsOf(flags({ rate: 5, volume: 10, peak: '1s' }))).toEqual(['--volume: only with --shape gaussian', '--peak: only with --shape gaussian']);
  });

  it('open-model settings only with the open model', () => {
    expect(problemsOf(flags({ users: 5, maxUsers: 10 }))).toEqual(['--max-users: only for the open model (--rate, stages written as rates like 10s:50/s, or --shape gaussian)']);
  });

  it('unique users cover the users of the closed model', () => {
    expect(problemsOf(flags({ users: 5, uniqueUsers: 3 }))).toEqual(['--unique-users 3 is fewer than --users 5: each user needs its own identity']);
    expect(problemsOf(flags({ stages: '10s:50,10s:0', uniqueUsers: 20 }))).toEqual(['--unique-users 20 is fewer than the 50 users --stages reaches: each user needs its own identity']);
    expect(resolveLoad(flags({ users: 5, uniqueUsers: 5 })).uniqueUsers).toBe(5);
  });
});

describe('pickSpec and mergeSpecs', () => {
  it('names flags and config fields as plan.ts does, ignoring other keys', () => {
    expect(pickSpec({ maxUsers: '5', timeout: '1s', rate: undefined }, '--')).toEqual({ maxUsers: { value: '5', what: '--max-users' } });
    expect(pickSpec({ rampUp: '5s' }, 'services/x/heavy.config.ts: ')).toEqual({
      rampUp: { value: '5s', what: 'services/x/heavy.config.ts: rampUp' },
    });
  });

  it('a higher layer wins key by key', () => {
    const merged = mergeSpecs([pickSpec({ users: 3, duration: '5s' }, 'cfg: '), flags({ duration: '1m' })]);
    expect(merged).toEqual({ users: { value: 3, what: 'cfg: users' }, duration: { value: '1m', what: '--duration' } });
  });

  it('a higher layer choosing the model replaces the lower one instead of conflicting', () => {
    const merged = mergeSpecs([pickSpec({ users: 3, stages: '1s:1' }, 'cfg: '), flags({ rate: '100/s' })]);
    expect(merged).toEqual({ rate: { value: '100/s', what: '--rate' } });
    expect(resolveLoad({ ...merged, duration: { value: '1s', what: '--duration' } }).load.model).toBe('open');
  });

  it('a higher layer shaping the level replaces a lower ramp-up', () => {
    const merged = mergeSpecs([pickSpec({ users: 3, rampUp: '10s' }, 'cfg: '), flags({ stages: '5s:5' })]);
    expect(Object.keys(merged)).toEqual(['stages']);
    // Within one layer, the conflict stays.
    expect(Object.keys(mergeSpecs([flags({ users: 1, rate: 2 })]))).toEqual(['users', 'rate']);
  });

  it("stages from a higher layer are not cut short by a lower layer's duration", () => {
    const merged = mergeSpecs([pickSpec({ users: 5, duration: '10s' }, 'cfg: '), flags({ stages: '10s:20,30s:20,10s:0' })]);
    expect(resolveLoad(merged).durationMs).toBe(50_000);
    // A duration given with the stages, in the same layer, still ends the run early.
    const both = mergeSpecs([pickSpec({ users: 5 }, 'cfg: '), flags({ stages: '10s:20,30s:20', duration: '15s' })]);
    expect(resolveLoad(both).durationMs).toBe(15_000);
  });
});
