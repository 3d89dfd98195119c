import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

const LOGGING = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('visit', async () => {
      const res = await ctx.http.get('/fast');
      ctx.log.info('visited', { status: res.status });
      ctx.log.debug('details');
    });
  },
});
`;

describe('the tool log and ctx.log', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({
    'services/web/logging.ts': LOGGING,
    'services/web/quiet.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });\n`,
  });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (workflow: string, args: string[], env: Record<string, string> = {}) =>
    runCli(['run', `web/${workflow}`, '--root', project.root, '--iterations', '4', '--quiet', '--no-history', ...args], { env: { BASE_URL: target.url, ...env } });

  it('writes ctx.log lines as JSON to GO_HEAVY_LOG_FILE, with workflow and step bound, and names the file at the end', async () => {
    const file = path.join(project.root, 'logs', 'run.log');
    const res = await run('logging', [], { GO_HEAVY_LOG_FILE: file, GO_HEAVY_LOG_FORMAT: 'json' });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe(`go-heavy: logs: ${file}\n`);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines.map((l) => l.iteration).sort()).toEqual([0, 1, 2, 3]);
    for (const line of lines) expect(line).toMatchObject({ msg: 'visited', level: 30, status: 200, workflow: 'web/logging', step: 'visit', user: 0 });
  });

  it("reads f1's LOG_FILE_PATH when GO_HEAVY_LOG_FILE is not set, and GO_HEAVY_LOG_FILE wins when both are", async () => {
    const f1File = path.join(project.root, 'logs', 'f1.log');
    const alone = await run('logging', [], { LOG_FILE_PATH: f1File });
    expect(alone.code).toBe(0);
    expect(alone.stderr).toBe(`go-heavy: logs: ${f1File}\n`);
    expect(readFileSync(f1File, 'utf8').match(/INFO +visited /g)).toHaveLength(4);
    rmSync(f1File);
    const own = path.join(project.root, 'logs', 'own.log');
    const both = await run('logging', [], { GO_HEAVY_LOG_FILE: own, LOG_FILE_PATH: f1File });
    expect(both.stderr).toBe(`go-heavy: logs: ${own}\n`);
    expect(readFileSync(own, 'utf8').match(/INFO +visited /g)).toHaveLength(4);
    expect(existsSync(f1File)).toBe(false);
  });

  it('--verbose sends text lines to stderr; GO_HEAVY_LOG_LEVEL filters them', async () => {
    const verbose = await run('logging', ['--verbose'], { GO_HEAVY_LOG_LEVEL: 'debug' });
    expect(verbose.code).toBe(0);
    const lines = verbose.stderr.trim().split('\n');
    expect(lines.filter((l) => / INFO +visited /.test(l))).toHaveLength(4);
    expect(lines.filter((l) => / DEBUG +details /.test(l))).toHaveLength(4);
    expect(lines.find((l) => l.includes('visited'))).toMatch(/^\d{4}-\d\d-\d\dT\S+ INFO +visited status=200 workflow=web\/logging step=visit user=0 iteration=\d$/);
    // The tool logs its own steps too, at debug.
    expect(lines.some((l) => / DEBUG +plan ready /.test(l))).toBe(true);
    const warnOnly = await run('logging', ['--verbose'], { GO_HEAVY_LOG_LEVEL: 'warn' });
    expect(warnOnly.stderr).toBe('');
  });

  it('a run that logs nothing leaves no log file and says nothing', async () => {
    const file = path.join(project.root, 'logs', 'quiet.log');
    const res = await run('quiet', [], { GO_HEAVY_LOG_FILE: file });
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    expect(existsSync(file)).toBe(false);
  });

  it('defaults to a file in the temp folder when something is logged', async () => {
    const res = await run('logging', [], { GO_HEAVY_LOG_FILE: '' });
    const file = /^go-heavy: logs: (.+)$/m.exec(res.stderr)?.[1];
    expect(file).toBeDefined();
    expect(readFileSync(file!, 'utf8')).toMatch(/INFO +visited .*workflow=web\/logging/);
    rmSync(file!);
  });

  it.each([
    ['GO_HEAVY_LOG_LEVEL', 'loud', /GO_HEAVY_LOG_LEVEL: expected one of debug, info, warn, error, got "loud"/],
    ['GO_HEAVY_LOG_FORMAT', 'xml', /GO_HEAVY_LOG_FORMAT: expected text or json, got "xml"/],
  ])('a bad %s is one line and exit 2', async (name, value, message) => {
    const res = await run('quiet', [], { [name]: value });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toMatch(message);
  });
});
