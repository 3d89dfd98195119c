// The CI examples (examples/ci/load-test.yml for GitHub Actions, examples/ci/.gitlab-ci.yml for
// GitLab): the GitHub workflow passes GitHub's own workflow parser, both keep the results, the
// HTML report and the JUnit XML as artifacts even on failure, and the exact shell script of each
// load-test step runs, in a copy of the example project, against servers this test starts:
// exit 0 when the thresholds pass, 99 when one fails (artifacts still written), 2 on bad input.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parse } from 'yaml';
import { junitSchemaErrors } from '../../../tools/testing/junit-schema.js';
import { runCommand } from './support/cli.js';
import { startDemoTarget } from './support/demo-target.js';

const REPO = path.resolve(__dirname, '../../..');
const GITHUB = path.join(REPO, 'examples/ci/load-test.yml');
const GITLAB = path.join(REPO, 'examples/ci/.gitlab-ci.yml');

/* eslint-disable @typescript-eslint/no-explicit-any -- the YAML files are read as the loose documents they are */
const github = parse(readFileSync(GITHUB, 'utf8')) as any;
const gitlab = parse(readFileSync(GITLAB, 'utf8')) as any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const githubScript = (): string => github.jobs.search.steps.find((s: { id?: string }) => s.id === 'load').run as string;
const gitlabScript = (): string => (gitlab['load-test'].script as string[]).join('\n');

/** A shop whose /health is fine and whose /search always fails: every threshold on it fails. */
function startFailingShop(): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    if (req.url === '/health') return void res.end('ok');
    res.statusCode = 500;
    res.end('{"error":"down"}');
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

describe('the CI examples', () => {
  it('the GitHub workflow passes GitHub’s workflow parser', () => {
    const out = execFileSync(process.execPath, [path.join(REPO, 'tools/testing/github-workflow-errors.mjs'), GITHUB], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ errors: [], jobs: ['search'] });
  });

  it('the parser is not a rubber stamp: a misspelt key is refused', () => {
    const dir = mkdtempSync(path.join(__dirname, '.tmp-ci-'));
    try {
      const bad = path.join(dir, 'bad.yml');
      writeFileSync(bad, readFileSync(GITHUB, 'utf8').replace('runs-on:', 'runs-onn:'));
      const out = JSON.parse(execFileSync(process.execPath, [path.join(REPO, 'tools/testing/github-workflow-errors.mjs'), bad], { encoding: 'utf8' })) as { errors: string[] };
      expect(out.errors.join('\n')).toMatch(/runs-onn/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('both keep the results, the HTML report and the JUnit XML, whatever the outcome', () => {
    const upload = github.jobs.search.steps.find((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(upload.if).toBe('always()');
    expect(upload.with.path).toBe('results/');
    expect(gitlab['load-test'].artifacts).toMatchObject({ when: 'always', paths: ['results/'], reports: { junit: 'results/junit.xml' } });
    for (const script of [githubScript(), gitlabScript()]) {
      expect(script).toMatch(/--out results\/shop\.json --html results\/shop\.html --junit results\/junit\.xml/);
      expect(script).toMatch(/exit "\$code"\s*$/);
    }
  });

  describe('their load-test scripts, run as the CI runner runs them', () => {
    let demo: Awaited<ReturnType<typeof startDemoTarget>>;
    let failing: Awaited<ReturnType<typeof startFailingShop>>;
    const work = mkdtempSync(path.join(__dirname, '.tmp-ci-'));
    /** A project as `go-heavy init` makes one: the examples' services, go-heavy in node_modules/.bin. */
    const project = (name: string, withServices = true): string => {
      const dir = path.join(work, name);
      mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true });
      if (withServices) for (const part of ['services', 'common', 'utils', 'tsconfig.json']) cpSync(path.join(REPO, 'examples', part), path.join(dir, part), { recursive: true });
      writeFileSync(path.join(dir, 'package.json'), '{ "name": "ci-example", "private": true }\n');
      // What `npm ci` of such a project links: `npx go-heavy` runs it, never the registry's.
      symlinkSync(path.join(REPO, 'apps/cli/bin/go-heavy.js'), path.join(dir, 'node_modules/.bin/go-heavy'));
      return dir;
    };
    const bash = (script: string, cwd: string, baseUrl: string) =>
      runCommand('bash', ['-c', script], { cwd, env: { BASE_URL: baseUrl, LOAD_DURATION: '1s', npm_config_yes: 'false' }, timeoutMs: 90_000 });

    beforeAll(async () => {
      [demo, failing] = await Promise.all([startDemoTarget(), startFailingShop()]);
    });
    afterAll(async () => {
      await Promise.all([demo.stop(), failing.close()]);
      rmSync(work, { recursive: true, force: true });
    });

    it('pass: exit 0, and the results, the report and valid JUnit XML are written (GitHub, GitLab)', async () => {
      const [gh, gl] = [project('pass-github'), project('pass-gitlab')];
      const [a, b] = await Promise.all([bash(githubScript(), gh, demo.url), bash(gitlabScript(), gl, demo.url)]);
      for (const [res, dir] of [
        [a, gh],
        [b, gl],
      ] as const) {
        expect(res.stderr).toBe('');
        expect(res.code).toBe(0);
        expect(res.stdout).toContain('go-heavy: every threshold passed');
        for (const file of ['shop.json', 'shop.html', 'junit.xml']) expect(existsSync(path.join(dir, 'results', file))).toBe(true);
        const junit = readFileSync(path.join(dir, 'results/junit.xml'), 'utf8');
        expect(await junitSchemaErrors(junit)).toEqual([]);
        expect(junit).toContain('<testcase name="shop/search p95 &lt; 1s" classname="shop/search" time="0"/>');
      }
    });

    it('a failed threshold: exit 99 with the reason, artifacts still written (GitHub, GitLab)', async () => {
      const [gh, gl] = [project('fail-github'), project('fail-gitlab')];
      const [a, b] = await Promise.all([bash(githubScript(), gh, failing.url), bash(gitlabScript(), gl, failing.url)]);
      expect(a.code).toBe(99);
      expect(a.stdout).toContain('::error title=Load test::a threshold failed (exit 99)');
      expect(b.code).toBe(99);
      expect(b.stdout).toContain('go-heavy: a threshold failed (exit 99)');
      for (const dir of [gh, gl]) {
        for (const file of ['shop.json', 'shop.html', 'junit.xml']) expect(existsSync(path.join(dir, 'results', file))).toBe(true);
        expect(readFileSync(path.join(dir, 'results/junit.xml'), 'utf8')).toMatch(/<failure type="threshold" message="error-rate was 100\.00%; expected &lt; 1\.00%">/);
      }
    });

    it('bad input: exit 2, told apart from a failed threshold (GitHub, GitLab)', async () => {
      const [gh, gl] = [project('bad-github', false), project('bad-gitlab', false)];
      const [a, b] = await Promise.all([bash(githubScript(), gh, demo.url), bash(gitlabScript(), gl, demo.url)]);
      expect([a.code, b.code]).toEqual([2, 2]);
      expect(a.stderr).toMatch(/^go-heavy: no services\/ folder in /);
      expect(a.stdout).toContain('::error title=Load test::bad input (exit 2)');
      expect(b.stdout).toContain('go-heavy: bad input (exit 2)');
    });
  });
});
