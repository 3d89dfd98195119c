import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { RequestResult, RunResult, Stats } from '@go-heavy/core';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../packages/core/schema/results.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Reads a results file and checks it against the shipped JSON Schema. */
export function readResults(file: string): RunResult {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  if (!validate(data)) throw new Error(`results do not match the schema: ${JSON.stringify(validate.errors, null, 2)}`);
  return data as RunResult;
}

const CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'] as const;

/** Sum of status classes plus errors: every request accounted for once at this level. */
function answered(stats: Stats): number {
  return CLASSES.reduce((n, c) => n + stats.statusClasses[c], 0) + Object.values(stats.errors).reduce((n, v) => n + v, 0);
}

/** `ctx.measure`'s successes: runs of a `CUSTOM` request in no status class (it has no status code). */
function statusless(requests: RequestResult[]): number {
  return requests.reduce((n, r) => n + (r.method === 'CUSTOM' ? r.succeeded : 0), 0);
}

/** Asserts the roll-up and ordering rules at every level of a workflow. */
export function expectConsistent(result: RunResult): void {
  let total = 0;
  for (const wf of result.workflows) {
    expect(wf.runs).toBe(wf.succeeded + wf.failed);
    let wfRequests = 0;
    for (const step of wf.steps) {
      const fromRequests = step.requests.reduce((n, r) => n + r.runs, 0);
      expect(answered(step) + statusless(step.requests)).toBe(fromRequests);
      for (const c of CLASSES) expect(step.statusClasses[c]).toBe(step.requests.reduce((n, r) => n + r.statusClasses[c], 0));
      for (const req of step.requests) {
        expect(answered(req) + statusless([req])).toBe(req.runs);
        expect(req.runs).toBe(req.succeeded + req.failed);
        expectOrdered(req);
      }
      if (step.runs > 0) expectOrdered(step);
      wfRequests += fromRequests;
    }
    expect(wf.requests).toBe(wfRequests);
    // Retries are counted per request and summed per workflow, apart from the requests.
    expect(wf.retries).toBe(wf.steps.reduce((n, st) => n + st.requests.reduce((m, r) => m + (r.retries ?? 0), 0), 0));
    expect(answered(wf) + wf.steps.reduce((n, st) => n + statusless(st.requests), 0)).toBe(wfRequests);
    for (const c of CLASSES) expect(wf.statusClasses[c]).toBe(wf.steps.reduce((n, s) => n + s.statusClasses[c], 0));
    if (wf.runs > 0) expectOrdered(wf);
    expect(wf.buckets.reduce((n, b) => n + b.count, 0)).toBe(wf.runs);
    total += wfRequests;
  }
  expect(result.summary.requests).toBe(total);
  expect(result.summary.retries).toBe(result.workflows.reduce((n, w) => n + (w.retries ?? 0), 0));
  expect(result.summary.workflowsSucceeded).toBe(result.workflows.reduce((n, w) => n + w.succeeded, 0));
  expect(result.summary.workflowsFailed).toBe(result.workflows.reduce((n, w) => n + w.failed, 0));
}

function expectOrdered(stats: Stats): void {
  const l = stats.latencyMs;
  const seq = [l.min, l.p10, l.p25, l.p50, l.p75, l.p90, l.p95, l.p99, l.p100];
  for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThanOrEqual(seq[i - 1]!);
  expect(l.p100).toBeCloseTo(l.max, 0);
  expect(l.mean).toBeGreaterThanOrEqual(l.min);
  expect(l.mean).toBeLessThanOrEqual(l.max);
}
