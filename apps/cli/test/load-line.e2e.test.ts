// The console summary's Load line says the shape of the load (ramps, stages, a gaussian, unique
// users, the --profile it came from), as the HTML report does; the results keep what it needs,
// so `go-heavy report` prints the same line again.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

/** The Load line of the summary, its label cut off and its wrapped continuation lines joined. */
function loadLine(stdout: string): string | undefined {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => l.trimStart().startsWith('Load '));
  if (at < 0) return undefined;
  const indent = lines[at]!.length - lines[at]!.replace(/^\s*Load\s+/, '').length;
  const rest = lines.slice(at + 1);
  const more = rest.slice(
    0,
    Math.max(
      0,
      rest.findIndex((l) => !l.startsWith(' '.repeat(indent))),
    ),
  );
  return [lines[at]!.slice(indent), ...more.map((l) => l.trim())].join(' ');
}

describe('the Load line', () => {
  const project = makeProject({
    'services/api/ping.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });\n`,
    'bell.yaml': 'shape: gaussian\nvolume: 6\npeak: 500ms\nstddev: 200ms\nduration: 1s\n',
  });
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (args: string[]) => runCli(['run', 'api/ping', '--no-history', ...args], { cwd: project.root, env: { BASE_URL: target.url, COLUMNS: '200' }, timeoutMs: 60_000 });

  it('shows stages and unique users, and report prints the same line from the results', async () => {
    const res = await run(['--stages', '300ms:2,700ms:2', '--unique-users', '3', '--out', 'stages.json']);
    expect(res.code).toBe(0);
    expect(loadLine(res.stdout)).toBe('closed model: 2 users, 1 s; from 0 users: ramp to 2 users over 300 ms, hold 2 users for 700 ms; 3 unique users');
    const again = await runCli(['report', path.join(project.root, 'stages.json')], { env: { COLUMNS: '200' } });
    expect(again.code).toBe(0);
    expect(loadLine(again.stdout)).toBe(loadLine(res.stdout));
  }, 60_000);

  it('shows a gaussian from a --profile file by its settings', async () => {
    const res = await run(['--profile', 'bell.yaml', '--out', 'bell.json']);
    expect(res.code).toBe(0);
    expect(loadLine(res.stdout)).toMatch(/^open model: \d+(\.\d\d?)?\/s, up to \d+ users, 1 s; gaussian: 6 iterations, peak at 500 ms, stddev 200 ms; from --profile bell\.yaml$/);
    const result = JSON.parse(readFileSync(path.join(project.root, 'bell.json'), 'utf8')) as RunResult;
    expect(result.load).toMatchObject({ shape: { kind: 'gaussian', volume: 6, peakMs: 500, stddevMs: 200 }, profileSource: 'bell.yaml' });
    // Every planned start was sent, each request counted once.
    expect(result.summary.requests + result.summary.droppedIterations).toBe(6);
  }, 60_000);
});
