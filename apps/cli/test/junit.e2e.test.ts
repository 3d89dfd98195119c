// `--junit FILE` and `--reporter junit` through the built CLI against a real server: one test
// case per threshold and per check, valid against the Ant JUnit XML schema, written when a
// threshold fails (exit 99) as when all pass; `report --junit` writes the same from a results file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { junitSchemaErrors } from '../../../tools/testing/junit-schema.js';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { startTarget } from './support/target.js';

/** Every 5th iteration gets a 500 and fails its check. */
const BROWSE = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    const res = await ctx.http.get(ctx.iteration % 5 === 0 ? '/status/500' : '/fast', { name: '/home' });
    ctx.check(res.status === 200, 'home is <200>');
  },
});
`;

/** The `<testcase>` elements of a JUnit file: name, classname and failure message if any. */
function cases(xml: string): Array<{ name: string; classname: string; failure?: string }> {
  const decode = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<testcase name="([^"]*)" classname="([^"]*)" time="0"(?:\/>|>\s*<failure type="\w+" message="([^"]*)")/g)].map((m) => ({
    name: decode(m[1]!),
    classname: decode(m[2]!),
    ...(m[3] === undefined ? {} : { failure: decode(m[3]) }),
  }));
}

describe('JUnit XML from the CLI', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({ 'services/blog/browse.ts': BROWSE });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (args: string[]) =>
    runCli(['run', 'blog/browse', '--root', project.root, '--users', '2', '--iterations', '20', '--warmup', '0s', '--no-history', '--quiet', ...args], { env: { BASE_URL: target.url } });

  it('--junit FILE: a case per threshold and per check, the failed ones with value and bound; exit 99', async () => {
    const junit = path.join(project.root, 'ci/junit.xml');
    const out = path.join(project.root, 'ci/results.json');
    const res = await run(['--junit', junit, '--out', out, '--threshold', 'blog/browse error-rate < 1%', '--threshold', 'blog/browse p95 < 10s', '--threshold', '* dropped == 0']);
    expect(res.stderr).not.toMatch(/unexpected error/);
    expect(res.code).toBe(99);
    const xml = readFileSync(junit, 'utf8');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(cases(xml)).toEqual([
      { name: 'blog/browse error-rate < 1%', classname: 'blog/browse', failure: 'error-rate was 20.00%; expected < 1.00%' },
      { name: 'blog/browse p95 < 10s', classname: 'blog/browse' },
      { name: 'check: home is <200>', classname: 'blog/browse', failure: '4 of 20 failed (80.00% passed)' },
      { name: '* dropped == 0', classname: 'run' },
    ]);
    expect(xml).toMatch(/<testsuite package="go-heavy" id="0" name="blog\/browse" [^>]*tests="3" failures="2" errors="0"/);

    // The same file again from the results, as after `merge`: report --junit.
    const again = path.join(project.root, 'ci/again.xml');
    const rep = await runCli(['report', out, '--junit', again]);
    expect(rep.code).toBe(0);
    expect(rep.stderr).toMatch(/JUnit XML written to/);
    expect(cases(readFileSync(again, 'utf8'))).toEqual(cases(xml));
  });

  it('--reporter junit writes junit.xml in the working folder; every case passes, exit 0', async () => {
    const res = await runCli(
      ['run', 'blog/browse', '--root', project.root, '--users', '1', '--iterations', '4', '--warmup', '0s', '--no-history', '--quiet', '--reporter', 'junit', '--threshold', 'blog/browse p95 < 10s'],
      {
        env: { BASE_URL: target.url },
        cwd: project.root,
      },
    );
    // Iterations 0..3: iteration 0 gets the 500, so the check fails once; thresholds pass.
    expect(res.code).toBe(0);
    const xml = readFileSync(path.join(project.root, 'junit.xml'), 'utf8');
    expect(cases(xml)).toEqual([
      { name: 'blog/browse p95 < 10s', classname: 'blog/browse' },
      { name: 'check: home is <200>', classname: 'blog/browse', failure: '1 of 4 failed (75.00% passed)' },
    ]);
  });

  it('a --junit path that cannot be written is one line and exit 2, before any load', async () => {
    const before = target.stats.requests;
    const res = await run(['--junit', path.join(project.root, 'services/blog/browse.ts/x.xml')]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/^go-heavy: --junit: cannot write /);
    expect(target.stats.requests).toBe(before);
    expect(existsSync(path.join(project.root, 'services/blog/browse.ts/x.xml'))).toBe(false);
  });
});
