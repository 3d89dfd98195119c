import { scavengesDuring } from '../../../tools/testing/scavenges.js';
import { createRecorder } from '../src/index.js';

describe('hot path', () => {
  // Fractional latencies held as tagged numbers: a raw double read from a Float64Array would be
  // boxed by this test loop when passed to a call, which is the caller's allocation, not ours.
  const latencies: number[] = Array.from({ length: 1024 }, (_, i) => 0.3 + (i % 500) * 1.7);
  (latencies as unknown[]).push('never read'); // keeps the array's elements tagged
  const ROUNDS = 1_000_000;

  it('records without allocating once handles are resolved', async () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    const step = wf.step('s');
    const req = step.request('GET', '/items/{id}');
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const ms = latencies[i & 1023];
        req.recordResponse(ms, (i & 63) === 0 ? 503 : 200);
        req.recordError(ms, 'timeout');
        req.recordRetry();
        step.record(ms, true);
        wf.recordIteration(ms, (i & 7) !== 0, 'check: has items');
        wf.recordCheck('has items', (i & 7) !== 0);
        step.recordCheck!('has items', (i & 7) !== 0);
      }
    };
    run(100_000); // warm up the JIT; histograms have grown to their range
    // 5 M calls: a 12-byte allocation per call would be 60 MB, several scavenges.
    expect(await scavengesDuring(() => run(ROUNDS))).toBeLessThanOrEqual(1);
    expect(rec.requestCount).toBe(2 * (ROUNDS + 100_000));
  });

  it('adds to custom metrics and records a tagged request (tags object reused) without allocating', async () => {
    const rec = createRecorder();
    const step = rec.workflow('w').step('s');
    const untagged = rec.workflow('w').step('other');
    const counter = step.metric('counter', 'orders');
    const rate = step.metric('rate', 'hit');
    const trend = step.metric('trend', 'depth');
    const tags = { kind: 'search' };
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const v = latencies[i & 1023];
        counter.add(v);
        rate.add(i & 1);
        trend.add(v);
        step.request('GET', '/search', tags).recordResponse(v, 200);
        untagged.request('GET', '/search').recordResponse(v, 200);
      }
    };
    run(100_000);
    expect(await scavengesDuring(() => run(ROUNDS))).toBeLessThanOrEqual(1);
    const steps = rec.snapshot({ testId: 't', startedAt: new Date(0), durationMs: 1, load: {} as never, interrupted: false, warmup: null }).workflows[0]!.steps;
    expect(steps.flatMap((st) => st.requests.map((r) => [r.name, r.runs]))).toEqual([
      ['GET /search {kind=search}', ROUNDS + 100_000],
      ['GET /search', ROUNDS + 100_000],
    ]);
  });

  it('detects allocation when there is some (the probe itself works)', async () => {
    const sink: unknown[] = new Array(1024);
    const allocating = await scavengesDuring(() => {
      for (let i = 0; i < ROUNDS * 5; i++) sink[i & 1023] = { i, s: String(i) };
    });
    expect(allocating).toBeGreaterThan(1);
  });
});
