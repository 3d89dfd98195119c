import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type { RunResult, ThresholdResult } from '@go-heavy/core';
import { builtinReporters, escapeXml, formatJunit, junitReporter } from '../src/index.js';
import { junitSchemaErrors } from '../../../tools/testing/junit-schema.js';
import { makeRunResult } from './helpers/run-result-fixture.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'go-heavy-junit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const THRESHOLDS: ThresholdResult[] = [
  { expr: 'checkout/browse-and-buy p95 < 5ms', ok: false, actual: 9.9, stat: 'p95', latencyOf: 'succeeded' },
  { expr: 'checkout/browse-and-buy error-rate < 1%', ok: true, actual: 0.2, stat: 'error-rate' },
  { expr: 'checkout/browse-and-buy > add to cart p99 <= 1s', ok: true, actual: 14.2, stat: 'p99', latencyOf: 'succeeded' },
  { expr: '* dropped == 0', ok: true, actual: 0, stat: 'dropped' },
  { expr: '* failed < 5', ok: false, actual: 10, stat: 'failed' },
  { expr: 'checkout/other-flow p95 < 300ms', ok: true, actual: null, stat: 'p95', skipped: true, note: 'checkout/other-flow is not part of this run' },
];

function withThresholds(overrides: Partial<RunResult> = {}): RunResult {
  return makeRunResult({ thresholds: THRESHOLDS, ...overrides });
}

interface Case {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text': string; '@_type': string; '@_message': string };
}
interface ParsedSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  testcase: Case[];
  'system-out': string;
}

function parse(xml: string): { testsuite: ParsedSuite[] } {
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' });
  return (parser.parse(xml) as { testsuites: never }).testsuites;
}

