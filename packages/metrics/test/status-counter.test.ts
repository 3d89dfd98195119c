import { StatusCounter } from '../src/status-counter.js';

describe('StatusCounter', () => {
  it('counts codes and classes; codes outside 100..599 appear as codes but in no class', () => {
    const c = new StatusCounter();
    for (const s of [200, 200, 204, 302, 404, 503, 101, 999, 42]) c.recordStatus(s);
    expect(c.statusCodes()).toEqual({ '42': 1, '101': 1, '200': 2, '204': 1, '302': 1, '404': 1, '503': 1, '999': 1 });
    expect(c.statusClasses()).toEqual({ '1xx': 1, '2xx': 3, '3xx': 1, '4xx': 1, '5xx': 1 });
  });

  it('adds into another counter', () => {
    const a = new StatusCounter();
    const b = new StatusCounter();
    a.recordStatus(200);
    a.recordError('timeout');
    a.recordStatus(700);
    b.recordStatus(200);
    b.recordError('timeout');
    b.recordError('ECONNRESET');
    a.addInto(b);
    expect(b.statusCodes()).toEqual({ '200': 2, '700': 1 });
    expect(b.errorCounts()).toEqual({ timeout: 2, ECONNRESET: 1 });
    expect(a.statusCodes()).toEqual({ '200': 1, '700': 1 });
  });
});
