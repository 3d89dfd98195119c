import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { startDemoTarget } from './support/demo-target.js';
import { expectConsistent, readResults } from './support/results.js';

const REPO = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(REPO, 'examples');

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
    // The services' heavy.config.ts set a duration; --iterations replaces it, and its warm-up:
    // the six iterations are all that runs, every request counted in them.
    expect(result.warmup).toBeNull();
    expect(result.load).toMatchObject({ durationMs: null, iterations: 6, warmupMs: 0 });
    expect(result.summary.requests).toBe(seen.requests);
    // --iterations is the service's budget, split by the workflows' weights (the shop's 3:1:1 mix).
    expect(result.workflows.reduce((n, wf) => n + wf.runs, 0)).toBe(6);
    for (const wf of result.workflows) {
      expect(wf.runs).toBeGreaterThan(0);
      expect(wf.steps.length).toBeGreaterThan(0);
    }
    if (service === 'shop') {
      expect(result.load.workflows!.map((w) => [w.name, w.weight, w.iterations])).toEqual([
        ['shop/browse-and-buy', 1, 1],
        ['shop/pay', 1, 1],
        ['shop/search', 3, 4],
      ]);
      // The payment's callback reached its own iteration through the webhook receiver.
      expect(result.notifications).toEqual({ sources: ['webhook'], received: 1, waits: 1, matched: 1, early: 0, late: 0, unmatched: 0, expired: 0, timedOut: 0, interrupted: 0 });
      expect(seen.callbacks).toEqual({ sent: 1, failed: 0 });
    }
    // The shop's three workflows, the catalog's one; its helper file is not a workflow.
    expect(result.workflows.map((w) => w.name).sort()).toEqual(service === 'shop' ? ['shop/browse-and-buy', 'shop/pay', 'shop/search'] : ['catalog/product-pages']);
    if (service === 'catalog') {
      // The short link is followed (its 301 and the page, both under its name), then taken by hand.
      const checks = result.workflows[0]!.checks.filter((c) => c.name.startsWith('short link'));
      expect(checks.map((c) => [c.name, c.passed, c.failed])).toEqual([
        ['short link leads to the product', 6, 0],
        ['short link is a permanent redirect', 6, 0],
      ]);
      const shortLink = result.workflows[0]!.steps.find((s) => s.name === 'short link')!;
      expect(shortLink.requests.map((r) => [r.endpoint, r.statusCodes])).toEqual([
        ['/p/{id}', { '200': 6, '301': 6 }],
        ['/p/{id} (manual)', { '301': 6 }],
      ]);
    }
  });
});

describe('examples/services/todo is what go-heavy generate openapi makes of examples/openapi/todo.yaml', () => {
  it('is up to date with the generator, and type-checks', async () => {
    const again = await runCli(['generate', 'openapi', path.join(EXAMPLES, 'openapi/todo.yaml'), '--service', 'todo', '--root', EXAMPLES]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(['lists.ts', 'tasks.ts', 'untagged.ts', 'openapi-helpers.ts', 'env.default'].map((f) => `unchanged services/todo/${f}\n`).join(''));
    const check = await runCli(['check', 'todo', '--root', EXAMPLES], { timeoutMs: 90_000 });
    expect(check.stderr).toBe('go-heavy: checked 4 files: no type errors\n');
    expect(check.code).toBe(0);
  });
});
