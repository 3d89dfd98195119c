import { createRecorder } from '../src/index.js';
import { meta } from './helpers.js';

describe('timeline', () => {
  it('turns each window into a point and starts the next one empty', () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    const req = wf.step('s').request('GET', '/');
    for (let ms = 1; ms <= 100; ms++) wf.recordIteration(ms, ms % 10 !== 0, 'every tenth');
    req.recordResponse(5, 200);
    req.recordResponse(5, 404);
    req.recordError(5, 'timeout');
    const first = rec.sample(7);
    expect(first).toMatchObject({ t: 1, iterations: 100, failed: 10, requests: 3, errors: 2, max: 100, users: 7 });
    expect(first.p50).toBeCloseTo(50, 0);
    expect(first.p99).toBeCloseTo(99, 0);

    const empty = rec.sample(3);
    expect(empty).toEqual({ t: 2, started: 0, dropped: 0, iterations: 0, failed: 0, requests: 0, errors: 0, p50: 0, p99: 0, max: 0, users: 3 });

    wf.recordIteration(2, true);
    wf.recordInterrupted(); // neither finished nor failed: not in the window
    const third = rec.sample(1);
    expect(third).toEqual({ t: 3, started: 0, dropped: 0, iterations: 1, failed: 0, requests: 0, errors: 0, p50: 2, p99: 2, max: 2, users: 1 });

    expect(rec.snapshot(meta()).timeline).toEqual([first, empty, third]);
  });

  it('counts starts and drops per window, and keeps the scheduler lag for the open model', () => {
    const rec = createRecorder();
    const wf = rec.workflow('w');
    for (let i = 0; i < 5; i++) wf.recordStart(i);
    wf.recordDropped();
    wf.recordDropped();
    expect(rec.sample(0)).toMatchObject({ started: 5, dropped: 2 });
    expect(rec.sample(0)).toMatchObject({ started: 0, dropped: 0 });
    const open = meta({ load: { ...meta().load, model: 'open' } });
    const scheduler = rec.snapshot(open).scheduler!;
    expect(scheduler.starts).toBe(5);
    expect(scheduler.lagMs.max).toBeCloseTo(4, 2);
    expect(scheduler.lagMs.p50).toBeCloseTo(2, 1);
    expect(rec.snapshot(meta()).scheduler).toBeNull();
    expect(rec.snapshot(open).summary.droppedIterations).toBe(2);
  });

  it('does not count step runs as iterations or requests', () => {
    const rec = createRecorder();
    rec.workflow('w').step('s').record(10, false);
    expect(rec.sample(0)).toMatchObject({ iterations: 0, failed: 0, requests: 0, errors: 0 });
  });
});
