import { createServer, request, Agent, type Server } from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { RunResult, StepResult } from '@go-heavy/core';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

// Each iteration submits a payment and waits for its callback. The mode, by iteration number:
//   i % 20 == 0   never called back: the wait times out (1 s)
//   i % 20 == 10  called back 1.5 s later, after the wait timed out: late
//   i % 10 == 1   called back before the 202 is sent: an early arrival, matched from the buffer
//   i % 10 == 2   called back normally, plus a callback with an id nobody waits for: unmatched
//   otherwise     called back 5-60 ms after the 202
// The server keeps its own submit -> callback time of each 'later' payment, to compare the step's latency with.
const pay = (allLater: boolean) => `import { workflow } from '@go-heavy/core';
function mode(i) {
  if (${allLater}) return 'later';
  if (i % 20 === 0) return 'never';
  if (i % 20 === 10) return 'late';
  if (i % 10 === 1) return 'early';
  if (i % 10 === 2) return 'stray';
  return 'later';
}
export default workflow({
  init(ctx) {
    void ctx.notifications.listenWebhook({ path: '/callbacks' });
    // Late callbacks come after their wait gave up: let them arrive before the receiver closes.
    ctx.cleanup(async () => {
      for (let i = 0; i < 200; i++) {
        const { pending } = await (await fetch(ctx.env.BASE_URL + '/pending')).json();
        if (pending === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    });
  },
  async run(ctx) {
    const id = ctx.uniqueId();
    const m = mode(ctx.iteration);
    await ctx.step('submit', () => ctx.http.post('/payments', { id, iteration: ctx.iteration, mode: m, callback: ctx.notifications.url }));
    const got = await ctx.step('settled (' + m + ')', () => ctx.notifications.waitFor(id, { timeout: '1s' }));
    ctx.check(got.body.id === id && got.body.iteration === ctx.iteration, 'own notification');
  },
});
`;

