import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '@go-heavy/core';

/**
 * Reads a results file written by `go-heavy run --out` (or the `json` reporter) for re-rendering.
 * Checks what the formatters rely on: the schema version and the shape of the run, its
 * workflows, steps and requests. Every problem is a {@link ConfigError} naming the file and the
 * first field that is wrong, so the CLI prints one line and exits with code 2.
 */
export async function readResultsFile(file: string): Promise<RunResult> {
  const display = path.relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(`${display}: no such file: expected a results file written by \`go-heavy run --out FILE\``);
    if (code === 'EISDIR') throw new ConfigError(`${display}: is a folder: expected a results file written by \`go-heavy run --out FILE\``);
    throw new ConfigError(`${display}: cannot be read: ${(err as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${display}: not JSON: ${(err as Error).message.split('\n', 1)[0]}`);
  }
  if (!isObject(data) || !('schemaVersion' in data)) {
    throw new ConfigError(`${display}: not a go-heavy results file: expected an object with schemaVersion, testId, summary and workflows`);
  }
  const version = data.schemaVersion;
  if (version !== RESULTS_SCHEMA_VERSION) {
    const newer = typeof version === 'number' && version > RESULTS_SCHEMA_VERSION ? ' (written by a newer go-heavy: upgrade to read it)' : '';
    throw new ConfigError(`${display}: schemaVersion ${JSON.stringify(version)}: expected ${RESULTS_SCHEMA_VERSION}${newer}`);
  }
  const problem = shapeProblem(data);
  if (problem) throw new ConfigError(`${display}: ${problem}`);
  return data as unknown as RunResult;
}

type Check = (value: unknown) => boolean;
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const str: Check = (v) => typeof v === 'string';
const obj: Check = isObject;
const arr: Check = Array.isArray;
const bool: Check = (v) => typeof v === 'boolean';
const EXPECTED = new Map<Check, string>([
  [num, 'a number'],
  [str, 'a string'],
  [obj, 'an object'],
  [arr, 'an array'],
  [bool, 'true or false'],
]);

/** The fields of one level (workflow, step, request) the reports print. */
const STATS: Record<string, Check> = {
  name: str,
  runs: num,
  succeeded: num,
  failed: num,
  ratePerSec: num,
  latencyMs: obj,
  statusClasses: obj,
  statusCodes: obj,
  errors: obj,
  buckets: arr,
};

/** The first field that does not have the type the formatters need, as `where: expected …`. */
function shapeProblem(data: Record<string, unknown>): string | undefined {
  const top = check(data, '', {
    testId: str,
    startedAt: str,
    durationMs: num,
    load: obj,
    summary: obj,
    workflows: arr,
    timeline: arr,
  });
  if (top) return top;
  const summary = check(data.summary as Record<string, unknown>, 'summary.', {
    workflowsSucceeded: num,
    workflowsFailed: num,
    workflowsInterrupted: num,
    requests: num,
    droppedIterations: num,
    interrupted: bool,
  });
  if (summary) return summary;
  const workflows = data.workflows as unknown[];
  for (let w = 0; w < workflows.length; w++) {
    const wf = workflows[w];
    const at = `workflows[${w}]`;
    if (!isObject(wf)) return `${at}: expected an object`;
    const problem = check(wf, `${at}.`, { ...STATS, steps: arr, checks: arr, failureReasons: obj, requests: num });
    if (problem) return problem;
    const steps = wf.steps as unknown[];
    for (let s = 0; s < steps.length; s++) {
      const step = steps[s];
      if (!isObject(step)) return `${at}.steps[${s}]: expected an object`;
      const stepProblem = check(step, `${at}.steps[${s}].`, { ...STATS, requests: arr });
      if (stepProblem) return stepProblem;
      const requests = step.requests as unknown[];
      for (let r = 0; r < requests.length; r++) {
        const request = requests[r];
        const where = `${at}.steps[${s}].requests[${r}]`;
        if (!isObject(request)) return `${where}: expected an object`;
        const requestProblem = check(request, `${where}.`, { ...STATS, method: str, endpoint: str });
        if (requestProblem) return requestProblem;
      }
    }
  }
  return undefined;
}

function check(value: Record<string, unknown>, prefix: string, fields: Record<string, Check>): string | undefined {
  for (const [key, test] of Object.entries(fields)) {
    if (!test(value[key])) {
      const got = value[key] === undefined ? 'missing' : `got ${JSON.stringify(value[key])?.slice(0, 40)}`;
      return `${prefix}${key}: expected ${EXPECTED.get(test)}, ${got}`;
    }
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
