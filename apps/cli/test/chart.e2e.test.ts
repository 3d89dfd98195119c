import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

describe('go-heavy chart', () => {
  const project = makeProject({
    // 0 → 100/s over 1 m (3000), → 500/s over 30 s (9000), → 0 over 1 m (15000).
    'services/shop/heavy.config.ts': `export default { profiles: { spike: { stages: '1m:100/s,30s:500/s,1m:0/s' } } };\n`,
    // chart finds its target as run does: a service is a folder of workflows.
    'services/shop/buy.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/'); } });\n`,
  });
  afterAll(() => project.remove());

  it('draws a stages profile with its planned iterations, sending nothing', async () => {
    const res = await runCli(['chart', '--stages', '10s:50/s,30s:200/s,10s:0/s', '--root', project.root], { env: { COLUMNS: '80' } });
    expect(res.code).toBe(0);
    const lines = res.stdout.trimEnd().split('\n');
    // 10 s rising to 50/s (250), 30 s from 50 to 200/s (3750), 10 s down to 0 (1000).
    expect(lines[0]).toBe('open model: peak 200/s, 5000 iterations planned over 50s');
    expect(lines.some((l) => l.startsWith('200/s ┤'))).toBe(true);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('reads a named profile from the service config', async () => {
    const res = await runCli(['chart', 'shop', '--profile', 'spike', '--root', project.root]);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('open model: peak 500/s, 27000 iterations planned over 2m30s');
  });

  it('draws the plan of a service/workflow target with its service config; an unknown one is the error run gives', async () => {
    const res = await runCli(['chart', 'shop/buy', '--profile', 'spike', '--root', project.root]);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toBe('open model: peak 500/s, 27000 iterations planned over 2m30s');
    const [chart, run] = await Promise.all(['chart', 'run'].map((command) => runCli([command, 'shop/by', '--root', project.root])));
    expect(chart).toEqual({ ...run, stdout: '' });
    expect(chart).toMatchObject({ code: 2, stderr: 'go-heavy: unknown workflow "by" in service "shop": expected one of buy\n' });
  });

  it('draws users for the closed model, with the warm-up mentioned', async () => {
    const res = await runCli(['chart', '--users', '20', '--duration', '1m', '--root', project.root]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^closed model: peak 20 users over 1m/);
    expect(res.stdout).toMatch(/plus a 2 s warm-up/);
  });

  it('takes a bare 0 where zero means something: --warmup 0, --graceful-stop 0, --ramp-up 0, a 0-long stage', async () => {
    const res = await runCli(['chart', '--users', '20', '--duration', '1m', '--warmup', '0', '--graceful-stop', '0', '--ramp-up', '0', '--root', project.root]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^closed model: peak 20 users over 1m/);
    expect(res.stdout).not.toMatch(/warm-up/);
    const steps = await runCli(['chart', '--stages', '0:20,30s:20,0:0', '--root', project.root]);
    expect(steps.code).toBe(0);
    expect(steps.stdout).toMatch(/^closed model: peak 20 users over 30s/);
  });
});
