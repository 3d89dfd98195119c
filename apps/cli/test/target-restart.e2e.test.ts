import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startRestartableTarget, type RestartableTarget } from './support/restartable-target.js';
import { expectConsistent, readResults } from './support/results.js';

// The target crashes 2 s into a 7 s run and is back 1.5 s later. The run must go on to its end,
// count every request once (answered by the server, or failed with its category), and show the
// outage and the recovery in its timeline. POST, so that no transport may resend a request the
// server received: a request cut at the kill must come out as a failure, not vanish.
const WORK = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('work', () => ctx.http.post('/work', { n: ctx.iteration }));
  },
});
`;

const RUN_S = 7;
const KILL_AFTER_MS = 2000;
const DOWN_MS = 1500;
/** Categories a crashed server may cause: refused while down, reset (or a write to a dead socket) at the kill. */
const CRASH_CATEGORIES = ['ECONNREFUSED', 'ECONNRESET', 'EPIPE'];

describe('the target killed mid-run and restarted on the same port', () => {
  const project = makeProject({ 'services/api/work.ts': WORK });
  let target: RestartableTarget | undefined;
  afterEach(async () => {
    await target?.close();
    target = undefined;
  });
  afterAll(() => project.remove());

  async function runAgainstCrash(loadFlags: string[]): Promise<{ result: RunResult; target: RestartableTarget; stderr: string }> {
    const t = (target = await startRestartableTarget(20));
    t.schedule(KILL_AFTER_MS, DOWN_MS);
    const out = path.join(project.root, `results-${loadFlags[0]!.slice(2)}.json`);
    const run = await runCli(['run', 'api/work', ...loadFlags, '--duration', `${RUN_S}s`, '--warmup', '0s', '--out', out, '--quiet', '--no-history', '--root', project.root], {
      env: { BASE_URL: t.url },
      timeoutMs: 40_000,
    });
    expect(run.stderr).not.toMatch(/unexpected error| {4}at /);
    expect(run.code).toBe(0);
    // The server went down and came back while the run went on.
    await t.restarted;
    expect(t.stats.killedAt - t.stats.firstAt).toBeGreaterThanOrEqual(KILL_AFTER_MS - 5);
    expect(t.stats.restartedAt - t.stats.killedAt).toBeGreaterThanOrEqual(DOWN_MS - 5);
    return { result: readResults(out), target: t, stderr: run.stderr };
  }

  function expectEveryRequestCountedOnce(result: RunResult, t: RestartableTarget, connections: number): void {
    expectConsistent(result);
    const [wf] = result.workflows;
    const errors = wf!.errors;
    const failed = Object.values(errors).reduce((n, v) => n + v, 0);
    // Each iteration is one request: answered by the server, or failed with a crash category.
    expect(wf!.statusClasses['2xx']).toBe(t.stats.answered);
    expect(t.stats.answered + failed).toBe(result.summary.requests);
    expect(result.summary.workflowsSucceeded).toBe(t.stats.answered);
    expect(result.summary.workflowsFailed).toBe(failed);
    expect(result.summary.workflowsInterrupted).toBe(0);
    for (const category of Object.keys(errors)) expect(CRASH_CATEGORIES).toContain(category);
    expect(errors.ECONNREFUSED).toBeGreaterThan(0);
    // Requests the server had received and not answered when it died failed as resets, not
    // silently; at most one more per connection was on its way at the kill.
    expect(t.stats.cutAtKill).toBeGreaterThan(0);
    const cut = (errors.ECONNRESET ?? 0) + (errors.EPIPE ?? 0);
    expect(cut).toBeGreaterThanOrEqual(t.stats.cutAtKill);
    expect(cut).toBeLessThanOrEqual(t.stats.cutAtKill + connections);
  }

  function expectOutageThenRecovery(result: RunResult): void {
    const at = (t: number) => result.timeline.find((p) => p.t === t)!;
    // Second 1 is before the kill; second 4 (3 to 4 s) is inside the outage (2 to 3.5 s).
    expect(at(1).errors).toBe(0);
    expect(at(1).requests).toBeGreaterThan(0);
    expect(at(4).errors).toBeGreaterThan(0);
    // From second 6 on, the server has been back for over a second: no errors, requests flowing.
    for (const p of result.timeline.filter((p) => p.t >= 6)) expect(p.errors).toBe(0);
    expect(at(6).requests).toBeGreaterThan(0);
    expect(at(7).requests).toBeGreaterThan(0);
  }

  it('closed model: the run ends on time, every request is counted once, the timeline shows the outage and the recovery', async () => {
    const { result, target: t } = await runAgainstCrash(['--users', '4']);
    expect(result.summary.interrupted).toBe(false);
    // Rates are per second of the planned phase.
    expect(result.durationMs).toBe(RUN_S * 1000);
    expect(result.workflows[0]!.ratePerSec).toBeCloseTo(result.workflows[0]!.runs / RUN_S, 6);
    expectEveryRequestCountedOnce(result, t, 4);
    expectOutageThenRecovery(result);
  });

  it('open model: every planned start happens, failures are counted by category, the schedule holds through the outage', async () => {
    const { result, target: t } = await runAgainstCrash(['--rate', '100', '--max-users', '20']);
    expect(result.durationMs).toBe(RUN_S * 1000);
    // 100/s for 7 s: 700 starts, each one request or one drop; failures are fast, so no drops.
    expect(result.summary.requests + result.summary.droppedIterations).toBe(100 * RUN_S);
    expect(result.summary.droppedIterations).toBe(0);
    expectEveryRequestCountedOnce(result, t, 20);
    expectOutageThenRecovery(result);
    // No retry storm and no stall while the server is down: the outage second runs at the rate.
    const outage = result.timeline.find((p) => p.t === 4)!;
    expect(outage.requests).toBeGreaterThan(50);
    expect(outage.requests).toBeLessThan(150);
  });
});
