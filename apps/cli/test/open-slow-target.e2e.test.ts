import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

// The open model against a slow target: concurrency grows to what the target needs (rate ×
// answer time) and no further, each concurrent iteration holding one connection; below that,
// --max-users caps it and the rest is dropped, counted exactly.

const DELAY_MS = 100;
const ONE = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('get', () => ctx.http.get('/')); } });
`;

interface SlowTarget {
  url: string;
  received: number;
  /** Connections accepted, requests being answered now and at most at once. */
  accepted: number;
  inFlight: number;
  peakInFlight: number;
  reset(): void;
  close(): Promise<void>;
}

/** A keep-alive node:http server on 127.0.0.1 answering every request after DELAY_MS. */
async function startSlowTarget(): Promise<SlowTarget> {
  const server = http.createServer((req, res) => {
    target.received++;
    target.peakInFlight = Math.max(target.peakInFlight, ++target.inFlight);
    req.resume();
    setTimeout(() => {
      target.inFlight--;
      res.end('ok');
    }, DELAY_MS);
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', () => target.accepted++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const target: SlowTarget = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: 0,
    accepted: 0,
    inFlight: 0,
    peakInFlight: 0,
    reset() {
      server.closeAllConnections();
      Object.assign(target, { received: 0, accepted: 0, inFlight: 0, peakInFlight: 0 });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return target;
}

describe('go-heavy run, open model, against a slow target', () => {
  let target: SlowTarget;
  const project = makeProject({ 'services/web/one.ts': ONE });
  beforeAll(async () => {
    target = await startSlowTarget();
  });
  beforeEach(() => target.reset());
  afterAll(async () => {
    await target?.close();
    project.remove();
  });
  const run = async (name: string, args: string[]) => {
    const file = path.join(project.root, 'out', `${name}.json`);
    const res = await runCli(['run', 'web/one', ...args, '--duration', '2s', '--warmup', '0s', '--root', project.root, '--out', file, '--quiet'], { env: { BASE_URL: target.url } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(file);
    expectConsistent(result);
    return result;
  };

  it('--rate 400 with 100 ms answers: about 40 concurrent iterations, as many connections, nothing dropped', async () => {
    const result = await run('needs-40', ['--rate', '400']);
    // 400/s for 2 s: 800 scheduled, all started (--max-users defaults to the rate), all answered.
    expect(result.load.maxUsers).toBe(400);
    expect(result.scheduler!.starts).toBe(800);
    expect(result.summary.droppedIterations).toBe(0);
    expect(result.summary.requests).toBe(800);
    expect(target.received).toBe(800);
    expect(result.summary.workflowsSucceeded).toBe(800);
    // The target needs 400/s × 0.1 s = 40 at once; late starts (a busy machine) add some. Far
    // fewer than --max-users: concurrency follows the target, not the cap.
    expect(target.peakInFlight).toBeGreaterThanOrEqual(30);
    expect(target.peakInFlight).toBeLessThanOrEqual(120);
    // About one connection per concurrent iteration, kept alive and reused (a response still on
    // its way to the client when the next start comes can cost one more).
    expect(target.accepted).toBeLessThanOrEqual(target.peakInFlight + 10);
  });

  it('--max-users 20 below the 40 needed: 20 at once, the rest dropped; started + dropped = scheduled', async () => {
    const result = await run('capped', ['--rate', '400', '--max-users', '20']);
    const started = result.scheduler!.starts;
    const { droppedIterations } = result.summary;
    expect(started + droppedIterations).toBe(800);
    // 20 users on 100 ms answers start about 200/s: about 400 of the 800.
    expect(droppedIterations).toBeGreaterThan(250);
    expect(started).toBeGreaterThan(250);
    expect(result.summary.requests).toBe(started);
    expect(target.received).toBe(started);
    expect(result.workflows[0]!.dropped).toBe(droppedIterations);
    expect(result.timeline.reduce((n, p) => n + p.dropped, 0)).toBe(droppedIterations);
    expect(target.peakInFlight).toBeLessThanOrEqual(20);
    expect(target.accepted).toBeLessThanOrEqual(20);
  });
});
