import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { runCommand, type CliResult } from './support/cli.js';
import { startDemoTarget } from './support/demo-target.js';

const REPO = path.resolve(__dirname, '../../..');
const RUNNER = path.join(REPO, 'examples/custom-runner/run.ts');

/** The verdict line the runner prints: `verdict: PASS runs=… failed=… requests=… runs-per-second=…`. */
function verdictOf({ stdout, stderr }: CliResult): { verdict: string; runs: number; failed: number; requests: number; perSecond: number[] } {
  const m = /^verdict: (PASS|FAIL) runs=(\d+) failed=(\d+) requests=(\d+) runs-per-second=([\d,]*)$/m.exec(stdout);
  if (!m) throw new Error(`no verdict line in stdout:\n${stdout}\nstderr:\n${stderr}`);
  return { verdict: m[1]!, runs: Number(m[2]), failed: Number(m[3]), requests: Number(m[4]), perSecond: m[5] ? m[5].split(',').map(Number) : [] };
}

describe('examples/custom-runner: the packages composed without the CLI (end to end, real server)', () => {
  // Inside the workspace, so the bundle's @go-heavy/* imports resolve from its node_modules.
  const dir = mkdtempSync(path.join(__dirname, '.tmp-runner-'));
  const bundle = path.join(dir, 'run.mjs');

  beforeAll(async () => {
    // What a team does with tsx or its own build: TypeScript to one ESM file, packages left to Node.
    await build({ entryPoints: [RUNNER], outfile: bundle, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs 4 users for 3 s through its own reporter and the console reporter: exit code 0, the requests the shop saw', async () => {
    const shop = await startDemoTarget();
    const res = await runCommand(process.execPath, [bundle], { env: { BASE_URL: shop.url } });
    const seen = await shop.stop();
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const verdict = verdictOf(res);
    expect(verdict).toMatchObject({ verdict: 'PASS', failed: 0 });
    expect(verdict.runs).toBeGreaterThan(0);
    // Every request the program counted reached the shop, and nothing else did.
    expect(verdict.requests).toBe(seen.requests);
    expect(verdict.requests).toBe(2 * verdict.runs);
    expect(seen.byRoute['GET /products']).toBe(verdict.runs);
    expect(seen.byRoute['GET /products/:id']).toBe(verdict.runs);
    // Its reporter saw one progress update per second of the 3 s (the last may coincide with the end).
    expect(verdict.perSecond.length).toBeGreaterThanOrEqual(2);
    expect(verdict.perSecond.length).toBeLessThanOrEqual(3);
    // The built-in console reporter printed the summary before the verdict.
    expect(res.stdout).toMatch(/go-heavy summary[\s\S]*shop\/browse[\s\S]*verdict: PASS/);
  });

  it('exits non-zero when more than 1 % of the runs failed', async () => {
    // A shop that is down for maintenance: every request is answered 503.
    const down = http.createServer((_req, res) => {
      res.statusCode = 503;
      res.end('maintenance');
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    try {
      const res = await runCommand(process.execPath, [bundle], { env: { BASE_URL: `http://127.0.0.1:${(down.address() as AddressInfo).port}` } });
      expect(res.code).toBe(1);
      const verdict = verdictOf(res);
      expect(verdict.verdict).toBe('FAIL');
      expect(verdict.runs).toBeGreaterThan(0);
      expect(verdict.failed).toBe(verdict.runs);
    } finally {
      down.closeAllConnections();
      await new Promise((resolve) => down.close(resolve));
    }
  });
});
