import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './support/cli.js';
import { startTarget } from './support/target.js';

const REPO = path.resolve(__dirname, '../../..');
/** Every published package: the libraries under packages/ and the CLI. */
const PACKAGES = [...readdirSync(path.join(REPO, 'packages')).map((dir) => JSON.parse(readFileSync(path.join(REPO, 'packages', dir, 'package.json'), 'utf8')).name as string), 'go-heavy'];

/**
 * Installs go-heavy the way users will: `npm pack` of every published package, then
 * `npm install` of the tarballs into a fresh project outside the repo, and a run with npx.
 */
describe('packed packages install and run in a fresh project', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-pack-'));
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('npx go-heavy run works from the installed tarballs', async () => {
    const tarballs = path.join(dir, 'tarballs');
    mkdirSync(tarballs);
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', p])], { cwd: REPO, stdio: 'pipe' });
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(PACKAGES.length);

    const project = path.join(dir, 'project');
    mkdirSync(path.join(project, 'services/api'), { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'team-load-tests', private: true, version: '1.0.0' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files.map((f) => path.join(tarballs, f))], { cwd: project, stdio: 'pipe', timeout: 240_000 });
    writeFileSync(
      path.join(project, 'services/api/ping.ts'),
      `import { workflow, type WorkflowContext } from '@go-heavy/core';\n` +
        `export default workflow({ async run(ctx: WorkflowContext) { await ctx.step('ping', async () => { const r = await ctx.http.get('/fast'); ctx.check(r.status === 200, 'ok'); }); } });\n`,
    );
    writeFileSync(path.join(project, 'services/api/env.default'), `BASE_URL=${target.url}\n`);

    const run = await runCommand('npx', ['--no-install', 'go-heavy', 'run', 'api/ping', '--users', '2', '--iterations', '10', '--quiet', '--out', 'results.json'], { cwd: project, timeoutMs: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('api/ping');
    expect(target.stats.requests).toBe(10);
    const results = JSON.parse(readFileSync(path.join(project, 'results.json'), 'utf8'));
    expect(results.summary.requests).toBe(10);
    expect(results.workflows[0].succeeded).toBe(10);
    // The CommonJS entry points are usable too (require() from a CJS host).
    const cjs = spawnSync(process.execPath, ['-e', `const c = require('@go-heavy/core'); const m = require('@go-heavy/metrics'); console.log(typeof c.workflow, typeof m.createRecorder)`], {
      cwd: project,
      encoding: 'utf8',
    });
    expect(cjs.stdout.trim()).toBe('function function');
    // `check` finds the compiler it depends on, and the core types, in the installed project.
    const check = await runCommand('npx', ['--no-install', 'go-heavy', 'check', 'api'], { cwd: project, timeoutMs: 60_000, env: { NO_COLOR: '1' } });
    expect(check.stderr).toBe('go-heavy: checked 1 file: no type errors\n');
    expect(check.code).toBe(0);
    // Its own version, not the version of the project it runs in (1.0.0 here).
    const cliVersion = (JSON.parse(readFileSync(path.join(REPO, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
    expect(cliVersion).not.toBe('1.0.0');
    const version = await runCommand('npx', ['--no-install', 'go-heavy', '--version'], { cwd: project, timeoutMs: 60_000 });
    expect({ code: version.code, stdout: version.stdout.trim() }).toEqual({ code: 0, stdout: cliVersion });
  }, 300_000);
});
