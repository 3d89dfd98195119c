// The `go-heavy` bin as a fresh clone gets it: npm links each workspace's bin during `npm ci`,
// from package-lock.json, before the root `prepare` script builds dist/, and silently skips a
// target that does not exist yet. So a bin must be a committed file, and the lock must agree.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from './support/cli.js';

const REPO = path.resolve(__dirname, '../../..');
const rootManifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { workspaces: string[] };
const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { bin?: Record<string, string> }> };
const tracked = new Set(execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n'));

/** Every workspace folder and its bin map (a string bin is named after the package). */
const workspaces = rootManifest.workspaces
  .flatMap((pattern) => (pattern.endsWith('/*') ? readdirOf(pattern.slice(0, -2)) : [pattern]))
  .filter((dir) => tracked.has(`${dir}/package.json`))
  .map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')) as { name: string; bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
    return { dir, bin };
  });

function readdirOf(dir: string): string[] {
  return [...tracked].filter((f) => f.startsWith(`${dir}/`) && f.split('/').length === 3 && f.endsWith('/package.json')).map((f) => path.dirname(f));
}

describe('the go-heavy bin on a fresh clone', () => {
  it('every workspace bin target is a file tracked by git, so it exists before any build', () => {
    const bins = workspaces.flatMap(({ dir, bin }) => Object.values(bin).map((target) => path.posix.join(dir, target)));
    expect(bins).toContain('apps/cli/bin/go-heavy.js');
    expect(bins.filter((file) => !tracked.has(file))).toEqual([]);
  });

  it('package-lock.json names the same bin targets as the package.json files (npm ci links from the lock)', () => {
    for (const { dir, bin } of workspaces) {
      const locked = lock.packages[dir]?.bin ?? {};
      const normalised = Object.fromEntries(Object.entries(bin).map(([name, target]) => [name, path.posix.normalize(target)]));
      expect([dir, locked]).toEqual([dir, normalised]);
    }
  });

  it('node_modules/.bin/go-heavy runs, as `npx go-heavy` does from the repository root', async () => {
    const version = (JSON.parse(readFileSync(path.join(REPO, 'apps/cli/package.json'), 'utf8')) as { version: string }).version;
    const res = await runCommand(path.join(REPO, 'node_modules/.bin/go-heavy'), ['--version'], { cwd: REPO, timeoutMs: 30_000 });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });

  it('before the build, the launcher says in one line to run npm run build', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-bin-'));
    try {
      mkdirSync(path.join(dir, 'bin'));
      copyFileSync(path.join(REPO, 'apps/cli/bin/go-heavy.js'), path.join(dir, 'bin/go-heavy.js'));
      writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      const res = await runCommand(process.execPath, [path.join(dir, 'bin/go-heavy.js'), 'run', 'shop'], { timeoutMs: 30_000 });
      expect(res.code).toBe(1);
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe('go-heavy: the CLI is not built yet (apps/cli/dist/main.js is missing): run `npm run build` at the root of the repository\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
