import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, type CliResult } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

/** In the project's `.env`, as a developer keeps a token out of git. */
const SECRET = 's3cr3t-value-123';
/** In the process environment, as CI hands a password to the job. */
const PROCESS_SECRET = 'ci-pa55word-789';

/**
 * Every way a token can travel out of a workflow: a header, a query string and a path (a 404
 * whose endpoint holds it), a ctx.log line and its fields, the name of a failing check, and the
 * message of a thrown Error. Iterations take turns: throw, fail the check, pass.
 */
const LEAKY = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    const token = ctx.env.API_TOKEN;
    await ctx.step('call', async () => {
      ctx.log.info('calling with token ' + token, { token, deploy: ctx.env.DEPLOY_PASSWORD });
      const res = await ctx.http.get('/fast?token=' + token, { headers: { 'X-Api-Token': token, 'X-Deploy': ctx.env.DEPLOY_PASSWORD } });
      await ctx.http.get('/items/' + token);
      if (ctx.iteration % 3 === 0) throw new Error('upstream rejected token ' + token + ' at ' + ctx.env.DEPLOY_PASSWORD);
      ctx.check(res.status === 200 && ctx.iteration % 3 === 2, 'token ' + token + ' accepted');
    });
  },
});
`;

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (at: string): void => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else out.set(path.relative(dir, file), readFileSync(file, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

describe('secrets of the environment never land in what go-heavy writes', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ '.env': `API_TOKEN=${SECRET}\n`, 'services/api/leaky.ts': LEAKY });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-secrets-'));

  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target?.close();
    project.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One run with every output on, written under `dir/<name>`. */
  async function run(name: string, extra: string[] = []): Promise<{ res: CliResult; out: string }> {
    const out = path.join(dir, name);
    const res = await runCli(
      [
        'run',
        'api/leaky',
        '--root',
        project.root,
        '--users',
        '1',
        '--iterations',
        '6',
        '--out',
        path.join(out, 'results.json'),
        '--html',
        path.join(out, 'report.html'),
        '--log-requests',
        path.join(out, 'requests.ndjson'),
        '--history',
        path.join(out, 'history.ndjson'),
        // A threshold on the request whose path holds the token: still found, shown redacted.
        '--threshold',
        `api/leaky > call > GET /items/${SECRET} runs == 6`,
        ...extra,
      ],
      { env: { BASE_URL: target.url, DEPLOY_PASSWORD: PROCESS_SECRET, GO_HEAVY_LOG_FILE: path.join(out, 'tool.log'), GO_HEAVY_LOG_FORMAT: 'json' } },
    );
    return { res, out };
  }

  it('results, HTML report, history, request log, tool log and console show [REDACTED] instead', async () => {
    const { res, out } = await run('redacted');
    expect([res.code, res.stderr.split('\n').filter((l) => l.includes('go-heavy:') && !/request log|logs:/.test(l))]).toEqual([0, []]);

    // The server did get the real token each time: only what we write is redacted.
    const sent = target.stats.seen.filter((s) => s.headers['x-api-token'] === SECRET);
    expect(sent).toHaveLength(6);
    expect(target.stats.byPath.get(`GET /items/${SECRET}`)).toBe(6);

    const files = filesUnder(out);
    expect([...files.keys()].sort()).toEqual(['history.ndjson', 'report.html', 'requests.ndjson', 'results.json', 'tool.log']);
    for (const [name, text] of [...files, ['stdout', res.stdout], ['stderr', res.stderr]] as const) {
      expect({ name, leaks: text.includes(SECRET) || text.includes(PROCESS_SECRET) }).toEqual({ name, leaks: false });
    }

    // Counted as before, under redacted names.
    const results = readResults(path.join(out, 'results.json'));
    const wf = results.workflows[0]!;
    expect([wf.runs, wf.succeeded, wf.failed]).toEqual([6, 2, 4]);
    expect(wf.failureReasons).toEqual({ 'upstream rejected token [REDACTED] at [REDACTED]': 2, 'check: token [REDACTED] accepted': 2 });
    expect(wf.checks).toEqual([{ name: 'token [REDACTED] accepted', passed: 2, failed: 2 }]);
    expect(wf.steps[0]!.requests.map((r) => [r.endpoint, r.runs])).toEqual([
      ['/fast', 6],
      ['/items/[REDACTED]', 6],
    ]);
    expect(results.thresholds).toEqual([{ expr: 'api/leaky > call > GET /items/[REDACTED] runs == 6', ok: true, actual: 6, stat: 'runs' }]);

    const requests = files
      .get('requests.ndjson')!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { url: string; requestHeaders: Record<string, string> });
    expect(requests).toHaveLength(12);
    expect(requests[0]!.url).toBe(`${target.url}/fast?token=[REDACTED]`);
    expect(requests[0]!.requestHeaders['x-api-token']).toBe('[REDACTED]');
    const logged = files
      .get('tool.log')!
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; token?: string });
    expect(logged.filter((l) => l.msg === 'calling with token [REDACTED]' && l.token === '[REDACTED]')).toHaveLength(6);
    expect(files.get('history.ndjson')).toContain('"endpoint":"/items/[REDACTED]"');
  });

  it('--show-secrets writes them as they are', async () => {
    const { res, out } = await run('shown', ['--show-secrets']);
    expect(res.code).toBe(0);
    const files = filesUnder(out);
    for (const name of ['history.ndjson', 'report.html', 'requests.ndjson', 'results.json', 'tool.log']) {
      expect({ name, shown: files.get(name)!.includes(SECRET) }).toEqual({ name, shown: true });
    }
    expect(files.get('tool.log')).toContain(PROCESS_SECRET);
    expect(readResults(path.join(out, 'results.json')).workflows[0]!.failureReasons).toEqual({
      [`upstream rejected token ${SECRET} at ${PROCESS_SECRET}`]: 2,
      [`check: token ${SECRET} accepted`]: 2,
    });
  });
});
