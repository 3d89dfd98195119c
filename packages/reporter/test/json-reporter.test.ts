import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinReporters, consoleReporter, jsonReporter, writeResultsJson } from '../src/index.js';
import { makeRunResult } from './helpers/run-result-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'go-heavy-reporter-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeResultsJson', () => {
  test('writes pretty JSON that parses back to the same result, creating folders', async () => {
    const result = makeRunResult();
    const path = join(dir, 'runs', '2026-11-25', 'results.json');
    await writeResultsJson(path, result);
    const text = await readFile(path, 'utf8');
    expect(JSON.parse(text)).toEqual(result);
    expect(text.startsWith('{\n  "schemaVersion": 1,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(await readdir(join(dir, 'runs', '2026-11-25'))).toEqual(['results.json']); // no temp file left
  });

  test('replaces an existing file whole', async () => {
    const path = join(dir, 'results.json');
    await writeFile(path, 'x'.repeat(500_000));
    const result = makeRunResult({ testId: 'second' });
    await writeResultsJson(path, result);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(result);
  });

  test('a failed write rejects and leaves no temp file', async () => {
    const path = join(dir, 'taken');
    await mkdir(join(path, 'not-empty'), { recursive: true }); // a folder cannot be renamed over
    await expect(writeResultsJson(path, makeRunResult())).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['taken']);
  });
});

describe('writeResultsJson to a path it cannot write: rejects at once, never hangs', () => {
  // Node's recursive mkdir never settles for a missing folder under /proc (100 % CPU, forever).
  test.each([
    ['a missing folder under /proc', '/proc/go-heavy-missing/deeper/results.json', 'ENOENT'],
    ['a missing folder under /proc/self', '/proc/self/go-heavy-missing/results.json', 'ENOENT'],
    ['a folder /sys refuses', '/sys/go-heavy-missing/results.json', 'EPERM'],
  ])(
    '%s',
    async (_name, path, code) => {
      const started = Date.now();
      await expect(writeResultsJson(path, makeRunResult())).rejects.toMatchObject({ code });
      expect(Date.now() - started).toBeLessThan(5_000);
    },
    10_000,
  );

  test('a path under a file', async () => {
    await writeFile(join(dir, 'file'), 'x');
    await expect(writeResultsJson(join(dir, 'file', 'a', 'results.json'), makeRunResult())).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(await readdir(dir)).toEqual(['file']);
  });
});

describe('jsonReporter', () => {
  test('onEnd writes the result to its path', async () => {
    const result = makeRunResult();
    const path = join(dir, 'out', 'results.json');
    const reporter = jsonReporter({ path });
    expect(reporter.name).toBe('json');
    expect(reporter.onProgress).toBeUndefined();
    await reporter.onEnd!(result);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(result);
  });
});

describe('builtinReporters', () => {
  test('console, html, json and junit, by name', () => {
    expect(Object.keys(builtinReporters).sort()).toEqual(['console', 'html', 'json', 'junit']);
    expect(builtinReporters.console).toBe(consoleReporter);
    expect(builtinReporters.json).toBe(jsonReporter);
    expect(builtinReporters.console({ write: () => {} }).name).toBe('console');
    expect(builtinReporters.json({ path: join(dir, 'r.json') }).name).toBe('json');
  });
});
