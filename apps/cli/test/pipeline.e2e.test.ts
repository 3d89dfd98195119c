import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

// Fitting into a team's pipeline: thresholds and their exit code, the history of runs, and the
// Prometheus push, each through the built CLI against real servers.

const CHECKOUT = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('pay', async () => {
      const res = await ctx.http.get(ctx.iteration % 10 === 0 ? '/status/500' : '/fast', { name: '/pay' });
      ctx.check(res.status === 200, 'paid');
    });
  },
});
`;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('thresholds, history and Prometheus from the CLI', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ 'services/checkout/pay.ts': CHECKOUT });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (args: string[]) => runCli(['run', 'checkout/pay', '--root', project.root, '--quiet', ...args], { env: { BASE_URL: target.url } });

  it('exits with 99 when a threshold fails, 0 when all pass, and writes them into the results', async () => {
    const out = path.join(project.root, 'out/thresholds.json');
    const failing = await run(['--iterations', '50', '--threshold', 'checkout/pay error-rate < 1%', '--threshold', 'checkout/pay > pay p99 < 5s', '--out', out, '--no-history']);
    expect(failing.code).toBe(99);
    const result = readResults(out);
    expect(result.thresholds).toEqual([
      { expr: 'checkout/pay error-rate < 1%', ok: false, actual: 10, stat: 'error-rate' },
      { expr: 'checkout/pay > pay p99 < 5s', ok: true, actual: expect.any(Number), stat: 'p99', latencyOf: 'succeeded' },
    ]);
    expect(failing.stdout).toMatch(/Thresholds: 1 of 2 failed/);
    const passing = await run(['--iterations', '20', '--threshold', 'checkout/pay > pay > GET /pay runs == 20', '--no-history']);
    expect(passing.code).toBe(0);
  });

  it('abortOnFail in heavy.config.ts stops a long run early', async () => {
    const abortProject = makeProject({
      'services/checkout/pay.ts': CHECKOUT,
      'services/checkout/heavy.config.ts': `export default { thresholds: [{ expr: 'checkout/pay error-rate < 1%', abortOnFail: true }] };\n`,
    });
    try {
      const out = path.join(abortProject.root, 'aborted.json');
      const started = Date.now();
      const res = await runCli(['run', 'checkout/pay', '--root', abortProject.root, '--quiet', '--users', '2', '--duration', '60s', '--warmup', '0s', '--out', out, '--no-history'], {
        env: { BASE_URL: target.url },
      });
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(res.code).toBe(99);
      expect(readResults(out).summary.abortedBy).toBe('checkout/pay error-rate < 1%');
    } finally {
      abortProject.remove();
    }
  });

  it('records every run in the history and shows the trend, regressions flagged', async () => {
    const history = path.join(project.root, 'history', 'runs.ndjson');
    for (const tag of ['env=staging', 'env=staging', 'env=prod']) {
      const res = await run(['--iterations', '30', '--history', history, '--tag', tag]);
      expect(res.code).toBe(0);
    }
    expect(existsSync(history)).toBe(true);
    const shown = await runCli(['history', 'checkout', '--root', project.root, '--history', history, '--stat', 'runs', '--tag', 'env=staging']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('checkout/pay  runs');
    // Two staging runs of 30 iterations each: a flat sparkline and two rows.
    expect(shown.stdout).toContain('▄▄');
    // Both with the same load (column A, spelled out below the table).
    expect(shown.stdout.match(/env=staging +A +30/g)).toHaveLength(2);
    expect(shown.stdout).toContain('loads A  closed model: 1 user, 30 iterations');
    expect(shown.stdout).not.toContain('env=prod');
    const unknown = await runCli(['history', 'nope', '--root', project.root, '--history', history]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^go-heavy: no runs of service "nope"/);
  });

  it('pushes the run to a real Prometheus Pushgateway', async () => {
    const port = await freePort();
    const gateway: ChildProcess = spawn('/usr/bin/prometheus-pushgateway', [`--web.listen-address=127.0.0.1:${port}`, '--persistence.file='], { stdio: 'ignore' });
    try {
      const deadline = Date.now() + 10_000;
      while (
        Date.now() < deadline &&
        !(await fetch(`http://127.0.0.1:${port}/-/ready`).then(
          (r) => r.ok,
          () => false,
        ))
      )
        await new Promise((r) => setTimeout(r, 100));
      const out = path.join(project.root, 'out/prom.json');
      const res = await runCli(['run', 'checkout/pay', '--root', project.root, '--quiet', '--iterations', '40', '--out', out, '--no-history'], {
        env: { BASE_URL: target.url, GO_HEAVY_PROMETHEUS_PUSHGATEWAY: `127.0.0.1:${port}`, PROMETHEUS_NAMESPACE: 'team-a' },
      });
      expect(res.code).toBe(0);
      const result = readResults(out);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const value = (pattern: RegExp) => Number(pattern.exec(metrics)?.[1]);
      expect(value(/go_heavy_iterations_total\{[^}]*job="go-heavy-checkout"[^}]*namespace="team-a"[^}]*result="succeeded"[^}]*\} (\d+)/)).toBe(result.summary.workflowsSucceeded);
      expect(value(/go_heavy_iterations_total\{[^}]*result="failed"[^}]*\} (\d+)/)).toBe(result.summary.workflowsFailed);
      expect(value(/go_heavy_requests_total\{[^}]*status_class="5xx"[^}]*\} (\d+)/)).toBe(result.workflows[0]!.statusClasses['5xx']);
    } finally {
      gateway.kill('SIGTERM');
    }
  });
});
