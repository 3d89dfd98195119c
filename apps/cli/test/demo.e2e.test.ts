import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');

/** `npm run demo` as the README has it, shortened: the demo target, the shop service, a summary. */
describe('npm run demo', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-demo-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the example shop against the demo target and every request it sent arrived', () => {
    const out = path.join(dir, 'demo.json');
    const res = spawnSync('npm', ['run', '--silent', 'demo', '--', '--duration', '2s', '--warmup', '1s', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('shop/browse-and-buy');
    expect(res.stdout).toContain('shop/search');
    // The shop's mix (search 3 : browse-and-buy 1 : pay 1) over the demo's --users 5, under the Load line.
    expect(res.stdout).toMatch(/^ +shop\/browse-and-buy 1 user \(20 %\)$/m);
    expect(res.stdout).toMatch(/^ +shop\/pay 1 user \(20 %\)$/m);
    expect(res.stdout).toMatch(/^ +shop\/search 3 users \(60 %\)$/m);
    expect(res.stdout).toMatch(/^ +total 5 users$/m);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    const received = Number(/demo target received (\d+) requests/.exec(res.stderr)?.[1]);
    expect(received).toBe(result.summary.requests + result.warmup.requests);
    expect(result.summary.workflowsSucceeded).toBeGreaterThan(0);
    // The demo target fails some checkouts on purpose: the report shows 5xx.
    const buy = result.workflows.find((w: { name: string }) => w.name === 'shop/browse-and-buy');
    expect(buy.statusClasses['2xx']).toBeGreaterThan(0);
    // The asynchronous payment: each settled through the webhook, matched to its own iteration.
    const pay = result.workflows.find((w: { name: string }) => w.name === 'shop/pay');
    expect(pay.steps.map((s: { name: string }) => s.name)).toEqual(['submit payment', 'payment settled']);
    expect(pay.failed).toBe(0);
    expect(result.notifications.matched).toBeGreaterThan(0);
    expect(result.notifications.timedOut).toBe(0);
    expect(res.stdout).toMatch(/^ +Notifications +\d+ received \(webhook\): \d+ matched/m);
  });
});
