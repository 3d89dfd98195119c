// The live view is what the engine hands reporters and abortOnFail thresholds every second: the
// same numbers as the snapshot, without the parts that cost (buckets, encoded histograms).
import fc from 'fast-check';
import type { RunResult } from '@go-heavy/core';
import { latencyBuckets } from '../src/buckets.js';
import { createLatencyHistogram, toMicros } from '../src/histogram.js';
import { createRecorder } from '../src/index.js';
import { percentilesUs } from '../src/stats.js';
import { meta } from './helpers.js';

/** A recorder with 2 workflows × 3 steps × 2 requests, errors, retries, checks and drops. */
function busyRecorder() {
  const rec = createRecorder();
  for (let w = 0; w < 2; w++) {
    const wf = rec.workflow(`svc/wf-${w}`);
    for (let s = 0; s < 3; s++) {
      const step = wf.step(`step-${s}`);
      for (let r = 0; r < 2; r++) {
        const req = step.request(r === 0 ? 'GET' : 'POST', `/items/${s}`);
        for (let i = 0; i < 50; i++) req.recordResponse(1 + ((i * 37) % 97), i % 10 === 0 ? 503 : 200);
        req.recordError(5_000, 'timeout');
        req.recordRetry();
      }
      for (let i = 0; i < 20; i++) step.record(10 + i, i % 7 !== 0);
    }
    for (let i = 0; i < 20; i++) wf.recordIteration(100 + i * 3, i % 5 !== 0, 'check: ok');
    wf.recordCheck('ok', true);
    wf.recordDropped();
    wf.recordInterrupted();
  }
  return rec;
}

/** The snapshot with every `buckets` and encoded histogram taken out: what the view must equal. */
function withoutHistograms(result: RunResult): unknown {
  return JSON.parse(JSON.stringify(result, (key, value) => (key === 'buckets' || key === 'histogram' || key === 'succeededHistogram' ? undefined : value)));
}

describe('Recorder.view', () => {
  it('has every count and percentile of the snapshot at every level (successful-only too), and no buckets or histograms', () => {
    const rec = busyRecorder();
    const view = rec.view(meta());
    const snapshot = rec.snapshot(meta());
    expect(snapshot.workflows[0]!.buckets.length).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(view))).toEqual(withoutHistograms(snapshot));
    const json = JSON.stringify(view);
    expect(json).not.toContain('"buckets"');
    expect(json).not.toContain('"histogram"');
    expect(json).not.toContain('"succeededHistogram"');
    expect(view.workflows).toHaveLength(2);
    expect(view.workflows[0]!.steps).toHaveLength(3);
    expect(view.workflows[0]!.steps[0]!.requests).toHaveLength(2);
    expect(view.summary.requests).toBe(2 * 3 * 2 * 51);
  });

  it('is a new object each time: a reader that changes one does not change the next', () => {
    const rec = busyRecorder();
    const first = rec.view(meta());
    first.workflows[0]!.runs = -1;
    first.timeline.push({ t: 99, started: 0, dropped: 0, iterations: 0, failed: 0, requests: 0, errors: 0, p50: 0, p99: 0, max: 0, users: 0 });
    const second = rec.view(meta());
    expect(second.workflows[0]!.runs).toBe(20);
    expect(second.timeline).toHaveLength(0);
  });
});

describe('percentilesUs: one walk of the counts', () => {
  it('gives what getValueAtPercentile gives for p10..p99, for any recorded latencies', () => {
    const latency = fc.oneof({ weight: 8, arbitrary: fc.double({ min: 0, max: 2_000, noNaN: true }) }, { weight: 2, arbitrary: fc.double({ min: 2_000, max: 2 * 3_600_000, noNaN: true }) });
    fc.assert(
      fc.property(fc.array(latency, { minLength: 1, maxLength: 300 }), (values) => {
        const h = createLatencyHistogram();
        for (const v of values) h.recordValue(toMicros(v));
        expect(percentilesUs(h)).toEqual([10, 25, 50, 75, 90, 95, 99].map((p) => h.getValueAtPercentile(p)));
      }),
      { numRuns: 200 },
    );
  });

  it('the buckets from the walk of the counts add up to every value, each in the bucket of its floor', () => {
    const h = createLatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.recordValue(i * 37);
    const buckets = latencyBuckets(h);
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(1000);
    // The library's iterator, as before: the same counts per bucket.
    const expected = buckets.map(() => 0);
    const it = h.recordedValuesIterator;
    it.reset();
    while (it.hasNext()) {
      const step = it.next();
      const floor = h.lowestEquivalentValue(step.valueIteratedTo) / 1000;
      const i = buckets.findIndex((b) => b.leMs >= floor);
      expected[i === -1 ? buckets.length - 1 : i] += step.countAddedInThisIterationStep;
    }
    expect(buckets.map((b) => b.count)).toEqual(expected);
  });
});
