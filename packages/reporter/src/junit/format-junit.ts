import { parseThreshold, type RunResult, type Threshold, type ThresholdResult } from '@go-heavy/core';
import { basis, formatThresholdValue, statOf } from '../format-thresholds.js';
import { escapeXml } from './escape-xml.js';

/** What {@link formatJunit} needs besides the result. */
export interface JunitFormatOptions {
  /** The `hostname` of every `<testsuite>` (the schema requires one). */
  hostname: string;
}

/** One `<testcase>`: a threshold or a check, with its failure if it failed. */
interface TestCase {
  name: string;
  failure?: { type: 'threshold' | 'check'; message: string; detail: string };
}

/** The cases of one `<testsuite>`: a workflow's, or the run's for thresholds on the whole run. */
interface Suite {
  name: string;
  cases: TestCase[];
  /** Thresholds that were not evaluated: listed in `<system-out>`, neither passed nor failed. */
  skipped: string[];
}

/** The suite of thresholds that name no workflow (`* dropped == 0`, `{kind=search} p95 < 200ms`). */
const RUN_SUITE = 'run';

/**
 * The JUnit XML of a run, as CI systems display it: one `<testsuite>` per workflow holding a
 * `<testcase>` per threshold on that workflow (or on one of its steps, requests or metrics) and
 * per `ctx.check` it made, then a suite `run` for thresholds on the whole run. A failed
 * threshold's `<failure>` gives the measured value and the bound; a check fails when any of its
 * evaluations did. Skipped thresholds (their workflow was not part of the run) are listed in the
 * suite's `<system-out>`: the Ant JUnit schema, the strictest reader, has no skipped test case.
 * The document follows that schema (`testsuites` > `testsuite` with `package`, `id`, `timestamp`,
 * `hostname`, `properties`, `system-out`, `system-err`), which Jenkins, GitLab, GitHub test
 * reporters and Azure DevOps all read. Times are in seconds; a test case has no time of its own.
 */
export function formatJunit(result: RunResult, options: JunitFormatOptions): string {
  const suites = buildSuites(result);
  const seconds = (result.durationMs / 1000).toFixed(3);
  const timestamp = result.startedAt.replace(/(\.\d+)?Z$/, '');
  // The Ant schema allows no attribute on <testsuites>: readers add up the suites' counts.
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>'];
  suites.forEach((suite, id) => {
    const failed = suite.cases.filter((c) => c.failure).length;
    lines.push(
      `  <testsuite package="go-heavy" id="${id}" name="${escapeXml(suite.name)}" timestamp="${timestamp}" hostname="${escapeXml(options.hostname)}" ` +
        `tests="${suite.cases.length}" failures="${failed}" errors="0" time="${seconds}">`,
    );
    lines.push('    <properties>');
    lines.push(`      <property name="testId" value="${escapeXml(result.testId)}"/>`);
    lines.push(`      <property name="startedAt" value="${escapeXml(result.startedAt)}"/>`);
    lines.push('    </properties>');
    for (const c of suite.cases) {
      const open = `    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(suite.name)}" time="0"`;
      if (!c.failure) {
        lines.push(`${open}/>`);
        continue;
      }
      lines.push(`${open}>`);
      lines.push(`      <failure type="${c.failure.type}" message="${escapeXml(c.failure.message)}">${escapeXml(c.failure.detail)}</failure>`);
      lines.push('    </testcase>');
    }
    const out = suite.skipped.map((s) => `skipped: ${s}`).join('\n');
    lines.push(out === '' ? '    <system-out/>' : `    <system-out>${escapeXml(out)}</system-out>`);
    lines.push('    <system-err/>');
    lines.push('  </testsuite>');
  });
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

/** The suites in the order of the result's workflows (then skipped ones), the run's last; empty ones left out. */
function buildSuites(result: RunResult): Suite[] {
  const suites = new Map<string, Suite>();
  const suite = (name: string): Suite => {
    let s = suites.get(name);
    if (!s) suites.set(name, (s = { name, cases: [], skipped: [] }));
    return s;
  };
  for (const w of result.workflows) suite(w.name);
  for (const t of result.thresholds) {
    const s = suite(workflowOf(t, result) ?? RUN_SUITE);
    if (t.skipped === true) s.skipped.push(`${t.expr}${t.note ? ` (${t.note})` : ''}`);
    else s.cases.push(thresholdCase(t));
  }
  for (const w of result.workflows) {
    for (const check of w.checks) suite(w.name).cases.push(checkCase(check.name, check.passed, check.failed));
  }
  const run = suites.get(RUN_SUITE);
  suites.delete(RUN_SUITE);
  return [...suites.values(), ...(run ? [run] : [])].filter((s) => s.cases.length > 0 || s.skipped.length > 0);
}

/** The workflow a threshold is about, when it names one of this run's, or one not run (skipped). */
function workflowOf(t: ThresholdResult, result: RunResult): string | undefined {
  const parsed = tryParse(t.expr);
  const target = parsed?.target;
  const workflow = target && 'workflow' in target && typeof target.workflow === 'string' ? target.workflow : undefined;
  if (workflow === undefined) return undefined;
  return result.workflows.some((w) => w.name === workflow) || t.skipped === true ? workflow : undefined;
}

/** A threshold as a test case: named by its expression; failed with the value and the bound. */
function thresholdCase(t: ThresholdResult): TestCase {
  if (t.ok) return { name: t.expr };
  const parsed = tryParse(t.expr);
  const isMetric = parsed !== undefined && 'metric' in parsed;
  const stat = isMetric ? '' : statOf(t);
  const bound = parsed ? `${parsed.op} ${isMetric ? String(parsed.value) : formatThresholdValue(parsed.value, stat)}` : t.expr;
  const statName = parsed?.stat ?? (stat || 'value');
  const message =
    t.actual === null
      ? `${statName}: ${t.note ?? 'not measured'}; expected ${bound}`
      : `${statName} was ${isMetric ? String(t.actual) : formatThresholdValue(t.actual, stat)}${basis(t)}; expected ${bound}`;
  return { name: t.expr, failure: { type: 'threshold', message, detail: `${t.expr}\n${message}` } };
}

/** A check as a test case: failed when any evaluation of it failed. */
function checkCase(name: string, passed: number, failed: number): TestCase {
  const caseName = `check: ${name}`;
  if (failed === 0) return { name: caseName };
  const total = passed + failed;
  const message = `${failed} of ${total} failed (${((passed / total) * 100).toFixed(2)}% passed)`;
  return { name: caseName, failure: { type: 'check', message, detail: `${caseName}\n${message}` } };
}

/** The threshold parsed again from its expression; undefined when it cannot be (a redacted or older one). */
function tryParse(expr: string): Threshold | undefined {
  try {
    return parseThreshold(expr);
  } catch {
    return undefined;
  }
}
