import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, runCommand } from './support/cli.js';
import { startTarget } from './support/target.js';

const REPO = path.resolve(__dirname, '../../..');
/** Every published package: the libraries under packages/ and the CLI. */
const PACKAGES = [...readdirSync(path.join(REPO, 'packages')).map((dir) => JSON.parse(readFileSync(path.join(REPO, 'packages', dir, 'package.json'), 'utf8')).name as string), 'go-heavy'];

/**
 * Installs go-heavy the way users will: `npm pack` of every published package, `go-heavy init` of
 * a fresh project outside the repo, `npm install` of the tarballs into it, and runs with npx.
 * Packing and installing take most of this test's time: other checks of the installed packages
 * belong here rather than in a second packing.
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

  it('init → npm install → new workflow → check → run: npx go-heavy works from the installed tarballs', async () => {
    const tarballs = path.join(dir, 'tarballs');
    mkdirSync(tarballs);
    execFileSync('npm', ['pack', '--silent', '--pack-destination', tarballs, ...PACKAGES.flatMap((p) => ['-w', p])], { cwd: REPO, stdio: 'pipe' });
    const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'));
    expect(files).toHaveLength(PACKAGES.length);

    const cliVersion = (JSON.parse(readFileSync(path.join(REPO, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
    // A team starts from an empty folder with `npx go-heavy init`: npx would fetch the CLI from the
    // registry; here it is the built one, the dist/ the go-heavy tarball holds.
    const project = path.join(dir, 'project');
    const init = await runCli(['init', project, '--base-url', target.url]);
    expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });
    // init asks for this release (a caret range of the CLI's version), which the tarballs are: the
    // install below replaces the ranges with the tarballs' paths, as `npm install <file>` saves them.
    const ranges = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies;
    expect(ranges).toEqual({ '@go-heavy/config': `^${cliVersion}`, '@go-heavy/core': `^${cliVersion}`, 'go-heavy': `^${cliVersion}` });
    for (const name of Object.keys(ranges)) expect(files).toContain(`${name.replace(/^@/, '').replace('/', '-')}-${cliVersion}.tgz`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...files.map((f) => path.join(tarballs, f))], { cwd: project, stdio: 'pipe', timeout: 240_000 });
    expect(readFileSync(path.join(project, 'services/api/env.default'), 'utf8')).toContain(`BASE_URL=${target.url}\n`);
    writeFileSync(
      path.join(project, 'services/api/ping.ts'),
      `import { workflow, type WorkflowContext } from '@go-heavy/core';\n` +
        `export default workflow({ async run(ctx: WorkflowContext) { await ctx.step('ping', async () => { const r = await ctx.http.get('/fast'); ctx.check(r.status === 200, 'ok'); }); } });\n`,
    );

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

    // The round trip of a team's first day: a workflow of its own, checked, then the service run.
    const added = await runCommand('npx', ['--no-install', 'go-heavy', 'new', 'workflow', 'api/browse'], { cwd: project, timeoutMs: 60_000 });
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
    // `check` finds the compiler it depends on, and the core and config types, in the installed project,
    // with the tsconfig.json init wrote: heavy.config.ts, smoke.ts, ping.ts, browse.ts and the two helpers.
    const check = await runCommand('npx', ['--no-install', 'go-heavy', 'check'], { cwd: project, timeoutMs: 60_000, env: { NO_COLOR: '1' } });
    expect(check.stderr).toBe('go-heavy: checked 6 files: no type errors\n');
    expect(check.code).toBe(0);
    const before = target.stats.seen.length;
    // 3 iterations over the service's 3 workflows: one each of ping (/fast), smoke (/ and /health) and browse (/).
    const service = await runCommand('npx', ['--no-install', 'go-heavy', 'run', 'api', '--iterations', '3', '--quiet', '--no-history'], { cwd: project, timeoutMs: 60_000 });
    expect({ code: service.code, stderr: service.stderr }).toEqual({ code: 0, stderr: '' });
    expect(
      target.stats.seen
        .slice(before)
        .map((r) => `${r.method} ${r.url}`)
        .sort(),
    ).toEqual(['GET /', 'GET /', 'GET /fast', 'GET /health']);
    // Its own version, not the version of the project it runs in (1.0.0 here, as init wrote it).
    expect(cliVersion).not.toBe('1.0.0');
    const version = await runCommand('npx', ['--no-install', 'go-heavy', '--version'], { cwd: project, timeoutMs: 60_000 });
    expect({ code: version.code, stdout: version.stdout.trim() }).toEqual({ code: 0, stdout: cliVersion });
  }, 300_000);
});
