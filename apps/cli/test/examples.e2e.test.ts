import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { expectConsistent, readResults } from './support/results.js';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');

/** The demo shop in its own process, as a user would start it; stats come back on SIGTERM. */
function startDemoTarget(): Promise<{ url: string; stop(): Promise<{ requests: number }> }> {
  const child: ChildProcess = spawn(process.execPath, [path.join(REPO, 'tools/demo-target/src/main.mjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`demo target did not start: ${out}`)), 10_000);
    child.stdout!.on('data', () => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      resolve({
        url,
        stop: () =>
          new Promise((done) => {
            child.on('close', () => done(JSON.parse(out.slice(out.indexOf('{')))));
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

describe('the examples run against the demo target', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-examples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['shop', 'catalog'])('%s: every workflow runs, every request is counted', async (service) => {
    const target = await startDemoTarget();
    const out = path.join(dir, `${service}.json`);
    const res = await runCli(['run', service, '--root', EXAMPLES, '--users', '2', '--iterations', '6', '--out', out, '--quiet'], { env: { BASE_URL: target.url } });
    const seen = await target.stop();
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    // The services' heavy.config.ts set a duration, so a warm-up ran first: its requests count apart.
    expect(result.warmup).not.toBeNull();
    expect(result.summary.requests + result.warmup!.requests).toBe(seen.requests);
    for (const wf of result.workflows) {
      expect(wf.runs).toBe(6);
      expect(wf.steps.length).toBeGreaterThan(0);
    }
    // The shop's two workflows, the catalog's one; its helper file is not a workflow.
    expect(result.workflows.map((w) => w.name).sort()).toEqual(service === 'shop' ? ['shop/browse-and-buy', 'shop/search'] : ['catalog/product-pages']);
  });
});
