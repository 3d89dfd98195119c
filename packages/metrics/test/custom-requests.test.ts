import { createRecorder } from '../src/index.js';
import { meta } from './helpers.js';

describe('requests without a status code (ctx.measure)', () => {
  it('count as succeeded runs in no status class, errors by category, and in the run’s requests', () => {
    const rec = createRecorder();
    const req = rec.workflow('svc/wf').step('query').request('CUSTOM', 'db: select');
    req.recordSuccess!(10);
    req.recordSuccess!(30);
    req.recordError(5, 'custom');
    expect(rec.requestCount).toBe(3);
    const result = rec.snapshot(meta());
    const got = result.workflows[0]!.steps[0]!.requests[0]!;
    expect(got).toMatchObject({ method: 'CUSTOM', endpoint: 'db: select', runs: 3, succeeded: 2, failed: 1, statusCodes: {}, errors: { custom: 1 } });
    expect(got.statusClasses).toEqual({ '1xx': 0, '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 });
    expect(got.succeededLatencyMs!.mean).toBeCloseTo(20, 0);
    expect(result.summary.requests).toBe(3);
    expect(result.workflows[0]!.requests).toBe(3);
  });
});