describe('formatJunit', () => {
  test('is valid against the Ant JUnit XML schema', async () => {
    const xml = formatJunit(withThresholds(), { hostname: 'ci-runner-1' });
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });

  test('the schema check fails on a document missing what the schema requires', async () => {
    // The validator is not a rubber stamp: without hostname the same document is refused.
    const xml = formatJunit(withThresholds(), { hostname: 'h' }).replace(/ hostname="h"/g, '');
    expect((await junitSchemaErrors(xml)).join('\n')).toMatch(/hostname/);
  });

  test('one suite per workflow with a case per threshold on it and per check, then the run', () => {
    const doc = parse(formatJunit(withThresholds(), { hostname: 'h' }));
    const names = doc.testsuite.map((s) => s['@_name']);
    expect(names).toEqual(['checkout/browse-and-buy', 'checkout/other-flow', 'run']);
    const [checkout, other, run] = doc.testsuite;
    expect(checkout!.testcase.map((c) => c['@_name'])).toEqual([
      'checkout/browse-and-buy p95 < 5ms',
      'checkout/browse-and-buy error-rate < 1%',
      'checkout/browse-and-buy > add to cart p99 <= 1s',
      'check: status is 200',
      'check: cart has item',
    ]);
    expect(checkout!['@_tests']).toBe('5');
    expect(checkout!['@_failures']).toBe('2');
    expect(checkout!.testcase.every((c) => c['@_classname'] === 'checkout/browse-and-buy')).toBe(true);
    // A skipped threshold is no test case: its suite only says why in system-out.
    expect(other!.testcase ?? []).toEqual([]);
    expect(other!['system-out']).toBe('skipped: checkout/other-flow p95 < 300ms (checkout/other-flow is not part of this run)');
    expect(run!.testcase.map((c) => [c['@_name'], c.failure === undefined])).toEqual([
      ['* dropped == 0', true],
      ['* failed < 5', false],
    ]);
    const total = (key: '@_tests' | '@_failures') => doc.testsuite.reduce((n, s) => n + Number(s[key]), 0);
    expect(total('@_tests')).toBe(7);
    expect(total('@_failures')).toBe(3);
  });

  test('a failed threshold gives the measured value and the bound in its unit; a failed check how many failed', () => {
    const doc = parse(formatJunit(withThresholds(), { hostname: 'h' }));
    const cases = doc.testsuite.flatMap((s) => s.testcase ?? []);
    const failure = (name: string) => cases.find((c) => c['@_name'] === name)!.failure!;
    expect(failure('checkout/browse-and-buy p95 < 5ms')['@_message']).toBe('p95 was 9.90 ms (successful runs); expected < 5.00 ms');
    expect(failure('checkout/browse-and-buy p95 < 5ms')['@_type']).toBe('threshold');
    expect(failure('* failed < 5')['@_message']).toBe('failed was 10; expected < 5');
    expect(failure('check: status is 200')['@_message']).toBe('7 of 5000 failed (99.86% passed)');
    expect(failure('check: status is 200')['@_type']).toBe('check');
    expect(cases.find((c) => c['@_name'] === 'check: cart has item')!.failure).toBeUndefined();
  });

  test('a threshold with nothing measured fails with its note', () => {
    const result = makeRunResult({ thresholds: [{ expr: 'checkout/browse-and-buy p95 < 5ms', ok: false, actual: null, stat: 'p95', note: 'no successful run' }] });
    const doc = parse(formatJunit(result, { hostname: 'h' }));
    expect(doc.testsuite[0]!.testcase[0]!.failure!['@_message']).toBe('p95: no successful run; expected < 5.00 ms');
  });

  test('names with markup, quotes and control characters are escaped and the file stays valid', async () => {
    const result = withThresholds();
    const checkout = result.workflows[0]!;
    result.workflows[0] = { ...checkout, checks: [{ name: `body has <b>"ok" & 'done'</b>\u0001\n`, passed: 1, failed: 2 }] };
    const xml = formatJunit(result, { hostname: 'h<&>' });
    expect(xml).not.toContain('<b>');
    expect(await junitSchemaErrors(xml)).toEqual([]);
    const doc = parse(xml);
    const names = doc.testsuite[0]!.testcase.map((c) => c['@_name']);
    // The parser decodes the entities back: the name reads as the check was named, minus \u0001.
    expect(names[3]).toMatch(/^check: body has <b>"ok" & 'done'<\/b>\uFFFD(\n|&#10;)$/);
  });

  test('a run without thresholds or checks writes an empty, valid document', async () => {
    const result = makeRunResult({ thresholds: [] });
    result.workflows = result.workflows.map((w) => ({ ...w, checks: [] }));
    const xml = formatJunit(result, { hostname: 'h' });
    expect(xml).toContain('<testsuites>\n</testsuites>');
    expect(await junitSchemaErrors(xml)).toEqual([]);
  });
});

describe('escapeXml', () => {
  test('escapes the five special characters and replaces what XML cannot hold', () => {
    expect(escapeXml(`a<b>&"'`)).toBe('a&lt;b&gt;&amp;&quot;&apos;');
    expect(escapeXml('x\u0000y\u001Fz\uFFFE')).toBe('x\uFFFDy\uFFFDz\uFFFD');
    expect(escapeXml('\uD800 lone, pair \uD83D\uDE00')).toBe('\uFFFD lone, pair \uD83D\uDE00');
    expect(escapeXml('line\nbreak\ttab\r')).toBe('line&#10;break&#9;tab&#13;');
  });
});

describe('junitReporter', () => {
  test('is the built-in "junit" and writes the file at the end of the run, creating folders', async () => {
    expect(builtinReporters.junit).toBe(junitReporter);
    const path = join(dir, 'ci', 'junit.xml');
    const reporter = junitReporter({ path, hostname: 'runner' });
    expect(reporter.name).toBe('junit');
    await reporter.onEnd!(withThresholds());
    const xml = await readFile(path, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n  <testsuite package="go-heavy" id="0" ')).toBe(true);
    expect(parse(xml).testsuite[0]!['@_name']).toBe('checkout/browse-and-buy');
    expect(await readdir(join(dir, 'ci'))).toEqual(['junit.xml']);
  });
});
