import type { CustomMetricResult, RunResult } from '@go-heavy/core';
import { makeRunResult } from './run-result-fixture.js';

const trend = (count: number, min: number, mean: number, p50: number, p95: number, max: number): CustomMetricResult => ({
  name: 'results per page',
  kind: 'trend',
  count,
  stats: { min, max, mean, p10: min, p25: p50, p50, p75: p95, p90: p95, p95, p99: max, p100: max },
  histogram: 'HISTFAAAACR4nJNpmSzMwMDAxQABzFCaEUzOmNZg/wEiAAAwAA7WAaFp',
});

/**
 * The usual fixture with custom metrics in the checkout workflow (a counter and a rate in
 * "add to cart", a trend in "open home", rolled up to the workflow and the run) and its
 * "GET /" request tagged `{kind=home}`.
 */
export function makeCustomMetricsResult(): RunResult {
  const result = makeRunResult();
  const checkout = result.workflows[0]!;
  const [home, cart] = checkout.steps;
  home!.metrics = [trend(5000, 0, 11.2, 10, 24, 50)];
  home!.requests[0] = { ...home!.requests[0]!, name: 'GET / {kind=home}', tags: { kind: 'home' } };
  cart!.metrics = [
    { name: 'orders', kind: 'counter', count: 4998, ratePerSec: 499.2 },
    { name: 'cart ok', kind: 'rate', count: 4998, passes: 4987, rate: 4987 / 4998 },
  ];
  checkout.metrics = [home!.metrics[0]!, ...cart!.metrics];
  const { method: _m, endpoint: _e, tags: _t, retries: _r, ...stats } = home!.requests[0]!;
  checkout.tagged = [{ ...stats, name: '{kind=home}', tags: { kind: 'home' } }];
  result.tagged = checkout.tagged;
  result.metrics = checkout.metrics;
  return result;
}
