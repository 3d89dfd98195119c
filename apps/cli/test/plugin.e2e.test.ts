import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli, type CliResult } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const PLUGIN = path.resolve(__dirname, '../../../examples/plugins/go-heavy-reporter-markdown');

const WORKFLOW = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('ping', async () => {
      const res = await ctx.http.get('/fast');
      ctx.check(res.status === 200, 'fast is 200');
    });
    // Every third iteration fails: the table's failed column is not all zeros.
    if (ctx.iteration % 3 === 0) ctx.check((await ctx.http.get('/status/500')).status < 400, 'no error status');
  },
});
`;

/** Records what go-heavy handed it, to check the context and the hooks. */
const SPY_TS = `import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ReporterFactory } from '@go-heavy/core';

const spy: ReporterFactory<{ file?: string }> = (options, context) => {
  const seen = { options, context, started: 0, ended: 0, closed: 0, requests: -1 };
  return {
    name: 'spy',
    onStart() { seen.started++; },
    onEnd(result) { seen.ended++; seen.requests = result.summary.requests; },
    async close() {
      seen.closed++;
      writeFileSync(path.resolve(context.cwd, options.file ?? 'spy.json'), JSON.stringify(seen));
    },
  };
};
export default spy;
`;

/** npm packages as a user's project would have them installed. */
const PACKAGES: Record<string, Record<string, string>> = {
  'not-a-factory': {
    'package.json': JSON.stringify({ name: 'not-a-factory', version: '1.0.0', type: 'module', exports: './index.js' }),
    'index.js': 'export default { name: "oops", onEnd() {} };\n',
  },
  'throwing-factory': {
    'package.json': JSON.stringify({ name: 'throwing-factory', version: '1.0.0', main: 'index.cjs' }),
    'index.cjs': 'module.exports = function () { throw new Error("SLACK_TOKEN is not set\\nsecond line"); };\n',
  },
  'nameless-reporter': {
    'package.json': JSON.stringify({ name: 'nameless-reporter', version: '1.0.0', main: 'index.cjs' }),
    'index.cjs': 'module.exports = () => ({ onEnd() {} });\n',
  },
  // CommonJS, as TypeScript compiles `export default` to it.
  'cjs-counter': {
    'package.json': JSON.stringify({ name: 'cjs-counter', version: '1.0.0', main: 'index.cjs' }),
    'index.cjs':
      'const fs = require("node:fs"); const path = require("node:path");\n' +
      'exports.__esModule = true;\n' +
      'exports.default = (options, context) => ({ name: "counter", onEnd(r) { fs.writeFileSync(path.resolve(context.cwd, options.path ?? "counter.txt"), String(r.workflows[0].runs)); } });\n',
  },
  'failing-reporter': {
    'package.json': JSON.stringify({ name: 'failing-reporter', version: '1.0.0', type: 'module', exports: { '.': { import: './index.js' } } }),
    'index.js': 'export default () => ({ name: "boom", onEnd() { throw new Error("disk full"); } });\n',
  },
};

function files(): Record<string, string> {
  const all: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'my-load-tests', private: true }),
    'services/api/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/api/ping.ts': WORKFLOW,
    'services/api/heavy.config.ts':
      `import { defineConfig } from '@go-heavy/config';\n` +
      `export default defineConfig({\n` +
      `  reporters: [['go-heavy-reporter-markdown', { path: 'out/summary.md', title: 'api' }], ['json', { path: 'out/from-config.json' }], ['../../reporters/spy.ts', { file: 'out/spy.json' }]],\n` +
      `});\n`,
    'services/bare/ping.ts': WORKFLOW,
    'services/badentry/ping.ts': WORKFLOW,
    'services/badentry/heavy.config.ts': `export default { reporters: ['json', 42] };\n`,
    'services/badoptions/ping.ts': WORKFLOW,
    'services/badoptions/heavy.config.ts': `export default { reporters: [['json', { pth: 'x.json' }]] };\n`,
    'reporters/spy.ts': SPY_TS,
  };
  for (const [name, pkg] of Object.entries(PACKAGES)) {
    for (const [file, text] of Object.entries(pkg)) all[`node_modules/${name}/${file}`] = text;
  }
  return all;
}

/** The rows of the Markdown table, as cells keyed by its header. */
function tableRows(markdown: string): Array<Record<string, string>> {
  const lines = markdown.split('\n').filter((l) => l.startsWith('|'));
  const split = (l: string) =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
  const header = split(lines[0]!);
  return lines.slice(2).map((l) => Object.fromEntries(split(l).map((c, i) => [header[i]!, c])));
}

function expectOneLine(res: CliResult, message: RegExp): void {
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  const lines = res.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^go-heavy: /);
  expect(lines[0]).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at /);
}

describe('reporter plugins (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject(files());
  // Installed as npm would: a copy of the package in the project's node_modules.
  cpSync(PLUGIN, path.join(project.root, 'node_modules/go-heavy-reporter-markdown'), { recursive: true });
  const run = (args: string[], cwd = project.root) => runCli(['run', ...args, '--root', project.root, '--quiet'], { cwd, env: { BASE_URL: target.url } });

  beforeAll(async () => {
    target = await startTarget();
  });
  beforeEach(() => {
    target.stats.requests = 0;
    target.stats.byPath.clear();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it('heavy.config.ts reporters: the Markdown plugin, a built-in and a local TypeScript file, each with its options', async () => {
    const res = await run(['api', '--users', '3', '--iterations', '30', '--out', 'out/results.json']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(path.join(project.root, 'out/results.json'));
    expectConsistent(result);
    expect(result.summary.requests).toBe(target.stats.requests);

    // The plugin's table holds the results' numbers.
    const markdown = readFileSync(path.join(project.root, 'out/summary.md'), 'utf8');
    expect(markdown).toMatch(/^## api\n/);
    expect(markdown).toContain(`Test \`${result.testId}\``);
    expect(markdown).toContain(`${result.summary.requests} requests`);
    const rows = tableRows(markdown);
    expect(rows).toHaveLength(result.workflows.length);
    const wf = result.workflows[0]!;
    expect(wf.failed).toBe(10);
    expect(rows[0]).toEqual({
      workflow: 'api/ping',
      runs: String(wf.runs),
      failed: String(wf.failed),
      'p50 (ms)': wf.latencyMs.p50.toFixed(2),
      'p95 (ms)': wf.latencyMs.p95.toFixed(2),
      'p99 (ms)': wf.latencyMs.p99.toFixed(2),
      rps: wf.ratePerSec.toFixed(1),
    });
    expect(Number(rows[0]!.runs)).toBe(30);
    // close() published the file: no temporary file is left beside it.
    expect(readdirSync(path.join(project.root, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    // The built-in json from the config wrote the same run.
    expect(readResults(path.join(project.root, 'out/from-config.json'))).toEqual(result);

    // The local TypeScript reporter got its options, the typed context and every hook once.
    const spy = JSON.parse(readFileSync(path.join(project.root, 'out/spy.json'), 'utf8'));
    expect(spy).toEqual({
      options: { file: 'out/spy.json' },
      context: { apiVersion: 1, root: project.root, cwd: project.root },
      started: 1,
      ended: 1,
      closed: 1,
      requests: result.summary.requests,
    });
  });

  it('--reporter json (a built-in by name, default path in the cwd) and --reporter PACKAGE (CommonJS), repeatable, before or after the target', async () => {
    const cwd = path.join(project.root, 'elsewhere');
    mkdirSync(cwd, { recursive: true });
    const res = await runCli(['run', '--reporter', 'json', 'bare', '--iterations', '7', '--reporter', 'cjs-counter', '--root', project.root, '--quiet'], {
      cwd,
      env: { BASE_URL: target.url },
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(path.join(cwd, 'results.json'));
    expect(result.workflows[0]!.runs).toBe(7);
    expect(result.summary.requests).toBe(target.stats.requests);
    expect(readFileSync(path.join(cwd, 'counter.txt'), 'utf8')).toBe('7');
  });

  it('a config reporter and the same name as a flag: the config entry (with its options) is used once', async () => {
    const res = await run(['api', '--iterations', '2', '--reporter', 'json', '--reporter', 'go-heavy-reporter-markdown']);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(existsSync(path.join(project.root, 'results.json'))).toBe(false);
    expect(readResults(path.join(project.root, 'out/from-config.json')).workflows[0]!.runs).toBe(2);
  });

  it('a reporter whose onEnd throws: one line naming it, the other reporters still write, exit code 1', async () => {
    const res = await run(['bare', '--iterations', '3', '--reporter', 'failing-reporter', '--out', 'out/after-failure.json']);
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split('\n')).toEqual(['go-heavy: reporter "boom": onEnd failed: disk full']);
    expect(readResults(path.join(project.root, 'out/after-failure.json')).workflows[0]!.runs).toBe(3);
    expect(res.stdout).toContain('bare/ping');
  });

  const errors: Array<[string, string[], RegExp]> = [
    [
      'unknown package',
      ['bare', '--reporter', 'go-heavy-reporter-nope'],
      /reporter "go-heavy-reporter-nope" \(--reporter\): not a built-in \(console, json, html, junit\) and not an installed package \(looked up from \.\/\): expected `npm install --save-dev go-heavy-reporter-nope`/,
    ],
    [
      'default export not a function',
      ['bare', '--reporter', 'not-a-factory'],
      /reporter "not-a-factory" \(--reporter\): .*not-a-factory\/index\.js default-exports an object: expected a ReporterFactory/,
    ],
    ['factory throws (first line of its message)', ['bare', '--reporter', 'throwing-factory'], /reporter "throwing-factory" \(--reporter\): its factory threw: SLACK_TOKEN is not set$/],
    ['reporter without a name', ['bare', '--reporter', 'nameless-reporter'], /reporter "nameless-reporter" \(--reporter\): its factory returned a reporter without a name: expected \{ name: string/],
    ['a relative file that does not exist', ['bare', '--reporter', './reporters/nope.mjs'], /reporter "\.\/reporters\/nope\.mjs" \(--reporter\): no file reporters\/nope\.mjs/],
    ['a later reporter fails: the ones made before it are closed', ['api', '--reporter', 'not-a-factory'], /reporter "not-a-factory" \(--reporter\): .*default-exports an object/],
    ['malformed config entry', ['badentry'], /services\/badentry\/heavy\.config\.ts: reporters\[1\]: expected a name or \[name, \{ …options \}\].*got 42/],
    ['unknown option of a built-in', ['badoptions'], /reporter "json" \(services\/badoptions\/heavy\.config\.ts: reporters\[0\]\): unknown option "pth": expected path/],
    [
      'a plugin option the plugin rejects',
      ['bare', '--reporter', 'go-heavy-reporter-markdown'],
      /reporter "go-heavy-reporter-markdown" \(--reporter\): its factory threw: option path: expected a file name/,
    ],
  ];

  it.each(errors)('%s: one line naming the plugin, exit code 2, nothing sent', async (_name, args, message) => {
    const res = await run(args);
    expectOneLine(res, message);
    expect(target.stats.requests).toBe(0);
    // The Markdown plugin's temporary file (opened by its factory) was removed by its close().
    const out = path.join(project.root, 'out');
    expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.tmp')) : []).toEqual([]);
  });
});