const MEASURE = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('work', async () => {
      const n = await ctx.measure('db: count orders', () => new Promise((r) => setTimeout(() => r(3), 20)));
      ctx.check(n === 3, 'measure returns the value');
      if (ctx.iteration % 4 === 0) await ctx.measure('queue: publish', async () => { throw new Error('broker down'); });
    });
  },
});
`;

/** The system under test: accepts payments with 202 and calls their callback back as the mode says. */
async function startPaymentServer() {
  const agent = new Agent({ keepAlive: true });
  let submitted = 0;
  let pending = 0;
  const callbackErrors: string[] = [];
  /** Server-side submit -> callback of each 'later' payment: from the 202 leaving to the callback leaving. */
  const delays: number[] = [];
  const callBack = (url: string, body: object, sentAt?: (time: number) => void): Promise<void> =>
    new Promise((resolve) => {
      const text = JSON.stringify(body);
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) } }, (res) => {
        res.resume();
        if (res.statusCode !== 202) callbackErrors.push(`HTTP ${res.statusCode}`);
        res.on('end', resolve);
      });
      req.on('error', (err) => {
        callbackErrors.push(err.message);
        resolve();
      });
      if (sentAt) req.on('finish', () => sentAt(performance.now()));
      req.end(text);
    });
  const later = (ms: number, fn: () => Promise<void>) => {
    pending++;
    setTimeout(() => void fn().finally(() => pending--), ms);
  };
  const server: Server = createServer((req, res) => {
    if (req.url === '/pending') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify({ pending }));
    }
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', async () => {
      submitted++;
      const { id, iteration, mode, callback } = JSON.parse(raw) as { id: string; iteration: number; mode: string; callback: string };
      let acceptedAt = 0;
      const accept = () => {
        res.statusCode = 202;
        res.on('finish', () => (acceptedAt = performance.now()));
        res.end();
      };
      if (mode === 'early') {
        await callBack(callback, { id, iteration });
        accept();
        return;
      }
      accept();
      if (mode === 'never') return;
      if (mode === 'late') return later(1500, () => callBack(callback, { id, iteration }));
      if (mode === 'stray') later(5, () => callBack(callback, { id: `stray-${id}` }));
      later(5 + (iteration % 56), () => callBack(callback, { id, iteration }, (sent) => delays.push(sent - acceptedAt)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    get submitted() {
      return submitted;
    },
    callbackErrors,
    delays,
    close: () => {
      agent.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function step(result: RunResult, name: string): StepResult {
  const found = result.workflows[0]!.steps.find((s) => s.name === name);
  if (!found) throw new Error(`no step ${name} in ${result.workflows[0]!.steps.map((s) => s.name).join(', ')}`);
  return found;
}

describe('async notifications through the built CLI (real webhook, real callbacks)', () => {
  let target: Awaited<ReturnType<typeof startPaymentServer>>;
  const project = makeProject({ 'services/pay/settle.ts': pay(false), 'services/pay/precise.ts': pay(true), 'services/jobs/measure.ts': MEASURE });
  beforeAll(async () => {
    target = await startPaymentServer();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('2 000 concurrent iterations each get their own callback; early, late, unmatched and timed-out ones are counted exactly', async () => {
    const n = 2000;
    const out = path.join(project.root, 'out/pay.json');
    const res = await runCli(['run', 'pay/settle', '--root', project.root, '--users', '200', '--iterations', String(n), '--out', out, '--no-history'], {
      env: { BASE_URL: target.url, NO_COLOR: '1' },
      timeoutMs: 120_000,
    });
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    expect(target.callbackErrors).toEqual([]);
    expect(target.submitted).toBe(n);
    expect(result.summary.requests).toBe(n);
    const never = n / 20;
    const late = n / 20;
    const early = n / 10;
    const stray = n / 10;
    const timedOut = never + late;
    expect(result.notifications).toEqual({
      sources: ['webhook'],
      received: n - never - late + late + stray,
      waits: n,
      matched: n - timedOut,
      early: expect.any(Number),
      late,
      unmatched: stray,
      expired: 0,
      timedOut,
      interrupted: 0,
    });
    // Called back before the 202: always early. Others may be too, when the callback beats the client.
    expect(result.notifications!.early).toBeGreaterThanOrEqual(early);
    const wf = result.workflows[0]!;
    // No cross-delivery: every payload that came carried its own iteration's id.
    expect(wf.checks).toEqual([{ name: 'own notification', passed: n - timedOut, failed: 0 }]);
    expect(wf.failed).toBe(timedOut);
    expect(wf.failureReasons).toEqual({ 'NotificationWaitError: timeout: waiting for a notification: no notification within 1s': timedOut });
    expect([step(result, 'settled (never)').failed, step(result, 'settled (late)').failed]).toEqual([never, late]);
    expect(step(result, 'settled (never)').latencyMs.min).toBeGreaterThanOrEqual(999);
    expect(step(result, 'settled (early)')).toMatchObject({ runs: early, failed: 0 });
    // The summary's line, wrapped at the terminal's width: continuation lines joined back.
    expect(res.stdout.replace(/\n {5,}/g, ' ')).toMatch(
      new RegExp(`Notifications +${result.notifications!.received} received \\(webhook\\): ${n - timedOut} matched \\(\\d+ early\\), ${late} late, ${stray} unmatched; ${timedOut} waits timed out`),
    );
  });

  it("times the journey: the step's median is the server's submit -> callback median, to within 2 ms", async () => {
    // A steady 10 users, so the two processes' event loops are not saturated: what is compared is
    // go-heavy's overhead (the 202 reaching the step's start, the callback reaching waitFor), not
    // the queueing of a 2-core machine running 200 users (the test above).
    target.delays.length = 0;
    const out = path.join(project.root, 'out/precise.json');
    const res = await runCli(['run', 'pay/precise', '--root', project.root, '--users', '10', '--iterations', '400', '--out', out, '--no-history', '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.code).toBe(0);
    const result = readResults(out);
    const later = step(result, 'settled (later)');
    expect(later).toMatchObject({ runs: 400, failed: 0 });
    expect(target.delays).toHaveLength(400);
    const sorted = [...target.delays].sort((a, b) => a - b);
    const serverP50 = (sorted[199]! + sorted[200]!) / 2;
    expect(Math.abs(later.latencyMs.p50 - serverP50)).toBeLessThan(2);
  });

  it('ctx.measure shows in the results as a CUSTOM request series, a throw as an error of category custom', async () => {
    const out = path.join(project.root, 'out/measure.json');
    const res = await runCli(['run', 'jobs/measure', '--root', project.root, '--users', '4', '--iterations', '40', '--out', out, '--no-history', '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.stderr).toBe('');
    const result = readResults(out);
    expectConsistent(result);
    const work = step(result, 'work');
    expect(work.requests.map((r) => [r.method, r.endpoint, r.runs, r.succeeded, r.failed, r.errors, r.statusCodes])).toEqual([
      ['CUSTOM', 'db: count orders', 40, 40, 0, {}, {}],
      ['CUSTOM', 'queue: publish', 10, 0, 10, { custom: 10 }, {}],
    ]);
    expect(work.requests[0]!.succeededLatencyMs!.p50).toBeGreaterThanOrEqual(19);
    expect(result.summary.requests).toBe(50);
    expect(result.workflows[0]!.failureReasons).toEqual({ 'broker down': 10 });
    expect(result.notifications).toBeUndefined();
  });
  it('with --workers, a notification source is refused: one line, exit 2, no payment submitted', async () => {
    const before = target.submitted;
    const res = await runCli(['run', 'pay/settle', '--root', project.root, '--workers', '2', '--users', '2', '--iterations', '4', '--no-history'], {
      env: { BASE_URL: target.url, NO_COLOR: '1' },
      timeoutMs: 60_000,
    });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/ctx\.notifications does not work with --workers yet/);
    expect(target.submitted).toBe(before);
  });
});
