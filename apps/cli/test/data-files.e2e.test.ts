// Test data next to the workflow, through the built CLI, run from another folder than the
// project's: a file read at module load with __dirname, and ctx.data's CSV rows, which a real
// server sees exactly once each with unique(). A bad data file is one line and exit code 2.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const USERS = Array.from({ length: 24 }, (_, i) => `user${String(i).padStart(2, '0')}`);

const REGISTER = `import { readFileSync } from 'node:fs';
import path from 'node:path';
import { workflow, type Rows } from '@go-heavy/core';

// Read once, when the file loads, from beside this file: not from the current folder.
const greeting = readFileSync(path.join(__dirname, 'greeting.txt'), 'utf8').trim();

export default workflow<{ users: Rows<{ username: string; plan: string }> }>({
  init(ctx) {
    return { users: ctx.data.csv<{ username: string; plan: string }>('users.csv') };
  },
  async run(ctx, { users }) {
    const user = users.unique();
    const res = await ctx.http.get(\`/fast?user=\${user.username}&plan=\${user.plan}&greeting=\${greeting}\`);
    ctx.check(res.status === 200, 'registered');
  },
});
`;

const SEARCH = `import { workflow } from '@go-heavy/core';

export default workflow({
  async run(ctx) {
    const term = ctx.data.lines('data/terms.txt', { onEnd: 'stop' }).next();
    await ctx.http.get(\`/fast?q=\${term}\`);
  },
});
`;

const BROKEN = `import { workflow } from '@go-heavy/core';

export default workflow({
  init(ctx) {
    return ctx.data.csv('users.csv');
  },
  async run(ctx) {
    await ctx.http.get('/fast');
  },
});
`;

describe('test data files next to the workflow', () => {
  const project = makeProject({
    'services/accounts/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/accounts/greeting.txt': 'hello\n',
    'services/accounts/users.csv': `username,plan\n${USERS.map((u, i) => `${u},${i % 2 ? 'pro' : 'free'}`).join('\n')}\n`,
    'services/accounts/register.ts': REGISTER,
    'services/accounts/data/terms.txt': 'lamp\nmug\ngarden\npen\nkettle\n',
    'services/accounts/search.ts': SEARCH,
    'services/broken/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/broken/users.csv': 'username,plan\nana,free\nbob,pro,extra\n',
    'services/broken/signup.ts': BROKEN,
  });
  // Somewhere else entirely: the current folder must not matter.
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-cwd-'));
  afterAll(() => {
    project.remove();
    rmSync(elsewhere, { recursive: true, force: true });
  });
  const shown = (file: string) => path.relative(elsewhere, path.join(project.root, file));

  it('3 users × 8 iterations with unique(): the server sees each CSV row exactly once', async () => {
    const target = await startTarget();
    const out = path.join(elsewhere, 'register.json');
    try {
      const res = await runCli(['run', 'accounts/register', '--root', project.root, '--users', '3', '--iterations', '24', '--out', out, '--quiet'], { cwd: elsewhere, env: { BASE_URL: target.url } });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const seen = target.stats.seen.map((r) => new URL(r.url, 'http://x').searchParams);
      expect(seen.map((q) => q.get('user')).sort()).toEqual(USERS);
      // Each row's own fields travel together; the file read at module load was found from elsewhere.
      expect(seen.every((q) => q.get('plan') === (Number(q.get('user')!.slice(4)) % 2 ? 'pro' : 'free'))).toBe(true);
      expect(seen.every((q) => q.get('greeting') === 'hello')).toBe(true);
      const wf = readResults(out).workflows[0]!;
      expect([wf.runs, wf.succeeded, wf.failed, wf.requests]).toEqual([24, 24, 0, 24]);
    } finally {
      await target.close();
    }
  });

  it('an iteration that asks unique() for a row when none is left fails, with the file as its reason', async () => {
    const target = await startTarget();
    const out = path.join(elsewhere, 'spent.json');
    try {
      const res = await runCli(['run', 'accounts/register', '--root', project.root, '--users', '3', '--iterations', '30', '--out', out, '--quiet'], { cwd: elsewhere, env: { BASE_URL: target.url } });
      expect(res.code).toBe(0);
      expect(target.stats.requests).toBe(24);
      const wf = readResults(out).workflows[0]!;
      expect([wf.runs, wf.succeeded, wf.failed]).toEqual([30, 24, 6]);
      expect(wf.failureReasons).toEqual({ [`DataFileError: ${shown('services/accounts/users.csv')}: unique(): all 24 rows were used`]: 6 });
    } finally {
      await target.close();
    }
  });

  it("rows opened with onEnd 'stop' end a 60 s test once every row was used", async () => {
    const target = await startTarget();
    const out = path.join(elsewhere, 'stop.json');
    const started = Date.now();
    try {
      const res = await runCli(['run', 'accounts/search', '--root', project.root, '--users', '2', '--duration', '60s', '--warmup', '0', '--out', out, '--quiet'], {
        cwd: elsewhere,
        env: { BASE_URL: target.url },
      });
      expect(res.code).toBe(0);
      expect(Date.now() - started).toBeLessThan(45_000);
      expect(target.stats.seen.map((r) => r.url).sort()).toEqual(['/fast?q=garden', '/fast?q=kettle', '/fast?q=lamp', '/fast?q=mug', '/fast?q=pen']);
      const result = readResults(out);
      const wf = result.workflows[0]!;
      expect([wf.succeeded, wf.failed]).toEqual([5, 0]);
      // The users that asked after the last row: not failures, and not more than the users.
      expect(wf.interrupted).toBeGreaterThanOrEqual(1);
      expect(wf.interrupted).toBeLessThanOrEqual(2);
      expect(result.summary.interrupted).toBe(false);
    } finally {
      await target.close();
    }
  });

  it('a bad data file read in init is one line naming the file and line, exit code 2, before any request', async () => {
    const target = await startTarget();
    try {
      const res = await runCli(['run', 'broken', '--root', project.root, '--iterations', '3'], { cwd: elsewhere, env: { BASE_URL: target.url } });
      expect(res.code).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr).toBe(`go-heavy: ${shown('services/broken/users.csv')}:3: Invalid Record Length: columns length is 2, got 3\n`);
      expect(target.stats.requests).toBe(0);
    } finally {
      await target.close();
    }
  });
});
