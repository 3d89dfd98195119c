import type { RunResult, RunStartInfo } from '@go-heavy/core';
import { prometheusReporter } from '../src/index.js';
import { parseExposition, select, valueOf, type Sample } from './helpers/exposition.js';
import { eventually, startPushgateway, type RunningPushgateway } from './helpers/pushgateway.js';
import { progressAt } from './helpers/progress.js';
import { shopResult } from './helpers/run-result-fixture.js';

/** What each `quantile` label value must carry, written out here rather than read from the package. */
const QUANTILES = [
  ['0.5', 'p50'],
  ['0.9', 'p90'],
  ['0.95', 'p95'],
  ['0.99', 'p99'],
  ['1', 'max'],
] as const;

function startInfo(testId: string): RunStartInfo {
  return { testId, startedAt: new Date('2026-11-25T10:00:00.000Z'), workflows: ['shop/browse', 'shop/checkout'], load: shopResult(testId).load, requestStop: () => undefined };
}

const BUSY_SECOND = { started: 25, dropped: 0, iterations: 25, failed: 0, requests: 60, errors: 0, p50: 40, p99: 170, max: 260, users: 3 };
const progress = (elapsedSec: number, view: () => RunResult) => progressAt(elapsedSec, view, { totalSec: 60, second: BUSY_SECOND });

/** Every number of `result` the reporter exports, checked against the samples of one job. */
function expectSamplesEqual(samples: Sample[], result: RunResult, group: Record<string, string>): void {
  expect(valueOf(samples, 'go_heavy_run_info', { ...group, test_id: result.testId })).toBe(1);
  for (const wf of result.workflows) {
    const workflow = wf.name;
    const at = { ...group, workflow };
    expect(valueOf(samples, 'go_heavy_iterations_total', { ...at, result: 'succeeded' })).toBe(wf.succeeded);
    expect(valueOf(samples, 'go_heavy_iterations_total', { ...at, result: 'failed' })).toBe(wf.failed);
    expect(valueOf(samples, 'go_heavy_iterations_total', { ...at, result: 'interrupted' })).toBe(wf.interrupted);
    expect(valueOf(samples, 'go_heavy_dropped_iterations_total', at)).toBe(wf.dropped);
    for (const [quantile, field] of QUANTILES) {
      expect(valueOf(samples, 'go_heavy_latency_ms', { ...at, level: 'workflow', step: '', request: '', quantile })).toBe(wf.latencyMs[field]);
    }
    for (const c of wf.checks) {
      expect(valueOf(samples, 'go_heavy_checks_total', { ...at, check: c.name, result: 'passed' })).toBe(c.passed);
      expect(valueOf(samples, 'go_heavy_checks_total', { ...at, check: c.name, result: 'failed' })).toBe(c.failed);
    }
    let requests = 0;
    for (const st of wf.steps) {
      const step = st.name;
      if (st.runs > 0) {
        expect(valueOf(samples, 'go_heavy_steps_total', { ...at, step, result: 'succeeded' })).toBe(st.succeeded);
        expect(valueOf(samples, 'go_heavy_steps_total', { ...at, step, result: 'failed' })).toBe(st.failed);
        expect(valueOf(samples, 'go_heavy_latency_ms', { ...at, level: 'step', step, request: '', quantile: '0.95' })).toBe(st.latencyMs.p95);
      } else {
        // (init): requests only, no step runs and no all-zero latency.
        expect(select(samples, 'go_heavy_steps_total', { ...at, step })).toEqual([]);
        expect(select(samples, 'go_heavy_latency_ms', { ...at, step, level: 'step' })).toEqual([]);
      }
      for (const rq of st.requests) {
        const request = `${rq.method} ${rq.endpoint}`;
        const byClass = (status_class: string) => valueOf(samples, 'go_heavy_requests_total', { ...at, step, request, status_class });
        for (const cls of ['1xx', '2xx', '3xx', '4xx', '5xx'] as const) expect(byClass(cls)).toBe(rq.statusClasses[cls]);
        expect(byClass('error')).toBe(Object.values(rq.errors).reduce((a, b) => a + b, 0));
        expect(select(samples, 'go_heavy_requests_total', { ...at, step, request }).reduce((a, s) => a + s.value, 0)).toBe(rq.runs);
        requests += rq.runs;
        for (const [quantile, field] of QUANTILES) {
          expect(valueOf(samples, 'go_heavy_latency_ms', { ...at, level: 'request', step, request, quantile })).toBe(rq.latencyMs[field]);
        }
      }
    }
    expect(select(samples, 'go_heavy_requests_total', at).reduce((a, s) => a + s.value, 0)).toBe(wf.requests);
    expect(requests).toBe(wf.requests);
  }
  const total = (name: string, labels: Record<string, string> = {}) => select(samples, name, { ...group, ...labels }).reduce((a, s) => a + s.value, 0);
  expect(total('go_heavy_iterations_total', { result: 'succeeded' })).toBe(result.summary.workflowsSucceeded);
  expect(total('go_heavy_iterations_total', { result: 'failed' })).toBe(result.summary.workflowsFailed);
  expect(total('go_heavy_iterations_total', { result: 'interrupted' })).toBe(result.summary.workflowsInterrupted);
  expect(total('go_heavy_dropped_iterations_total')).toBe(result.summary.droppedIterations);
  expect(total('go_heavy_requests_total')).toBe(result.summary.requests);
}

