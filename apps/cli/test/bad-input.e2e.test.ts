import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

const OK = `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/'); } });\n`;

describe('go-heavy run with bad input', () => {
  const project = makeProject({
    'services/api/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/api/ok.ts': OK,
    'services/api/broken.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ run(ctx) { const = 1 } });\n`,
    'services/api/nodefault.ts': 'export const x = 1;\n',
    'services/nobase/ok.ts': OK,
    'profiles/typo.yaml': 'rate: 10/s\nusres: 3\nduration: 5s\n',
    'profiles/many.yaml': 'rate: -1\nusres: 3\nduration: abc\n',
  });
  afterAll(() => project.remove());

  const cases: Array<[string, string[], RegExp]> = [
    ['unknown service', ['run', 'nope'], /unknown service "nope" .*expected one of api, nobase/],
    ['unknown workflow', ['run', 'api/nope'], /unknown workflow "nope" in service "api": expected one of/],
    ['syntax error', ['run', 'api/broken'], /services\/api\/broken\.ts:2:\d+: /],
    ['no default export', ['run', 'api/nodefault'], /nodefault\.ts: no default export: expected `export default workflow/],
    ['missing BASE_URL', ['run', 'nobase'], /service "nobase": BASE_URL is not set/],
    ['--users 0', ['run', 'api/ok', '--users', '0'], /--users: expected a whole number >= 1, got "0"/],
    ['--duration abc', ['run', 'api/ok', '--duration', 'abc'], /--duration: expected a duration like 10s, 500ms or 1m30s, got "abc"/],
    ['--rate -1', ['run', 'api/ok', '--rate', '-1'], /--rate: expected a rate like 100, 100\/s or 600\/m, got "-1"/],
    ['--stages x', ['run', 'api/ok', '--stages', 'x'], /--stages: part 1 "x": expected duration:target like 30s:200/],
    ['--users 5 --rate 5', ['run', 'api/ok', '--users', '5', '--rate', '5'], /--users and --rate cannot be used together/],
    ['unknown key in a profile file', ['run', 'api/ok', '--profile', 'PROFILE'], /typo\.yaml:2: usres: unknown key, expected one of users, rate/],
    ['chart: --max-users in the closed model', ['chart', '--users', '3', '--max-users', '5'], /--max-users: only for the open model/],
    ['--out inside a file', ['run', 'api/ok', '--out', 'UNDER_A_FILE/results.json'], /--out: cannot write .*env\.default\/results\.json: .*env\.default is a file, not a folder/],
    ['--html that is a folder', ['run', 'api/ok', '--html', 'A_FOLDER'], /--html: cannot write .*services: .*services is a folder/],
    ['unknown flag', ['run', 'api/ok', '--usres', '3'], /Unknown argument: usres/],
    ['no target', ['run'], /Not enough non-option arguments/],
    ['no services folder', ['run', 'api', '--root', '/'], /no services\/ folder in \//],
  ];

  it.each(cases)('%s: one clear line, exit code 2, no stack trace', async (_name, args, message) => {
    const withFiles = args.map((a) =>
      a === 'PROFILE'
        ? `${project.root}/profiles/typo.yaml`
        : a.replace('UNDER_A_FILE', `${project.root}/services/api/env.default`).replace('A_FOLDER', `${project.root}/services`),
    );
    const withRoot = withFiles.includes('--root') ? withFiles : [...withFiles, '--root', project.root];
    const res = await runCli(withRoot, { env: { BASE_URL: '' } });
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^go-heavy: /);
    expect(lines[0]).toMatch(message);
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports every problem of a profile file at once, one prefixed line each, exit code 2', async () => {
    const res = await runCli(['run', 'api/ok', '--profile', `${project.root}/profiles/many.yaml`, '--root', project.root]);
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^go-heavy: .*many\.yaml:1: rate: expected a rate/),
      expect.stringMatching(/^go-heavy: .*many\.yaml:2: usres: unknown key/),
      expect.stringMatching(/^go-heavy: .*many\.yaml:3: duration: expected a duration/),
    ]);
  });
});
