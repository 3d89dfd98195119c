import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../src/config-error.js';
import { LOAD_KEYS } from '../src/load/load-spec.js';
import { parseProfileText, readProfileFile, specFromObject } from '../src/load/profile-file.js';
import { resolveLoad } from '../src/load/resolve-load.js';

/** The problems a call reports, one per line; fails when it succeeds. */
function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message.split('\n');
  }
  throw new Error('expected a ConfigError');
}

const ALL_KEYS = LOAD_KEYS.join(', ');

describe('parseProfileText', () => {
  it('reads every key with the line it is on', () => {
    const spec = parseProfileText('# smoke profile\nrate: 100/s\n\nduration: 30s\njitter: 20%\nstages:\n  - 10s:50/s\n  - 5s:0\n', 'profile.yaml');
    expect(spec).toEqual({
      rate: { value: '100/s', what: 'profile.yaml:2: rate' },
      duration: { value: '30s', what: 'profile.yaml:4: duration' },
      jitter: { value: '20%', what: 'profile.yaml:5: jitter' },
      stages: { value: ['10s:50/s', '5s:0'], what: 'profile.yaml:6: stages' },
    });
  });

  it('feeds resolveLoad, whose messages carry the file and line', () => {
    const spec = parseProfileText('users: 5\nrate: 10/s\n', 'profile.yaml');
    expect(problemsOf(() => resolveLoad(spec))).toEqual([
      'profile.yaml:1: users and profile.yaml:2: rate cannot be used together: profile.yaml:1: users is the closed model, profile.yaml:2: rate the open model',
    ]);
    const gaussian = parseProfileText('shape: gaussian\nvolume: 10000\npeak: 30s\nstddev: 10s\nduration: 1m\n', 'g.yaml');
    expect(resolveLoad(gaussian).load.model).toBe('open');
  });

  it('reports an unknown key with its line', () => {
    expect(problemsOf(() => parseProfileText('rate: 5\nduration: 10s\n\nusres: 3\n', 'profile.yaml'))).toEqual([`profile.yaml:4: usres: unknown key, expected one of ${ALL_KEYS}`]);
  });

  it('reports several problems at once, in file order', () => {
    const text = [
      'rate: -1', //             1: bad value
      'usres: 3', //             2: unknown key
      'duration: soon', //       3: bad value
      'stages: 10s:5,x', //      4: bad part
      'rate: 5', //              5: duplicate
      'max-users: 5', //         6: unknown (keys are spelled as in heavy.config.ts)
      'jitter: [1, 2]', //       7: wrong type
      'distribution: {a: 1}', // 8: wrong type
    ].join('\n');
    expect(problemsOf(() => parseProfileText(text, 'profile.yaml'))).toEqual([
      'profile.yaml:1: rate: expected a rate like 100, 100/s or 600/m, got -1',
      `profile.yaml:2: usres: unknown key, expected one of ${ALL_KEYS}`,
      'profile.yaml:3: duration: expected a duration like 10s, 500ms or 1m30s, got "soon"',
      'profile.yaml:4: stages: part 2 "x": expected duration:target like 30s:200',
      'profile.yaml:5: rate: duplicate key, first set on line 1',
      `profile.yaml:6: max-users: unknown key, expected one of ${ALL_KEYS}`,
      'profile.yaml:7: jitter: expected a fraction from 0 to 1 or a percentage like 20%, got [1,2]',
      'profile.yaml:8: distribution: expected regular or random, got {"a":1}',
    ]);
  });

  it('reports YAML syntax errors with their lines, along with the rest', () => {
    const problems = problemsOf(() => parseProfileText('users: 5\nbogus: 1\nrate: [1, 2\nduration: 10s\n', 'profile.yaml'));
    // The broken list is one syntax error, not also a bad rate.
    expect(problems).toEqual([`profile.yaml:2: bogus: unknown key, expected one of ${ALL_KEYS}`, expect.stringMatching(/^profile\.yaml:4: invalid YAML: Flow sequence .*end with a \]$/)]);
    expect(problemsOf(() => parseProfileText('rate: 5\n---\nusers: 2\n', 'p.yaml'))).toEqual(['p.yaml:2: invalid YAML: expected one document, found another after ---']);
  });

  it('reports several syntax errors at once', () => {
    const problems = problemsOf(() => parseProfileText('users: 5\n  rate: : 3\nduration: "10s\n', 'p.yaml'));
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) expect(p).toMatch(/^p\.yaml:\d+: /);
  });

  it('an empty value is reported as missing', () => {
    expect(problemsOf(() => parseProfileText('users:\n', 'p.yaml'))).toEqual(['p.yaml:1: users: expected a whole number >= 1, got null']);
  });

  it('rejects a file that is not a map of settings', () => {
    expect(problemsOf(() => parseProfileText('- users: 5\n', 'p.yaml'))).toEqual(['p.yaml:1: expected load settings as key: value lines, got a list']);
    expect(problemsOf(() => parseProfileText('just words\n', 'p.yaml'))).toEqual(['p.yaml:1: expected load settings as key: value lines, got a single value']);
    expect(problemsOf(() => parseProfileText('# nothing yet\n', 'p.yaml'))).toEqual([`p.yaml:1: no load settings, expected one of ${ALL_KEYS}`]);
  });
});

describe('readProfileFile', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-profile-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file, naming it in messages', () => {
    const file = path.join(dir, 'spike.yaml');
    writeFileSync(file, 'rate: 50/s\nduration: 10s\n');
    const spec = readProfileFile(file);
    expect(spec.rate!.value).toBe('50/s');
    expect(spec.rate!.what).toMatch(/spike\.yaml:1: rate$/);
    writeFileSync(file, 'rate: 50/s\nrate: 60/s\n');
    expect(problemsOf(() => readProfileFile(file))).toEqual([expect.stringMatching(/spike\.yaml:2: rate: duplicate key, first set on line 1$/)]);
  });

  it('reports a missing file against the flag', () => {
    const file = path.join(dir, 'nope.yaml');
    expect(problemsOf(() => readProfileFile(file))).toEqual([`--profile: cannot read "${file}": no such file`]);
  });
});

describe('specFromObject', () => {
  const prefix = 'services/x/heavy.config.ts: profiles.smoke.';

  it('names each setting after the prefix and skips undefined values', () => {
    expect(specFromObject({ users: 2, iterations: 10, rate: undefined }, prefix)).toEqual({
      users: { value: 2, what: `${prefix}users` },
      iterations: { value: 10, what: `${prefix}iterations` },
    });
  });

  it('reports unknown keys and bad values at once', () => {
    expect(problemsOf(() => specFromObject({ usres: 2, rate: '-1', timeout: '1s' }, prefix))).toEqual([
      `${prefix}usres: unknown key, expected one of ${ALL_KEYS}`,
      `${prefix}timeout: unknown key, expected one of ${ALL_KEYS}`,
      `${prefix}rate: expected a rate like 100, 100/s or 600/m, got "-1"`,
    ]);
  });

  it('rejects what is not an object', () => {
    expect(problemsOf(() => specFromObject('fast', prefix))).toEqual([`services/x/heavy.config.ts: profiles.smoke: expected an object of load settings (${ALL_KEYS})`]);
  });
});
