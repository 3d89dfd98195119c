// Every field of heavy.config.ts, a profile and the env files with a wrong value: one ConfigError
// whose every line names the file and the field (or line) and says what was expected.
// Adding a case is one row: [name, file text, message]. apps/cli/test/bad-input.e2e.test.ts
// holds the flags, through the built CLI.
import { buildRunPlan, ConfigError } from '@go-heavy/config';
import { makeProject, WORKFLOW } from './project.js';

const CONFIG = 'heavy.config.ts';
const config = (body: string) => `import { defineConfig } from '@go-heavy/config';\nexport default defineConfig(${body} as never);\n`;

/** [what is wrong, heavy.config.ts text, the whole message after `services/<row>/heavy.config.ts: `]. */
const CONFIG_ROWS: Array<[string, string, string | RegExp]> = [
  // Load fields.
  ['users 0', config('{ users: 0 }'), 'users: expected a whole number >= 1, got 0'],
  ['users negative', config('{ users: -3 }'), 'users: expected a whole number >= 1, got -3'],
  ['users not whole', config('{ users: 1.5 }'), 'users: expected a whole number >= 1, got 1.5'],
  ['users not a number', config("{ users: 'many' }"), 'users: expected a whole number >= 1, got "many"'],
  ['users of the wrong type', config('{ users: true }'), 'users: expected a whole number >= 1, got true'],
  ['rate 0', config('{ rate: 0 }'), 'rate: expected a rate like 100, 100/s or 600/m, got 0'],
  ['rate negative', config("{ rate: '-5/s' }"), 'rate: expected a rate like 100, 100/s or 600/m, got "-5/s"'],
  ['rate with an unknown unit', config("{ rate: '10/d' }"), 'rate: expected a rate like 100, 100/s or 600/m, got "10/d"'],
  ['maxUsers 0', config('{ rate: 10, maxUsers: 0 }'), 'maxUsers: expected a whole number >= 1, got 0'],
  ['maxUsers in the closed model', config('{ users: 2, maxUsers: 5 }'), 'maxUsers: only for the open model (rate, stages written as rates like 10s:50/s, or shape gaussian)'],
  ['duration 0', config('{ duration: 0 }'), 'duration: expected a duration above zero like 30s, got 0: a run needs time to send load; to run a fixed number of iterations, set iterations instead'],
  ['duration without a unit', config("{ duration: '10' }"), 'duration: expected a duration like 10s, 500ms or 1m30s, got "10" (a number other than 0 needs a unit)'],
  ['duration with a wrong unit', config("{ duration: '10d' }"), 'duration: expected a duration like 10s, 500ms or 1m30s, got "10d"'],
  ['duration negative', config('{ duration: -1 }'), 'duration: expected a duration like 10s, 500ms or 1m30s, got -1'],
  ['duration of the wrong type', config('{ duration: true }'), 'duration: expected a duration like 10s, 500ms or 1m30s, got true'],
  ['iterations 0', config('{ iterations: 0 }'), 'iterations: expected a whole number >= 1, got 0'],
  ['iterations not whole', config('{ iterations: 2.5 }'), 'iterations: expected a whole number >= 1, got 2.5'],
  ['rampUp not a duration', config("{ users: 2, duration: '10s', rampUp: 'slowly' }"), 'rampUp: expected a duration like 10s, 500ms or 1m30s, got "slowly"'],
  ['rampUp longer than duration', config("{ users: 2, duration: '10s', rampUp: '20s' }"), /^rampUp 20s is longer than \S+heavy\.config\.ts: duration 10s$/],
  ['stages not stages', config("{ stages: 'x' }"), 'stages: part 1 "x": expected duration:target like 30s:200'],
  ['stages empty', config('{ stages: [] }'), 'stages: expected stages like 10s:50,30s:200,10s:0, got []'],
  ['stages of the wrong type', config('{ stages: 5 }'), 'stages: expected stages like 10s:50,30s:200,10s:0, got 5'],
  ['stages with a negative target', config("{ stages: '10s:-1' }"), 'stages: part 1 "10s:-1": expected the target to be a whole number of users >= 0'],
  ['stages all zero', config("{ stages: '10s:0' }"), 'stages: every target is 0, so nothing would run'],
  ['shape unknown', config("{ shape: 'square' }"), 'shape: expected gaussian, got "square"'],
  ['volume 0', config("{ shape: 'gaussian', volume: 0, peak: '5s', stddev: '1s', duration: '10s' }"), 'volume: expected a whole number >= 1, got 0'],
  ['volume without shape', config('{ volume: 10 }'), 'volume: only with shape gaussian'],
  ['peak past the end', config("{ shape: 'gaussian', volume: 10, peak: '20s', stddev: '1s', duration: '10s' }"), /^peak 20s is past the end of \S+heavy\.config\.ts: duration 10s$/],
  ['stddev 0', config("{ shape: 'gaussian', volume: 10, peak: '5s', stddev: 0, duration: '10s' }"), 'stddev: expected a duration above zero like 30s, got 0: it is the spread of the bell curve'],
  ['gaussian missing fields', config("{ shape: 'gaussian' }"), 'shape gaussian needs volume, peak, stddev and duration'],
  ['uniqueUsers 0', config('{ uniqueUsers: 0 }'), 'uniqueUsers: expected a whole number >= 1, got 0'],
  ['uniqueUsers fewer than users', config('{ users: 5, uniqueUsers: 2 }'), /^uniqueUsers 2 is fewer than \S+heavy\.config\.ts: users 5: each user needs its own identity$/],
  ['jitter above 100%', config("{ rate: 10, jitter: '150%' }"), 'jitter: expected a fraction from 0 to 1 or a percentage like 20%, got "150%"'],
  ['jitter negative', config('{ rate: 10, jitter: -0.1 }'), 'jitter: expected a fraction from 0 to 1 or a percentage like 20%, got -0.1'],
  ['distribution unknown', config("{ rate: 10, distribution: 'poisson' }"), 'distribution: expected regular or random, got "poisson"'],
  // Timings.
  ['warmup not a duration', config("{ duration: '5s', warmup: 'a bit' }"), 'warmup: expected a duration like 10s, 500ms or 1m30s, got "a bit"'],
  ['warmup of the wrong type', config("{ duration: '5s', warmup: true }"), 'warmup: expected a duration like 10s, 500ms or 1m30s, got true'],
  ['gracefulStop not a duration', config("{ gracefulStop: 'soon' }"), 'gracefulStop: expected a duration like 10s, 500ms or 1m30s, got "soon"'],
  ['timeout 0', config('{ timeout: 0 }'), 'timeout: expected a duration above zero like 30s, got 0: it is how long one request may take before it fails'],
  ['timeout with a wrong unit', config("{ timeout: '5d' }"), 'timeout: expected a duration like 10s, 500ms or 1m30s, got "5d"'],
  ['iterationTimeout not a duration', config("{ iterationTimeout: 'soon' }"), 'iterationTimeout: expected a duration like 10s, 500ms or 1m30s, got "soon"'],
  ['iterationTimeout negative', config('{ iterationTimeout: -1 }'), /^iterationTimeout: expected a duration/],
  ['insecure not a boolean', config("{ insecure: 'yes' }"), 'insecure: expected true or false, got "yes"'],
  ['discardResponseBodies not a boolean', config('{ discardResponseBodies: 1 }'), 'discardResponseBodies: expected true or false, got 1'],
  ['maxResponseSize not a size', config("{ maxResponseSize: 'big' }"), 'maxResponseSize: expected a size above zero like 64MB, 512KiB or a number of bytes, got "big"'],
  ['maxResponseSize 0', config('{ maxResponseSize: 0 }'), 'maxResponseSize: expected a size above zero like 64MB, 512KiB or a number of bytes, got 0'],
  ['maxRedirects negative', config('{ maxRedirects: -1 }'), 'maxRedirects: expected a whole number >= 0, got -1'],
  ['maxRedirects not whole', config('{ maxRedirects: 2.5 }'), 'maxRedirects: expected a whole number >= 0, got 2.5'],
  ['maxRedirects not a number', config("{ maxRedirects: 'many' }"), 'maxRedirects: expected a whole number >= 0, got "many"'],
  // Other fields.
  ['profiles not an object', config('{ profiles: 5 }'), "profiles: expected an object of named load settings, like { smoke: { users: 1, duration: '10s' } }, got 5"],
  ['a profile not an object', config('{ profiles: { smoke: 5 } }'), /^profiles\.smoke: expected an object of load settings \(users, rate, /],
  ['a profile with an unknown key', config('{ profiles: { smoke: { usres: 1 } } }'), /^profiles\.smoke\.usres: unknown key, expected one of users, rate, /],
  [
    'a profile with a bad value',
    config("{ profiles: { smoke: { users: 0, duration: '0' } } }"),
    /^profiles\.smoke\.users: expected a whole number >= 1, got 0\n.*profiles\.smoke\.duration: expected a duration above zero/,
  ],
  ['workflows not an object', config("{ workflows: 'wf=1' }"), 'workflows: expected an object of workflows by name, like { browse: { weight: 9 }, write: { weight: 1 } }, got "wf=1"'],
  ['a workflow not an object', config('{ workflows: { wf: 3 } }'), 'workflows.wf: expected { weight } or a load of its own ({ users } or { rate }, …), got 3'],
  ['a workflow weight negative', config('{ workflows: { wf: { weight: -1 } } }'), 'workflows.wf.weight: expected a weight, a number >= 0 (0 leaves the workflow out), got -1'],
  ['a workflow with an unknown key', config('{ workflows: { wf: { wieght: 2 } } }'), /^workflows\.wf\.wieght: unknown key, expected one of weight, startTime, profile, users, rate, /],
  ['a workflow with a bad startTime', config("{ workflows: { wf: { startTime: 'soon' } } }"), 'workflows.wf.startTime: expected a duration like 10s, 500ms or 1m30s, got "soon"'],
  [
    'a workflow with a weight and its own load',
    config('{ workflows: { wf: { weight: 2, users: 3 } } }'),
    "workflows.wf.weight: only for a workflow that shares the service's load; this one has a load of its own (users)",
  ],
  ['a workflow with a bad own load', config('{ workflows: { wf: { users: 0 } } }'), 'workflows.wf.users: expected a whole number >= 1, got 0'],
  ['a workflow with an unknown profile', config("{ workflows: { wf: { profile: 'smoke' } } }"), 'workflows.wf.profile: expected the name of one of this file\'s profiles (none defined), got "smoke"'],
  ['a workflow unknown to the service', config('{ workflows: { nope: { weight: 1 } } }'), 'workflows: unknown workflow "nope": expected one of wf'],
  ['reporters not an array', config("{ reporters: 'json' }"), 'reporters: expected an array of reporter names or [name, options] pairs, got "json"'],
  ['a reporter not a name', config('{ reporters: [5] }'), "reporters[0]: expected a name or [name, { …options }], e.g. ['json', { path: 'results.json' }], got 5"],
  ['reporter options not an object', config("{ reporters: [['json', 5]] }"), 'reporters[0]: options of "json": expected an object, got 5'],
  ['thresholds not an array', config("{ thresholds: 'x' }"), 'thresholds: expected an array of threshold expressions'],
  ['a threshold of the wrong type', config('{ thresholds: [{ expr: 5 }] }'), 'thresholds[0]: expected "<workflow> <stat> <op> <value>" or { expr, abortOnFail }, got {"expr":5}'],
  ['a threshold abortOnFail not a boolean', config("{ thresholds: [{ expr: 'x p95 < 1ms', abortOnFail: 'yes' }] }"), 'thresholds[0]: abortOnFail: expected true or false'],
  ['requestLog not an object', config('{ requestLog: 5 }'), "requestLog: expected an object such as { redact: ['API_TOKEN'], bodyLimit: 4096 }"],
  ['requestLog.bodyLimit negative', config('{ requestLog: { bodyLimit: -1 } }'), 'requestLog.bodyLimit: expected a whole number of bytes, 0 or more, got -1'],
  ['an unknown key', config('{ usres: 3 }'), /^unknown key "usres": expected one of users, rate, /],
  // The file itself.
  ['a default export that is a number', 'export default 5;\n', 'expected `export default defineConfig({ … })`'],
  ['a default export that is an array', 'export default [{ users: 1 }];\n', 'expected `export default defineConfig({ … })`'],
  ['a default export that is a function', 'export default () => ({ users: 1 });\n', 'expected `export default defineConfig({ … })`'],
  ['no default export', 'export const config = { users: 1 };\n', 'expected `export default defineConfig({ … })`'],
  ['throws on import', "throw new Error('no config for you');\nexport default {};\n", 'failed to load: no config for you'],
  ['imports a missing file', "import x from './nope';\nexport default x;\n", /^failed to load|Could not resolve "\.\/nope"/],
];

/** [what is wrong, files of the service (besides a workflow), the message, whole or a pattern]. */
const FILE_ROWS: Array<[string, Record<string, string>, string | RegExp]> = [
  ['a syntax error in heavy.config.ts', { [CONFIG]: 'export default { users: 2, };;\nconst = 1;\n' }, /^.*services\/syntax-error-in-config\/heavy\.config\.ts:2:\d+: /],
  [
    'env.default with a line that is not KEY=value',
    { 'env.default': 'BASE_URL=http://127.0.0.1:9\n# fine\nPASSWORD secret\n\nexport TOKEN=1\nOTHER: yes\n' },
    /^services\/env-bad-line\/env\.default:3: expected KEY=value \(or a # comment\), got "PASSWORD secret"$/,
  ],
  ['env.default with a quote never closed', { 'env.default': 'BASE_URL=http://127.0.0.1:9\nKEY="open\nmore\n' }, /^services\/env-unclosed\/env\.default: a value opened with " is never closed$/],
  ['BASE_URL not a URL', { 'env.default': 'BASE_URL=localhost:8080\n' }, 'service "base-url-not-url": BASE_URL "localhost:8080" must start with http:// or https://'],
  ['BASE_URL not parseable', { 'env.default': 'BASE_URL=http://\n' }, 'service "base-url-junk": BASE_URL "http://" is not a URL: expected http://host:port'],
  ['BASE_URL empty', { 'env.default': 'BASE_URL=\n' }, /^service "base-url-empty": BASE_URL is not set: expected it in .*services\/base-url-empty\/env\.default or the environment$/],
];

const FILE_SERVICES: Record<string, string> = {
  'a syntax error in heavy.config.ts': 'syntax-error-in-config',
  'env.default with a line that is not KEY=value': 'env-bad-line',
  'env.default with a quote never closed': 'env-unclosed',
  'BASE_URL not a URL': 'base-url-not-url',
  'BASE_URL not parseable': 'base-url-junk',
  'BASE_URL empty': 'base-url-empty',
};

const slug = (name: string) => name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();

describe('a bad heavy.config.ts, profile or env file is one ConfigError naming the file and field', () => {
  const files: Record<string, string> = {};
  for (const [name, text] of CONFIG_ROWS) {
    files[`services/${slug(name)}/${CONFIG}`] = text;
    files[`services/${slug(name)}/wf.ts`] = WORKFLOW();
    files[`services/${slug(name)}/env.default`] = 'BASE_URL=http://127.0.0.1:9\n';
  }
  for (const [name, extra] of FILE_ROWS) {
    const service = FILE_SERVICES[name]!;
    files[`services/${service}/wf.ts`] = WORKFLOW();
    for (const [file, text] of Object.entries(extra)) files[`services/${service}/${file}`] = text;
  }
  const project = makeProject(files);
  afterAll(() => project.remove());
  const cwd = process.cwd();
  beforeAll(() => process.chdir(project.root));
  afterAll(() => process.chdir(cwd));

  async function messageOf(service: string): Promise<string> {
    try {
      await buildRunPlan({ root: project.root, target: service, flags: {}, processEnv: {} });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      return (err as Error).message;
    }
    throw new Error(`service ${service}: expected a ConfigError`);
  }

  it.each(CONFIG_ROWS)('heavy.config.ts: %s', async (name, _text, expected) => {
    const message = await messageOf(slug(name));
    const prefix = `services/${slug(name)}/${CONFIG}: `;
    const lines = message.split('\n');
    // Every line names the file; the message then says what was expected.
    for (const line of lines) expect(line.startsWith(prefix) || /^\S+\.ts:\d+:\d+: /.test(line)).toBe(true);
    if (typeof expected === 'string') expect(message).toBe(`${prefix}${expected}`);
    else expect(message.startsWith(prefix) ? message.slice(prefix.length) : message).toMatch(expected);
  });

  it.each(FILE_ROWS)('%s', async (name, _files, expected) => {
    const message = await messageOf(FILE_SERVICES[name]!);
    if (typeof expected === 'string') expect(message).toBe(expected);
    else expect(message).toMatch(expected);
  });

  it('every bad line of an env file at once, each naming its line', async () => {
    const bad = makeProject({
      'services/many/wf.ts': WORKFLOW(),
      'services/many/env.default': 'BASE_URL=http://127.0.0.1:9\nNOPE\n# ok\nKEY="multi\nline value"\n= value\n',
    });
    try {
      await expect(buildRunPlan({ root: bad.root, target: 'many', flags: {}, processEnv: {} })).rejects.toThrow(
        /env\.default:2: expected KEY=value \(or a # comment\), got "NOPE"\n.*env\.default:6: expected KEY=value \(or a # comment\), got "= value"$/,
      );
    } finally {
      bad.remove();
    }
  });
});
