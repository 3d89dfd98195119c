import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constantProfile, Engine, workflow, type Reporter, type RunPlan } from '@go-heavy/core';
import { createHttpClient } from '@go-heavy/http-client';
import { createRecorder } from '@go-heavy/metrics';
import { runReporters, type ReporterStream } from '../src/run-reporters.js';
import { readResults } from './support/results.js';

const HOOKS = ['onStart', 'onProgress', 'onEnd', 'close'] as const;

/** A plugin that throws in one hook and records the hooks it saw. */
function throwingIn(hook: (typeof HOOKS)[number], seen: string[]): Reporter {
  const reporter: Reporter = { name: `throws-in-${hook}` };
  for (const h of HOOKS) {
    (reporter as unknown as Record<string, unknown>)[h] = () => {
      seen.push(`${reporter.name}:${h}`);
      if (h === hook) throw new Error(`${hook} broke\nsecond line never shown`);
    };
  }
  return reporter;
}

/** A stream whose writes fail as a full disk would. */
function brokenStream(): ReporterStream {
  return {
    write: () => {
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    },
    tty: false,
    color: false,
    columns: () => 100,
  };
}

describe('runReporters: every reporter of a run is guarded, built-ins included', () => {
  let server: Server;
  let url: string;
  let requests = 0;
  const dir = mkdtempSync(path.join(tmpdir(), 'go-heavy-guard-'));
  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    url = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('the progress line and the summary fail on a full disk, a plugin throws in each hook: the run, the results file and the other reporters carry on', async () => {
    const seen: string[] = [];
    const lines: string[] = [];
    const file = path.join(dir, 'results.json');
    const reporters = runReporters({
      out: brokenStream(),
      err: brokenStream(),
      quiet: false,
      full: false,
      resultsFile: file,
      plugins: HOOKS.map((hook) => throwingIn(hook, seen)),
      report: (line) => lines.push(line),
    });
    expect(reporters.map((r) => r.name)).toEqual(['progress', 'console', 'json', ...HOOKS.map((h) => `throws-in-${h}`)]);

    const definition = workflow({
      async run(ctx) {
        await ctx.http.get('/');
        // Paced: a few hundred requests in the run, not as many as the machine can send.
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    });
    const plan: RunPlan = {
      workflows: [{ name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: { BASE_URL: url } }],
      load: { model: 'closed', users: constantProfile(2, null) },
      // Long enough for at least one progress tick (every second).
      durationMs: 1500,
      iterations: null,
      warmupMs: 0,
      gracefulStopMs: 1000,
      uniqueUsers: null,
    };
    const http = createHttpClient({ timeoutMs: 5000, connections: 2 });
    const before = requests;
    const result = await new Engine(plan, { http, createRecorder: () => createRecorder(), reporters }).run();
    await http.close();

    // Nothing lost: every request the server answered is in the results, written despite the others.
    expect(result.summary.requests).toBe(requests - before);
    expect(result.summary.requests).toBeGreaterThan(0);
    const written = readResults(file);
    expect(written.testId).toBe(result.testId);
    expect(written.summary.requests).toBe(result.summary.requests);
    // Every plugin saw every hook, the one that threw included, and in order.
    for (const hook of HOOKS) {
      const mine = seen.filter((s) => s.startsWith(`throws-in-${hook}:`)).map((s) => s.split(':')[1]);
      expect(new Set(mine)).toEqual(new Set(HOOKS));
      expect(mine[0]).toBe('onStart');
      expect(mine.slice(-2)).toEqual(['onEnd', 'close']);
    }
    // One line per failing hook, naming the reporter, first line of the message only, never repeated.
    expect(lines.sort()).toEqual(
      [
        'reporter "console": onEnd failed: ENOSPC: no space left on device, write',
        'reporter "progress": onProgress failed: ENOSPC: no space left on device, write',
        ...HOOKS.map((h) => `reporter "throws-in-${h}": ${h} failed: ${h} broke`),
      ].sort(),
    );
  });
});
