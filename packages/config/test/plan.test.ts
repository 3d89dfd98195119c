import path from 'node:path';
import { buildRunPlan, ConfigError, planLoad } from '@go-heavy/config';
import { makeProject, WORKFLOW } from './project.js';

const BASE = 'BASE_URL=http://127.0.0.1:9\n';

describe('buildRunPlan', () => {
  const project = makeProject({
    'env.default': 'TEAM=core\nBASE_URL=http://127.0.0.1:1\n',
    'services/shop/env.default': 'BASE_URL=http://127.0.0.1:2/\nFROM_DEFAULT=yes\nOVERRIDDEN=default\n',
    'services/shop/.env': 'OVERRIDDEN=local\n',
    'services/shop/heavy.config.ts': `import { defineConfig } from '@go-heavy/config';\nexport default defineConfig({ users: 3, duration: '5s' });\n`,
    'services/shop/browse.ts': `import { workflow } from '@go-heavy/core';\nimport { pick } from '../../common/pick';\nexport default workflow({ async run(ctx) { await ctx.http.get('/' + pick()); } });\n`,
    'services/shop/buy.ts': WORKFLOW('purchase'),
    'services/shop/helpers.ts': `export const helper = 1;\n`,
    'services/shop/browse.test.ts': `throw new Error('tests are never loaded');\n`,
    'common/pick.ts': `export function pick(): string { return 'products'; }\n`,
    'services/empty/notes.ts': 'export const x = 1;\n',
    'services/nobase/only.ts': WORKFLOW(),
    'services/broken/bad.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ run(ctx) { const = 1 } });\n`,
    'services/nodefault/wf.ts': `export const notDefault = 1;\n`,
    'services/throws/wf.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ run: 'not a function' } as never);\n`,
    'services/missingimport/wf.ts': `import { workflow } from '@go-heavy/core';\nimport { nope } from '../../common/nope';\nexport default workflow({ run() { nope(); } });\n`,
    'services/badconfig/heavy.config.ts': `export default { usres: 3 };\n`,
    'services/badconfig/wf.ts': WORKFLOW(),
    'services/badconfig/env.default': BASE,
    'services/open/env.default': BASE,
    'services/open/wf.ts': WORKFLOW(),
    'services/open/heavy.config.ts': `export default { users: 4, duration: '10s', profiles: { spike: { rate: '600/m', maxUsers: 3, duration: '2s' }, ramp: { users: 8, rampUp: '5s' } } };\n`,
    'services/open/peak.yaml': 'rate: 50/s\nduration: 3s\nmaxUsers: 20\njitter: 10%\n',
    'services/open/bad.yaml': 'rate: -1\nusres: 3\nduration: abc\n',
  });
  afterAll(() => project.remove());
  const plan = (target: string, flags = {}, processEnv: Record<string, string> = {}) => buildRunPlan({ root: project.root, target, flags, processEnv });

  it('loads every workflow of a service, skipping helpers and tests', async () => {
    const { plan: p } = await plan('shop');
    expect(p.workflows.map((w) => w.name)).toEqual(['shop/browse', 'shop/purchase']);
    expect(p.workflows[0]!.file).toBe(path.join(project.root, 'services/shop/browse.ts'));
  });

  it('takes the service config, then the flags over it', async () => {
    const fromFile = await plan('shop');
    expect(fromFile.plan.load).toEqual({ model: 'closed', users: { start: 3, stages: [{ durationMs: 5000, target: 3 }] } });
    expect(fromFile.plan.durationMs).toBe(5000);
    expect(fromFile.plan.warmupMs).toBe(2000);
    const fromFlags = await plan('shop', { users: '7', duration: '1m', warmup: '0s', timeout: '2s' });
    expect(fromFlags.plan.load).toMatchObject({ users: { start: 7 } });
    expect(fromFlags.plan.durationMs).toBe(60_000);
    expect(fromFlags.plan.warmupMs).toBe(0);
    expect(fromFlags.timeoutMs).toBe(2000);
    expect(fromFlags.configFiles).toEqual([path.join(project.root, 'services/shop/heavy.config.ts')]);
  });

  it('builds the open model from flags, a named profile or a profile file', async () => {
    const byFlag = await plan('open', { rate: '100/s', maxUsers: '7', duration: '5s', distribution: 'random' });
    expect(byFlag.plan.load).toEqual({ model: 'open', rate: { start: 100, stages: [{ durationMs: 5000, target: 100 }] }, maxUsers: 7, distribution: 'random', jitter: 0 });
    expect(byFlag.plan.warmupMs).toBe(2000);
    const named = await plan('open', { profile: 'spike' });
    expect(named.plan.load).toMatchObject({ model: 'open', rate: { start: 10 }, maxUsers: 3 });
    expect(named.plan.durationMs).toBe(2000);
    const ramp = await plan('open', { profile: 'ramp' });
    expect(ramp.plan.load).toEqual({
      model: 'closed',
      users: {
        start: 0,
        stages: [
          { durationMs: 5000, target: 8 },
          { durationMs: 5000, target: 8 },
        ],
      },
    });
    // A ramp is its own warm-up.
    expect(ramp.plan.warmupMs).toBe(0);
    const file = await plan('open', { profile: path.join(project.root, 'services/open/peak.yaml') });
    expect(file.plan.load).toEqual({ model: 'open', rate: { start: 50, stages: [{ durationMs: 3000, target: 50 }] }, maxUsers: 20, distribution: 'regular', jitter: 0.1 });
  });

  it('reports every problem of a profile file at once, with lines', async () => {
    const err = await plan('open', { profile: path.join(project.root, 'services/open/bad.yaml') }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(ConfigError);
    const lines = (err as Error).message.split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/bad\.yaml:1: rate: expected a rate like 100, 100\/s or 600\/m/),
      expect.stringMatching(/bad\.yaml:2: usres: unknown key, expected one of users, rate/),
      expect.stringMatching(/bad\.yaml:3: duration: expected a duration like 10s/),
    ]);
  });

  it('runs a single iteration without warm-up when neither duration nor iterations is set', async () => {
    const { plan: p } = await plan('nobase', {}, { BASE_URL: 'http://127.0.0.1:3' });
    expect(p.iterations).toBe(1);
    expect(p.durationMs).toBeNull();
    expect(p.warmupMs).toBe(0);
  });

  it('overlays env.default, .env, then the process environment', async () => {
    const { plan: p } = await plan('shop/browse', {}, { OVERRIDDEN_BY_PROCESS: 'x' });
    const env = p.workflows[0]!.env;
    expect(env.TEAM).toBe('core');
    expect(env.FROM_DEFAULT).toBe('yes');
    expect(env.OVERRIDDEN).toBe('local');
    expect(env.BASE_URL).toBe('http://127.0.0.1:2');
    const wins = await plan('shop/browse', {}, { OVERRIDDEN: 'process' });
    expect(wins.plan.workflows[0]!.env.OVERRIDDEN).toBe('process');
  });

  it('finds a workflow by file name or by its own name, or by path', async () => {
    expect((await plan('shop/buy')).plan.workflows.map((w) => w.name)).toEqual(['shop/purchase']);
    expect((await plan('shop/purchase')).plan.workflows.map((w) => w.name)).toEqual(['shop/purchase']);
    const byPath = await plan(path.join(project.root, 'services/shop/browse.ts'));
    expect(byPath.plan.workflows.map((w) => w.name)).toEqual(['shop/browse']);
    // A relative folder path reads like <service>/<workflow>; the folder on disk wins.
    const cwd = process.cwd();
    process.chdir(project.root);
    try {
      expect((await plan('services/shop')).plan.workflows.map((w) => w.name)).toEqual(['shop/browse', 'shop/purchase']);
    } finally {
      process.chdir(cwd);
    }
  });

  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    ['unknown service', () => plan('nope'), /^unknown service "nope" in .*services: expected one of badconfig, broken, empty, missingimport, nobase, nodefault, open, shop, throws$/],
    ['unknown workflow', () => plan('shop/nope'), /^unknown workflow "nope" in service "shop": expected one of browse, purchase$/],
    ['service without workflows', () => plan('empty'), /^service "empty" has no workflows/],
    ['syntax error', () => plan('broken'), /services\/broken\/bad\.ts:2:\d+: /],
    ['no default export', () => plan('nodefault/wf'), /wf\.ts: no default export: expected `export default workflow/],
    ['a workflow() that throws while loading', () => plan('throws/wf'), /services\/throws\/wf\.ts: failed to load: workflow\(\): `run` must be a function/],
    ['an import that does not resolve', () => plan('missingimport/wf'), /services\/missingimport\/wf\.ts:2:\d+: Could not resolve "\.\.\/\.\.\/common\/nope"/],
    ['unknown config key', () => plan('badconfig'), /heavy\.config\.ts: unknown key "usres": expected one of users, rate, maxUsers, duration/],
    ['--users 0', () => plan('shop', { users: '0' }), /^--users: expected a whole number >= 1, got "0"$/],
    ['--duration abc', () => plan('shop', { duration: 'abc' }), /^--duration: expected a duration like 10s/],
    ['--users 5 --rate 5', () => plan('shop', { users: '5', rate: '5' }), /^--users and --rate cannot be used together/],
    ['--rate -1', () => plan('shop', { rate: '-1' }), /^--rate: expected a rate like 100, 100\/s or 600\/m, got "-1"$/],
    ['--stages x', () => plan('shop', { stages: 'x' }), /^--stages: part 1 "x": expected duration:target like 30s:200$/],
    ['unknown named profile', () => plan('open', { profile: 'nope' }), /^--profile: no profile file or named profile "nope": expected a \.yaml file or one of spike, ramp$/],
    ['--iterations 1.5', () => plan('shop', { iterations: '1.5' }), /^--iterations: expected a whole number >= 1/],
    ['bad BASE_URL', () => plan('nobase', {}, { BASE_URL: 'ftp://x' }), /BASE_URL "ftp:\/\/x" must start with http/],
  ];
  it.each(cases)('%s is one clear ConfigError', async (_name, run, message) => {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain('\n');
  });

  it('names where BASE_URL was looked for', async () => {
    const rootOnly = makeProject({ 'services/svc/wf.ts': WORKFLOW() });
    try {
      await expect(buildRunPlan({ root: rootOnly.root, target: 'svc', flags: {}, processEnv: {} })).rejects.toThrow(
        /^service "svc": BASE_URL is not set: expected it in .*services\/svc\/env\.default or the environment$/,
      );
    } finally {
      rootOnly.remove();
    }
  });
});

describe('planLoad: a bare 0 where zero means something', () => {
  const load = (flags: Record<string, string>) => planLoad([], flags);

  it('--warmup 0, --graceful-stop 0, --ramp-up 0 and 0-long stages need no unit', async () => {
    const { plan } = await load({ users: '3', duration: '5s', warmup: '0', gracefulStop: '0', rampUp: '0' });
    expect(plan.warmupMs).toBe(0);
    expect(plan.gracefulStopMs).toBe(0);
    expect(plan.load).toEqual({ model: 'closed', users: { start: 3, stages: [{ durationMs: 5000, target: 3 }] } });
    const steps = await load({ stages: '0:5,10s:5,0:0' });
    expect(steps.plan.load).toEqual({
      model: 'closed',
      users: {
        start: 0,
        stages: [
          { durationMs: 0, target: 5 },
          { durationMs: 10_000, target: 5 },
          { durationMs: 0, target: 0 },
        ],
      },
    });
    const gaussian = await load({ shape: 'gaussian', volume: '100', peak: '0', stddev: '2s', duration: '10s' });
    expect(gaussian.plan.durationMs).toBe(10_000);
  });

  it.each([
    ['duration', { duration: '0' }, '--duration: expected a duration above zero like 30s, got "0": a run needs time to send load; to run a fixed number of iterations, set --iterations instead'],
    ['timeout', { timeout: '0' }, '--timeout: expected a duration above zero like 30s, got "0": it is how long one request may take before it fails'],
    ['stddev', { shape: 'gaussian', volume: '10', peak: '1s', stddev: '0', duration: '5s' }, '--stddev: expected a duration above zero like 30s, got "0": it is the spread of the bell curve'],
  ])('--%s 0 is refused saying what is expected there', async (_name, flags, message) => {
    await expect(load(flags)).rejects.toThrow(new ConfigError(message));
  });
});

describe('planLoad: a flag wins over the config as a whole setting', () => {
  const cfg = (config: Record<string, unknown>) => [{ source: 'services/x/heavy.config.ts: ', config }];

  it('--iterations replaces the config duration, and runs without its warm-up (a smoke run is a smoke run)', async () => {
    const { plan } = await planLoad(cfg({ users: 10, duration: '2m', warmup: '5s' }), { iterations: '1' });
    expect(plan).toMatchObject({ durationMs: null, iterations: 1, warmupMs: 0 });
    expect(plan.load).toEqual({ model: 'closed', users: { start: 10, stages: [] } });
    // Without the warm-up of the config, and without the default one either.
    const noWarmupSet = await planLoad(cfg({ users: 10, duration: '2m' }), { iterations: '1' });
    expect(noWarmupSet.plan).toMatchObject({ durationMs: null, iterations: 1, warmupMs: 0 });
  });

  it('--iterations with --duration keeps both and still has no default warm-up; --warmup brings one', async () => {
    const both = await planLoad(cfg({ users: 2, duration: '2m', warmup: '5s' }), { iterations: '20', duration: '30s' });
    expect(both.plan).toMatchObject({ durationMs: 30_000, iterations: 20, warmupMs: 0 });
    const warmed = await planLoad(cfg({ users: 2, duration: '2m' }), { iterations: '20', duration: '30s', warmup: '3s' });
    expect(warmed.plan).toMatchObject({ durationMs: 30_000, iterations: 20, warmupMs: 3000 });
  });

  it('--duration replaces the config iteration count', async () => {
    const { plan } = await planLoad(cfg({ users: 2, iterations: 50 }), { duration: '20s' });
    expect(plan).toMatchObject({ durationMs: 20_000, iterations: null, warmupMs: 2000 });
  });

  it('--iterations replaces the config ramp-up, stages or gaussian shape', async () => {
    const ramp = await planLoad(cfg({ users: 10, rampUp: '30s', duration: '5m' }), { iterations: '1' });
    expect(ramp.plan.load).toEqual({ model: 'closed', users: { start: 10, stages: [] } });
    const stages = await planLoad(cfg({ stages: '10s:5,1m:5' }), { iterations: '3' });
    expect(stages.plan).toMatchObject({ durationMs: null, iterations: 3, load: { model: 'closed', users: { start: 1 } } });
    const gaussian = await planLoad(cfg({ shape: 'gaussian', volume: 100, peak: '5s', stddev: '2s', duration: '10s' }), { iterations: '1', users: '1' });
    expect(gaussian.plan).toMatchObject({ durationMs: null, iterations: 1, load: { model: 'closed' } });
  });

  it('--users replaces the config open model with its open-only settings', async () => {
    const { plan } = await planLoad(cfg({ rate: '50/s', maxUsers: 20, jitter: '10%', distribution: 'random', duration: '10s' }), { users: '3' });
    expect(plan.load).toEqual({ model: 'closed', users: { start: 3, stages: [{ durationMs: 10_000, target: 3 }] } });
  });

  it('--rate replaces the config users; --max-users over a config rate tunes it', async () => {
    const rate = await planLoad(cfg({ users: 10, duration: '10s' }), { rate: '5' });
    expect(rate.plan.load).toMatchObject({ model: 'open', rate: { start: 5 }, maxUsers: 10 });
    const tuned = await planLoad(cfg({ rate: '50/s', jitter: '10%', duration: '10s' }), { maxUsers: '60' });
    expect(tuned.plan.load).toMatchObject({ model: 'open', rate: { start: 50 }, maxUsers: 60, jitter: 0.1 });
  });

  it('a named profile with an iteration count drops the config warm-up too', async () => {
    const { plan } = await planLoad(cfg({ users: 4, duration: '1m', warmup: '5s', profiles: { smoke: { iterations: 2 } } }), { profile: 'smoke' });
    expect(plan).toMatchObject({ durationMs: null, iterations: 2, warmupMs: 0 });
  });

  it('a warm-up asked for in a run limited by iterations alone is refused, naming where it was set', async () => {
    await expect(planLoad([], { iterations: '5', warmup: '2s' })).rejects.toThrow(
      new ConfigError('--warmup: a warm-up runs before a duration, and this run has none (it is limited by iterations): set --duration too, or leave the warm-up out'),
    );
    await expect(planLoad(cfg({ iterations: 5, warmup: '2s' }), {})).rejects.toThrow(/^services\/x\/heavy\.config\.ts: warmup: a warm-up runs before a duration.*set duration too/);
    // 0 is no warm-up, whatever the limit.
    await expect(planLoad([], { iterations: '5', warmup: '0' })).resolves.toMatchObject({ plan: { warmupMs: 0 } });
  });
});
