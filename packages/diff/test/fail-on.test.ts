import type { DiffRow, StatChange } from '@go-heavy/core';
import { evaluateGates, FailOnSyntaxError, parseFailOn } from '../src/fail-on.js';

const change = (stat: StatChange['stat'], a: number, b: number): StatChange => ({ stat, a, b, delta: b - a, pct: a === 0 ? null : ((b - a) / a) * 100, verdict: b === a ? 'same' : 'worse' });
const row = (request: string, ...changes: StatChange[]): DiffRow => ({ level: 'request', workflow: 'shop/buy', step: 'pay', request, presence: 'both', changes });

describe('parseFailOn', () => {
  it.each([
    ['p95 +10%', { stat: 'p95', bound: 10, unit: '%' }],
    ['  P99 + 20ms ', { stat: 'p99', bound: 20, unit: 'ms' }],
    ['avg +1.5s', { stat: 'avg', bound: 1500, unit: 'ms' }],
    ['error-rate +1pp', { stat: 'error-rate', bound: 1, unit: 'pp' }],
    ['error-rate +50%', { stat: 'error-rate', bound: 50, unit: '%' }],
    ['runs/s -5%', { stat: 'runs/s', bound: -5, unit: '%' }],
    ['runs -100', { stat: 'runs', bound: -100, unit: 'abs' }],
  ])('%s', (expr, rule) => {
    expect(parseFailOn(expr)).toEqual({ expr: expr.trim(), ...rule });
  });

  it.each([
    ['p95', /expected "<stat> <\+\|-><amount><unit>"/],
    ['p95 10%', /expected "<stat>/],
    ['p95 +10', /a latency's bound needs a unit/],
    ['p95 -10%', /p95 gets worse as it rises: expected "p95 \+10%"/],
    ['runs/s +5%', /runs\/s gets worse as it falls: expected "runs\/s -5%"/],
    ['p95 +1pp', /pp \(percentage points\) is the error rate's unit/],
    ['error-rate +3ms', /ms is a latency's unit: expected pp or %/],
    ['p97 +1%', /unknown statistic "p97"/],
  ])('rejects %s', (expr, message) => {
    expect(() => parseFailOn(expr)).toThrow(FailOnSyntaxError);
    expect(() => parseFailOn(expr)).toThrow(message);
  });
});

describe('evaluateGates', () => {
  it('fails a row only past the bound, in the bad direction, and skips relative bounds over a zero baseline', () => {
    const rows = [row('GET /a', change('p95', 100, 110), change('error-rate', 0, 2)), row('GET /b', change('p95', 100, 110.5), change('error-rate', 1, 1.5)), row('GET /c', change('p95', 0, 5))];
    const [p95, errorPp, errorPct] = evaluateGates(rows, [parseFailOn('p95 +10%'), parseFailOn('error-rate +1pp'), parseFailOn('error-rate +40%')]);
    expect(p95!.failures.map((f) => f.row)).toEqual(['shop/buy › pay › GET /b']);
    expect(p95!.ok).toBe(false);
    expect(errorPp!.failures.map((f) => f.row)).toEqual(['shop/buy › pay › GET /a']);
    // GET /a has no relative change (0 → 2); GET /b rose by 50 %.
    expect(errorPct!.failures.map((f) => f.row)).toEqual(['shop/buy › pay › GET /b']);
  });

  it('a fall is a regression of throughput, a rise is not', () => {
    const rows = [row('GET /a', change('runs/s', 100, 94)), row('GET /b', change('runs/s', 100, 300))];
    const [gate] = evaluateGates(rows, [parseFailOn('runs/s -5%')]);
    expect(gate!.failures.map((f) => f.row)).toEqual(['shop/buy › pay › GET /a']);
  });
});
