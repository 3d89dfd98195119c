// `go-heavy history` compares like with like: runs recorded through the built CLI against a real
// server with two loads; the slow run made with a heavier load is not a regression (the load
// changed), the slow run made with the usual load is; each run's load is in the table.
import { runCli } from './support/cli.js';
import { historyProject } from './support/history-project.js';

// Each iteration asks for /fast, then waits 20 ms, or 200 ms when SLOW is set: p50 about 20 ms
// in the usual runs and ten times that in the slow ones, whatever the machine's load.
const PAY = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('pay', async () => {
      await ctx.http.get('/fast');
      await ctx.sleep(ctx.env.SLOW === '1' ? 200 : 20);
    });
  },
});
`;

describe('go-heavy history compares runs made with the same load', () => {
  const fixture = historyProject(PAY, 'go-heavy-history-load-');
  const { root, history } = fixture;

  it('flags only the slow run of the usual load and says where the load changed', async () => {
    const runs = [
      { users: '1', slow: false },
      { users: '1', slow: false },
      { users: '2', slow: true },
      { users: '1', slow: true },
    ];
    for (const { users, slow } of runs) {
      const res = await runCli(['run', 'checkout/pay', '--root', root, '--quiet', '--users', users, '--iterations', '4', '--history', history], {
        env: { BASE_URL: fixture.target.url, SLOW: slow ? '1' : '0' },
        timeoutMs: 60_000,
      });
      expect([res.code, res.stderr]).toEqual([0, '']);
    }
    expect(fixture.target.stats.requests).toBe(16);

    // A tolerance of 100 %: the slow runs are ten times slower, while the usual ones can differ by
    // tens of percent on a loaded machine (a 20 ms sleep's lateness, p50 of 4 iterations).
    const shown = await runCli(['history', 'checkout', '--root', root, '--history', history, '--stat', 'p50', '--tolerance', '100'], { env: { COLUMNS: '160' } });
    expect([shown.code, shown.stderr]).toEqual([0, '']);
    const rows = shown.stdout.split('\n').filter((l) => /^ {2}\d{4}-\d\d-\d\d /.test(l));
    expect(rows).toHaveLength(4);
    // Each run's load as a letter, the loads spelled out below the table.
    expect(rows.map((r) => / {2}([AB]) {2}/.exec(r)?.[1])).toEqual(['A', 'A', 'B', 'A']);
    expect(shown.stdout).toContain('  loads A  closed model: 1 user, 4 iterations\n        B  closed model: 2 users, 4 iterations\n');
    expect(rows.map((r) => / {2}(regression(, load changed)?|load changed)$/.exec(r)?.[1] ?? '')).toEqual(['', '', 'load changed', 'regression, load changed']);
    expect(shown.stdout).toContain('  1 regression\n');
    expect(shown.stdout).toContain('the load changed 2 times: each run is compared only with the runs before it made with the same load');
  }, 120_000);
});