/** The go_heavy_* samples of one job in the gateway's /metrics. */
async function jobSamples(gateway: RunningPushgateway, job: string): Promise<Sample[]> {
  return parseExposition(await gateway.metrics()).filter((s) => s.name.startsWith('go_heavy_') && s.labels.job === job);
}

describe('prometheusReporter against a real prometheus-pushgateway', () => {
  let gateway: RunningPushgateway;
  beforeAll(async () => {
    gateway = await startPushgateway(10_000);
  }, 15_000);
  afterAll(async () => {
    await gateway?.stop();
  }, 10_000);

  it('pushes run_info at start, the results every interval and the complete results at the end, with namespace and id', async () => {
    const warn = jest.fn();
    const reporter = prometheusReporter({ pushgateway: gateway.address, service: 'shop', namespace: 'perf', id: 'build-1234', intervalMs: 5000, warn });
    const group = { job: 'go-heavy-shop', namespace: 'perf', id: 'build-1234' };
    expect(reporter.name).toBe('prometheus');
    expect(reporter.groupUrl).toBe(`http://${gateway.address}/metrics/job/go-heavy-shop/namespace/perf/id/build-1234`);

    reporter.onStart(startInfo('run-1'));
    const atStart = await eventually(async () => {
      const samples = await jobSamples(gateway, 'go-heavy-shop');
      expect(samples).toHaveLength(1);
      return samples;
    });
    await eventually(() => expect(reporter.pushStats().succeeded).toBe(1));
    expect(atStart[0]).toEqual({ name: 'go_heavy_run_info', labels: { ...group, instance: '', test_id: 'run-1' }, value: 1 });

    // One snapshot per interval of elapsed time, none in the seconds between.
    const partial = shopResult('run-1', 0.5);
    const snapshot = jest.fn(() => partial);
    for (let sec = 1; sec <= 4; sec++) reporter.onProgress(progress(sec + 0.001, snapshot));
    expect(snapshot).not.toHaveBeenCalled();
    reporter.onProgress(progress(5.001, snapshot));
    expect(snapshot).toHaveBeenCalledTimes(1);
    const midRun = await eventually(async () => {
      const samples = await jobSamples(gateway, 'go-heavy-shop');
      expect(samples.length).toBeGreaterThan(1);
      return samples;
    });
    expectSamplesEqual(midRun, partial, group);
    await eventually(() => expect(reporter.pushStats().succeeded).toBe(2));
    for (let sec = 6; sec <= 9; sec++) reporter.onProgress(progress(sec + 0.001, snapshot));
    expect(snapshot).toHaveBeenCalledTimes(1);
    reporter.onProgress(progress(10.002, snapshot));
    expect(snapshot).toHaveBeenCalledTimes(2);

    // The end waits for the push in flight, then pushes the complete results.
    const final = shopResult('run-1');
    await reporter.onEnd(final);
    await reporter.close();
    const atEnd = await jobSamples(gateway, 'go-heavy-shop');
    expectSamplesEqual(atEnd, final, group);
    // Every go_heavy_* sample carries the job and the namespace and id labels.
    for (const s of atEnd) expect(s.labels).toMatchObject(group);
    expect(reporter.pushStats()).toEqual({ attempted: 4, succeeded: 4, failed: 0 });
    expect(warn).not.toHaveBeenCalled();

    // The next run of the service replaces the group at its start: the old numbers are gone.
    const next = prometheusReporter({ pushgateway: `http://${gateway.address}/`, service: 'shop', namespace: 'perf', id: 'build-1234', warn });
    next.onStart(startInfo('run-2'));
    await next.close();
    expect(await jobSamples(gateway, 'go-heavy-shop')).toEqual([{ name: 'go_heavy_run_info', labels: { ...group, instance: '', test_id: 'run-2' }, value: 1 }]);
  });

  it('sends label values the URL path cannot hold (a slash, a space) base64-encoded, and works without namespace and id', async () => {
    const id = 'pipeline/42 #7';
    const withId = prometheusReporter({ pushgateway: gateway.address, service: 'shop', id, warn: jest.fn() });
    expect(withId.groupUrl).toBe(`http://${gateway.address}/metrics/job/go-heavy-shop/id@base64/${Buffer.from(id).toString('base64url')}`);
    const plain = prometheusReporter({ pushgateway: gateway.address, service: 'catalog', namespace: '', warn: jest.fn() });
    const result = shopResult('run-3');
    await withId.onEnd(result);
    await plain.onEnd(result);
    await Promise.all([withId.close(), plain.close()]);
    expect(withId.pushStats()).toEqual({ attempted: 1, succeeded: 1, failed: 0 });

    const samples = parseExposition(await gateway.metrics()).filter((s) => s.name.startsWith('go_heavy_'));
    const b64 = samples.filter((s) => s.labels.id === id);
    expectSamplesEqual(b64, result, { job: 'go-heavy-shop', id });
    const catalog = samples.filter((s) => s.labels.job === 'go-heavy-catalog');
    expectSamplesEqual(catalog, result, { job: 'go-heavy-catalog' });
    for (const s of catalog) expect(Object.keys(s.labels)).not.toEqual(expect.arrayContaining(['namespace']));
    for (const s of catalog) expect(s.labels.id).toBeUndefined();
  });
});
