import { buildRunPlan, ConfigError, type RunFlags } from '@go-heavy/config';
import type { RunPlan } from '@go-heavy/core';
import { makeProject, WORKFLOW } from './project.js';

const BASE = 'BASE_URL=http://127.0.0.1:9\n';
const config = (body: string) => `import { defineConfig } from '@go-heavy/config';\nexport default defineConfig(${body});\n`;

/** Each workflow's load, by short name, as the engine will run it. */
function loads(plan: RunPlan) {
  return Object.fromEntries(
    plan.workflows.map((w) => {
      const wl = w.load!;
      const level = wl.load.model === 'closed' ? { users: wl.load.users } : { rate: wl.load.rate, maxUsers: wl.load.maxUsers };
      return [w.name.split('/')[1], { ...level, iterations: wl.iterations, uniqueUsers: wl.uniqueUsers, startTimeMs: wl.startTimeMs, weight: wl.weight, share: wl.share }];
    }),
  );
}
const constant = (n: number, ms: number | null) => ({ start: n, stages: ms === null ? [] : [{ durationMs: ms, target: n }] });

describe('the mix of a service', () => {
  const project = makeProject({
    'services/plain/env.default': BASE,
    'services/plain/browse.ts': WORKFLOW(),
    'services/plain/write.ts': WORKFLOW(),
    'services/weighted/env.default': BASE,
    'services/weighted/browse.ts': WORKFLOW(),
    'services/weighted/write.ts': WORKFLOW(),
    'services/weighted/admin.ts': WORKFLOW(),
    'services/weighted/heavy.config.ts': config(`{ users: 10, duration: '5s', workflows: { browse: { weight: 9 }, write: { weight: 1, startTime: '2s' }, admin: { weight: 0 } } }`),
    'services/own/env.default': BASE,
    'services/own/browse.ts': WORKFLOW(),
    'services/own/search.ts': WORKFLOW(),
    'services/own/spike.ts': WORKFLOW(),
    'services/own/heavy.config.ts': config(
      `{ users: 4, duration: '5s', profiles: { burst: { rate: 20, maxUsers: 5 } }, workflows: { spike: { stages: '2s:0,1s:30/s,1s:0/s', startTime: '3s' }, search: { profile: 'burst', jitter: '10%' } } }`,
    ),
    'services/badname/env.default': BASE,
    'services/badname/browse.ts': WORKFLOW(),
    'services/badname/heavy.config.ts': config(`{ workflows: { brows: { weight: 2 } } }`),
    'services/badweight/env.default': BASE,
    'services/badweight/browse.ts': WORKFLOW(),
    'services/badweight/heavy.config.ts': config(`{ workflows: { browse: { weight: -1, users: 2, duration: '3s' } } }`),
  });
  afterAll(() => project.remove());
  const plan = async (target: string, flags: RunFlags = {}) => (await buildRunPlan({ root: project.root, target, flags, processEnv: {} })).plan;

  it('splits --users equally across workflows when no weights are given', async () => {
    const p = await plan('plain', { users: '5', duration: '3s' });
    expect(loads(p)).toEqual({
      browse: expect.objectContaining({ users: constant(3, 3000), weight: 1, share: 0.5 }),
      write: expect.objectContaining({ users: constant(2, 3000), weight: 1, share: 0.5 }),
    });
  });

  it('--mix splits users, iterations and a rate by weight, exactly', async () => {
    const closed = await plan('plain', { users: '10', iterations: '40', mix: 'browse=9,write=1' });
    expect(loads(closed)).toEqual({
      browse: expect.objectContaining({ users: constant(9, null), iterations: 36, share: 0.9 }),
      write: expect.objectContaining({ users: constant(1, null), iterations: 4, share: 0.1 }),
    });
    const open = await plan('plain', { rate: '100', duration: '2s', mix: 'browse=3,write=1' });
    expect(loads(open)).toEqual({
      browse: expect.objectContaining({ rate: constant(75, 2000), maxUsers: 75 }),
      write: expect.objectContaining({ rate: constant(25, 2000), maxUsers: 25 }),
    });
  });

  it('gives every weighted workflow one user even when fewer are asked for (a smoke run of the service)', async () => {
    const p = await plan('plain');
    expect(loads(p)).toEqual({
      browse: expect.objectContaining({ users: constant(1, null), iterations: 1 }),
      write: expect.objectContaining({ users: constant(1, null), iterations: 1 }),
    });
  });

  it("reads weights and start times from heavy.config.ts; weight 0 leaves a workflow out; --mix replaces the config's mix", async () => {
    const p = await plan('weighted');
    expect(p.workflows.map((w) => w.name)).toEqual(['weighted/browse', 'weighted/write']);
    expect(loads(p)).toEqual({
      browse: expect.objectContaining({ users: constant(9, 5000), weight: 9, startTimeMs: 0 }),
      write: expect.objectContaining({ users: constant(1, 5000), weight: 1, startTimeMs: 2000 }),
    });
    const mixed = await plan('weighted', { mix: 'admin=1,write=1' });
    expect(mixed.workflows.map((w) => w.name)).toEqual(['weighted/admin', 'weighted/write']);
    expect(loads(mixed).admin).toEqual(expect.objectContaining({ users: constant(5, 5000), weight: 1 }));
  });

  it('runs a workflow with a load of its own as written, whatever the flags; the others share the service load', async () => {
    const p = await plan('own', { users: '6' });
    const l = loads(p);
    expect(l.browse).toEqual(expect.objectContaining({ users: constant(6, 5000), weight: 1, share: 1 }));
    expect(l.search).toEqual(expect.objectContaining({ rate: constant(20, 5000), maxUsers: 5, weight: null, share: null }));
    expect(p.workflows.find((w) => w.name === 'own/search')!.load!.load).toEqual(expect.objectContaining({ jitter: 0.1 }));
    expect(l.spike).toEqual(
      expect.objectContaining({
        rate: {
          start: 0,
          stages: [
            { durationMs: 2000, target: 0 },
            { durationMs: 1000, target: 30 },
            { durationMs: 1000, target: 0 },
          ],
        },
        startTimeMs: 3000,
        weight: null,
      }),
    );
    // Its stages end 7 s in (3 s start + 4 s): the run lasts that long rather than the service's 5 s.
    expect(p.durationMs).toBe(7000);
  });

  it('rejects, in one line naming the flag or field, an unknown workflow, a bad weight and a mix with nothing to run', async () => {
    const problem = async (target: string, flags: RunFlags = {}) => {
      const err = await plan(target, flags).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    };
    expect(await problem('plain', { mix: 'browse=9,wrte=1' })).toBe('--mix: unknown workflow "wrte": expected one of browse, write');
    expect(await problem('plain', { mix: 'browse=-2' })).toBe('--mix: browse: expected a weight, a number >= 0 (0 leaves the workflow out), got -2');
    expect(await problem('plain', { mix: 'browse' })).toMatch(/^--mix: "browse": expected name=weight pairs of this run's workflows \(browse, write\), like browse=3,write=1$/);
    expect(await problem('plain', { mix: 'browse=x' })).toBe('--mix: browse: expected a weight, a number >= 0 (0 leaves the workflow out), got "x"');
    expect(await problem('plain', { mix: 'browse=0,write=0' })).toMatch(/^--mix: every weight is 0/);
    expect(await problem('badname')).toMatch(/heavy\.config\.ts: workflows: unknown workflow "brows": expected one of browse$/);
    const bad = await problem('badweight');
    expect(bad).toMatch(/workflows\.browse\.duration: the run's length is the service's duration/);
    expect(bad).toMatch(/workflows\.browse\.weight: expected a weight, a number >= 0/);
  });
});
