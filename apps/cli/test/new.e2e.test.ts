import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('go-heavy new service / new workflow', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('adds a service and workflows to a project init made: they type-check and run', async () => {
    const project = makeProject({});
    try {
      expect((await runCli(['init', 'repo'], { cwd: project.root })).code).toBe(0);
      const root = path.join(project.root, 'repo');
      // From outside the project, with --root as the other commands take it.
      const service = await runCli(['new', 'service', 'billing', '--base-url', `${target.url}/`, '--root', 'repo'], { cwd: project.root });
      expect({ code: service.code, stderr: service.stderr }).toEqual({ code: 0, stderr: '' });
      expect(service.stdout.split('\n')).toEqual([
        'go-heavy new service: billing',
        '  created   repo/services/billing/heavy.config.ts',
        '  created   repo/services/billing/env.default',
        '  created   repo/services/billing/smoke.ts',
        '',
        'Next:',
        '  npx go-heavy run billing --root repo',
        '',
      ]);
      // The trailing slash is dropped: BASE_URL + '/health' has one slash.
      expect(read(root, 'services/billing/env.default')).toContain(`\nBASE_URL=${target.url}\n`);

      const workflow = await runCli(['new', 'workflow', 'billing/invoices'], { cwd: root });
      expect({ code: workflow.code, stderr: workflow.stderr }).toEqual({ code: 0, stderr: '' });
      expect(workflow.stdout).toBe('go-heavy new workflow: billing/invoices\n  created   services/billing/invoices.ts\n\nNext:\n  npx go-heavy run billing/invoices\n');
      expect(read(root, 'services/billing/invoices.ts')).toContain(`import { expectStatus } from '../../common/checks';`);
      expect((await runCli(['new', 'workflow', 'api/browse'], { cwd: root })).code).toBe(0);

      const check = await runCli(['check'], { cwd: root, timeoutMs: 90_000 });
      // The configs of api and billing, their four workflows, the two helpers.
      expect({ code: check.code, stdout: check.stdout, stderr: check.stderr }).toEqual({ code: 0, stdout: '', stderr: 'go-heavy: checked 8 files: no type errors\n' });

      // The service's 4 iterations are shared by its two workflows: 2 smoke (/ and /health), 2 invoices (/).
      const before = target.stats.seen.length;
      const run = await runCli(['run', 'billing', '--iterations', '4', '--quiet', '--no-history', '--out', 'results.json'], { cwd: root, timeoutMs: 60_000 });
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      expect(
        target.stats.seen
          .slice(before)
          .map((r) => `${r.method} ${r.url}`)
          .sort(),
      ).toEqual(['GET /', 'GET /', 'GET /', 'GET /', 'GET /health', 'GET /health']);
      const result = readResults(path.join(root, 'results.json'));
      expect(result.workflows.map((w) => [w.name, w.succeeded, w.failed]).sort()).toEqual([
        ['billing/invoices', 2, 0],
        ['billing/smoke', 2, 0],
      ]);
      expect(result.workflows.find((w) => w.name === 'billing/invoices')!.checks).toEqual([{ name: 'invoices is 200', passed: 2, failed: 0 }]);
    } finally {
      project.remove();
    }
  }, 120_000);

  it('in a project without the shared helpers, writes workflows that stand alone; --force overwrites a taken name', async () => {
    const project = makeProject({ 'services/shop/env.default': 'BASE_URL=http://127.0.0.1:9\n' });
    try {
      expect((await runCli(['new', 'workflow', 'shop/search'], { cwd: project.root })).code).toBe(0);
      expect((await runCli(['new', 'service', 'blog'], { cwd: project.root })).code).toBe(0);
      for (const file of ['services/shop/search.ts', 'services/blog/smoke.ts']) {
        expect(read(project.root, file)).not.toMatch(/common\/|utils\//);
        expect(read(project.root, file)).toContain(`ctx.check(res.status === 200, '`);
      }
      expect(read(project.root, 'services/blog/env.default')).toContain('\nBASE_URL=http://localhost:3000\n');

      const taken = await runCli(['new', 'workflow', 'shop/search'], { cwd: project.root });
      expect({ code: taken.code, stderr: taken.stderr }).toEqual({
        code: 2,
        stderr: 'go-heavy: workflow "shop/search" exists: services/shop/search.ts (choose another name, or --force to overwrite it)\n',
      });
      const edited = '// edited\n';
      writeFileSync(path.join(project.root, 'services/shop/search.ts'), edited);
      const forced = await runCli(['new', 'workflow', 'shop/search', '--force'], { cwd: project.root });
      expect({ code: forced.code, stdout: forced.stdout.split('\n')[1] }).toEqual({ code: 0, stdout: '  overwrote services/shop/search.ts' });
      expect(read(project.root, 'services/shop/search.ts')).toContain("await ctx.step('search'");

      const check = await runCli(['check'], { cwd: project.root, timeoutMs: 90_000 });
      expect({ code: check.code, stderr: check.stderr }).toEqual({ code: 0, stderr: 'go-heavy: checked 3 files: no type errors\n' });
    } finally {
      project.remove();
    }
  }, 120_000);
});
