import { createRedactor, REDACTED } from '@go-heavy/core';
import { createRecorder, MAX_FAILURE_REASONS, OTHER_REASON } from '../src/index.js';
import { meta } from './helpers.js';

const SECRET = 's3cr3t-value-123';

describe('a recorder with a redactor', () => {
  it('never puts a secret in the results: endpoints, steps, checks and failure reasons', () => {
    const rec = createRecorder({ redactor: createRedactor([SECRET]) });
    const wf = rec.workflow('api/items');
    const step = wf.step(`login as ${SECRET}`);
    step.request('GET', `/items/${SECRET}`).recordResponse(5, 200);
    step.request('GET', `/items/${SECRET}`).recordResponse(6, 500);
    step.request('GET', '/items').recordResponse(7, 200);
    wf.recordCheck(`token ${SECRET} accepted`, true);
    wf.recordCheck(`token ${SECRET} accepted`, false);
    wf.recordIteration(10, false, `Error: GET /items/${SECRET}?token=${SECRET}: 500`);
    wf.recordIteration(10, false, `Error: GET /items/${SECRET}?token=${SECRET}: 500`);
    // Two different messages that read the same once redacted count together.
    wf.recordIteration(10, false, `check: token ${SECRET} accepted`);
    wf.recordIteration(10, false, `check: token ${SECRET.toUpperCase()}`);
    wf.recordIteration(10, false, `check: token ${SECRET.toUpperCase()}`);
    // A reason cut short in the middle of the secret, and the whole one: the same once redacted.
    wf.recordIteration(10, false, `timeout: /items/${SECRET.slice(0, 9)}`);
    wf.recordIteration(10, false, `timeout: /items/${SECRET}`);

    const result = rec.snapshot(meta());
    expect(JSON.stringify(result)).not.toContain(SECRET);
    const w = result.workflows[0]!;
    expect(w.steps.map((s) => s.name)).toEqual([`login as ${REDACTED}`]);
    expect(w.steps[0]!.requests.map((r) => [r.name, r.endpoint, r.runs])).toEqual([
      [`GET /items/${REDACTED}`, `/items/${REDACTED}`, 2],
      ['GET /items', '/items', 1],
    ]);
    expect(w.checks).toEqual([{ name: `token ${REDACTED} accepted`, passed: 1, failed: 1 }]);
    expect(w.failureReasons).toEqual({
      [`Error: GET /items/${REDACTED}?token=${REDACTED}: 500`]: 2,
      [`check: token ${REDACTED} accepted`]: 1,
      [`check: token ${SECRET.toUpperCase()}`]: 2,
      [`timeout: /items/${REDACTED}`]: 2,
    });
    expect(w.failed).toBe(7);
  });

  it('keeps at most 50 reasons that still sum to the failures when redaction merges some', () => {
    const rec = createRecorder({ redactor: createRedactor([SECRET]) });
    const wf = rec.workflow('api/items');
    for (let i = 0; i < 120; i++) wf.recordIteration(1, false, i % 2 === 0 ? `bad ${SECRET} #${i % 10}` : `other failure #${i}`);
    const reasons = rec.snapshot(meta()).workflows[0]!.failureReasons;
    expect(Object.keys(reasons)).toHaveLength(MAX_FAILURE_REASONS);
    expect(Object.values(reasons).reduce((a, b) => a + b, 0)).toBe(120);
    expect(reasons[`bad ${REDACTED} #0`]).toBe(12);
    expect(reasons[OTHER_REASON]).toBeGreaterThan(0);
    expect(JSON.stringify(reasons)).not.toContain(SECRET);
  });

  it('without one, records names as given', () => {
    const rec = createRecorder();
    const wf = rec.workflow('api/items');
    wf.step('s').request('GET', `/items/${SECRET}`).recordResponse(5, 200);
    wf.recordIteration(1, false, `bad ${SECRET}`);
    expect(JSON.stringify(rec.snapshot(meta()))).toContain(`"/items/${SECRET}"`);
  });
});
