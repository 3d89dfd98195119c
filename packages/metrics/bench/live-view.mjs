// µs per snapshot() and per view() of a recorder holding 5 workflows × 10 steps × 10 requests,
// each with a spread of latencies: what the engine's once-a-second live consumers cost.
// Run after a build: `node packages/metrics/bench/live-view.mjs`.
import { createRecorder } from '../dist/index.js';

const rec = createRecorder();
for (let w = 0; w < 5; w++) {
  const wf = rec.workflow(`svc/wf-${w}`);
  for (let s = 0; s < 10; s++) {
    const step = wf.step(`step-${s}`);
    for (let r = 0; r < 10; r++) {
      const req = step.request('GET', `/items/${r}`);
      for (let i = 0; i < 200; i++) req.recordResponse(1 + ((i * 7919) % 1000) / 10, i % 50 === 0 ? 500 : 200);
    }
    for (let i = 0; i < 200; i++) step.record(5 + (i % 100), true);
  }
  for (let i = 0; i < 200; i++) wf.recordIteration(50 + (i % 300), true);
}
const meta = {
  testId: 't',
  startedAt: new Date(),
  durationMs: 10_000,
  load: {
    model: 'closed',
    users: 5,
    rate: null,
    maxUsers: null,
    durationMs: 60_000,
    iterations: null,
    warmupMs: 0,
    profile: { start: 5, stages: [] },
    uniqueUsers: null,
    distribution: null,
    jitter: null,
    gracefulStopMs: 30_000,
  },
  interrupted: false,
  warmup: null,
};

function measure(name, fn) {
  for (let i = 0; i < 5; i++) fn();
  const rounds = Number(process.env.ROUNDS ?? 50);
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) fn();
  const us = ((performance.now() - t0) * 1000) / rounds;
  console.log(`${name}: ${us.toFixed(0)} µs per call`);
  return us;
}
const full = measure('snapshot()', () => rec.snapshot(meta));
const live = measure('view()    ', () => rec.view(meta));
console.log(`view is ${(full / live).toFixed(1)}× cheaper`);
