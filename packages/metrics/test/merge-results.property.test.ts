// The results of workers and segments merge into what one recorder that saw everything writes:
// counts added, percentiles from the merged histograms (never averaged), custom metrics too.
import fc from 'fast-check';
import type { RunResult } from '@go-heavy/core';
import { createRecorder, decodeHistogram, mergeResults } from '../src/index.js';
import { meta } from './helpers.js';

/** One recorded event, dealt to one of the parts. */
interface Event {
  part: number;
  workflow: 'svc/a' | 'svc/b';
  step: 'browse' | 'buy';
  ms: number;
  status: number;
  ok: boolean;
  trend: number;
}

const event = fc.record({
  part: fc.nat(2),
  workflow: fc.constantFrom('svc/a' as const, 'svc/b' as const),
  step: fc.constantFrom('browse' as const, 'buy' as const),
  ms: fc.double({ min: 0.01, max: 5_000, noNaN: true }),
  status: fc.constantFrom(200, 201, 404, 503),
  ok: fc.boolean(),
  trend: fc.integer({ min: 0, max: 100_000 }).map((n) => n / 100),
});

function record(events: Event[], second: boolean): RunResult {
  const recorder = createRecorder();
  events.forEach((e, i) => {
    const wf = recorder.workflow(e.workflow);
    const step = wf.step(e.step);
    step.request('GET', `/${e.step}`).recordResponse(e.ms, e.status);
    if (e.status === 404) step.request('POST', '/pay', { kind: 'pay' }).recordError(e.ms / 2, 'timeout');
    step.record(e.ms, e.status < 400);
    step.metric('counter', 'items').add(2);
    step.metric('rate', 'hits').add(e.ok ? 1 : 0);
    step.metric('trend', 'cart').add(e.trend);
    wf.recordIteration(e.ms * 1.5, e.ok, e.ok ? undefined : `reason ${e.status}`);
    wf.recordCheck('status ok', e.status < 400);
    wf.recordStart(e.ms / 100);
    // A second of timeline halfway through.
    if (second && i === Math.floor((events.length - 1) / 2)) recorder.sample(1);
  });
  recorder.sample(0);
  const m = meta();
  return recorder.snapshot({ ...m, load: { ...m.load, model: 'open', rate: 10, users: null, maxUsers: 5, distribution: 'regular', jitter: 0 } });
}

/**
 * The figures the merge must reproduce, without the encoded strings (compared decoded below);
 * numbers to 10 digits, as sums of means added in another order differ in the last bits.
 */
function figures(result: unknown): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value: unknown) => (key === 'histogram' || key === 'succeededHistogram' ? undefined : typeof value === 'number' ? Number(value.toPrecision(10)) : value)),
  );
}

describe('mergeResults', () => {
  it('merging the parts gives what one recorder of every event gives: counts, percentiles, buckets, custom metrics, scheduler lag', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 120 }), (events) => {
        const whole = record(events, false);
        const parts = [0, 1, 2].map((p) =>
          record(
            events.filter((e) => e.part === p),
            false,
          ),
        );
        const merged = mergeResults(parts);
        // Workflows, steps and requests appear in the order first seen across the parts; compare by name.
        const byName = (r: RunResult) => figures(r) as object;
        const a = byName(merged) as Record<string, unknown>;
        const b = byName(whole) as Record<string, unknown>;
        expect(a.summary).toEqual(b.summary);
        expect(a.scheduler).toEqual(b.scheduler);
        expect(sortDeep(a.workflows)).toEqual(sortDeep(b.workflows));
        expect(sortDeep(a.metrics)).toEqual(sortDeep(b.metrics));
        expect(sortDeep(a.tagged)).toEqual(sortDeep(b.tagged));
        expect(decodeHistogram(merged.workflows[0]!.histogram).totalCount).toBe(whole.workflows.find((w) => w.name === merged.workflows[0]!.name)!.runs);
      }),
      { numRuns: 60 },
    );
  });

  it('aligns timelines by second, adding counts', () => {
    const parts = [
      record(
        [
          { part: 0, workflow: 'svc/a', step: 'buy', ms: 5, status: 200, ok: true, trend: 1 },
          { part: 0, workflow: 'svc/a', step: 'buy', ms: 9, status: 200, ok: true, trend: 1 },
        ],
        true,
      ),
      record([{ part: 1, workflow: 'svc/a', step: 'buy', ms: 7, status: 503, ok: false, trend: 1 }], false),
    ];
    const merged = mergeResults(parts);
    expect(merged.timeline.map((p) => [p.t, p.iterations, p.requests, p.errors])).toEqual([
      [1, 2, 2, 1],
      [2, 1, 1, 0],
    ]);
    expect(merged.timeline[0]!.max).toBe(Math.max(parts[0]!.timeline[0]!.max, parts[1]!.timeline[0]!.max));
  });

  it("adds the segments' notification counts and joins their sources", () => {
    const event = { part: 0, workflow: 'svc/a' as const, step: 'buy' as const, ms: 5, status: 200, ok: true, trend: 1 };
    const counts = (n: number) => ({ received: 10 * n, waits: 9 * n, matched: 8 * n, early: 3 * n, late: n, unmatched: n, expired: 0, timedOut: n, interrupted: 0 });
    const a: RunResult = { ...record([event], false), notifications: { sources: ['webhook'], ...counts(1) } };
    const b: RunResult = { ...record([event], false), notifications: { sources: ['webhook', 'redis:payments'], ...counts(2) } };
    expect(mergeResults([a, b]).notifications).toEqual({ sources: ['webhook', 'redis:payments'], ...counts(3) });
    expect(mergeResults([record([event], false)]).notifications).toBeUndefined();
  });

  it("keeps the crashed workers' lost iterations: counted as failed in the summary, added per workflow, the crashes listed", () => {
    const event = { part: 0, workflow: 'svc/a' as const, step: 'buy' as const, ms: 5, status: 200, ok: true, trend: 1 };
    const crashedPart = (lost: number, worker: number): RunResult => {
      const r = record([event], false);
      r.workflows[0]!.lostToCrash = lost;
      r.summary.workflowsFailed += lost;
      r.crashedWorkers = [{ worker, of: 2, message: 'exited with code 7', lostIterations: lost }];
      return r;
    };
    const merged = mergeResults([crashedPart(3, 1), record([event], false), crashedPart(4, 2)]);
    expect(merged.workflows[0]!.lostToCrash).toBe(7);
    expect(merged.workflows[0]!.runs).toBe(3);
    expect(merged.summary.workflowsFailed).toBe(7);
    expect(merged.crashedWorkers!.map((c) => [c.worker, c.lostIterations])).toEqual([
      [1, 3],
      [2, 4],
    ]);
    const clean = mergeResults([record([event], false), record([event], false)]);
    expect(clean.crashedWorkers).toBeUndefined();
    expect('lostToCrash' in clean.workflows[0]!).toBe(false);
  });
});

/** Arrays of named entries sorted by name, at every depth: order of first use differs between parts. */
function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortDeep);
    return items.every((v) => typeof v === 'object' && v !== null && 'name' in v)
      ? items.sort((x, y) => String((x as { name: string }).name).localeCompare(String((y as { name: string }).name)))
      : items;
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortDeep(v)]));
  return value;
}
