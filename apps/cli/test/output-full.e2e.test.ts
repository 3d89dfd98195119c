// Terminal output that cannot be written (stdout redirected to a full disk) is one line on
// stderr and exit code 1, never a stack trace, and the run still writes its results file.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CLI } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

const FULL = '/dev/full';

/** Runs the CLI with stdout on /dev/full (every write fails with ENOSPC), stderr captured. */
function runIntoFullDisk(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(FULL, 'w');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', fd, 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
    closeSync(fd);
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

// /dev/full is Linux's; CI and the dev machines are Linux.
describe('stdout on a full disk', () => {
  const project = makeProject({
    'services/api/ok.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });\n`,
  });
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('chart: one line naming the stream, exit 1', async () => {
    const res = await runIntoFullDisk(['chart', '--users', '5', '--duration', '10s', '--root', project.root]);
    expect(res.stderr).toBe('go-heavy: cannot write to standard output: ENOSPC\n');
    expect(res.code).toBe(1);
  });

  it('run: the results are written all the same, every request counted', async () => {
    const out = path.join(project.root, 'out', 'results.json');
    const res = await runIntoFullDisk(['run', 'api/ok', '--root', project.root, '--iterations', '20', '--out', out, '--no-history'], { BASE_URL: target.url });
    expect(res.stderr).toBe('go-heavy: cannot write to standard output: ENOSPC\n');
    expect(res.code).toBe(1);
    const results = JSON.parse(readFileSync(out, 'utf8')) as { summary: { requests: number } };
    expect(results.summary.requests).toBe(20);
    expect(target.stats.requests).toBe(20);
  });
});
