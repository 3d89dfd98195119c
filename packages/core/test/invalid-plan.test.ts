import { constantProfile, Engine, InvalidPlanError, workflow, type Load, type RunPlan } from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';

const wf = workflow({ run() {} });

function plan(load: Load): RunPlan {
  return { workflows: [{ name: 'svc/wf', service: 'svc', file: 'wf.ts', definition: wf, env: {} }], load, durationMs: 1000, iterations: null, warmupMs: 0, gracefulStopMs: 1000, uniqueUsers: null };
}

function problemsOf(load: Load): string[] {
  let recorders = 0;
  try {
    new Engine(plan(load), { http: inMemoryHttp(), createRecorder: () => (recorders++, new CountingRecorder()) });
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidPlanError);
    expect(recorders).toBe(0); // rejected before anything was built
    return (err as InvalidPlanError).problems.map((p) => p.field);
  }
  return [];
}

describe('Engine validates the plan it is given (an embedder builds plans by hand)', () => {
  it('lists every problem of a closed load', () => {
    expect(problemsOf({ model: 'closed', users: { start: -1, stages: [{ target: 2.5, durationMs: -1 }] } })).toEqual(['users', 'stages[0].target', 'stages[0].duration']);
    expect(problemsOf({ model: 'closed', users: constantProfile(0, null) })).toEqual(['users']);
  });

  it('lists every problem of an open load', () => {
    const rate = constantProfile(10, null);
    expect(problemsOf({ model: 'open', rate, maxUsers: 0, jitter: 2, distribution: 'sometimes' as 'random' })).toEqual(['max-users', 'jitter', 'distribution']);
    expect(problemsOf({ model: 'open', rate: { start: Number.NaN, stages: [] }, maxUsers: 4, jitter: 0, distribution: 'regular' })).toEqual(['rate']);
  });

  it('accepts valid loads of both models', () => {
    expect(problemsOf({ model: 'closed', users: constantProfile(3, null) })).toEqual([]);
    expect(problemsOf({ model: 'open', rate: constantProfile(10, null), maxUsers: 4, jitter: 0.5, distribution: 'random' })).toEqual([]);
  });

  it('names the fields in its message', () => {
    expect(() => new Engine(plan({ model: 'closed', users: constantProfile(-2, null) }), { http: inMemoryHttp(), createRecorder: () => new CountingRecorder() })).toThrow(
      /^invalid load: users: expected a whole number of users >= 0 at the start, got -2; users: expected at least 1 user/,
    );
  });
});
