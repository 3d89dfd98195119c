import { evaluateThresholds, parseThreshold, ThresholdSyntaxError, type LiveView, type ThresholdResult } from '@go-heavy/core';

const trend = (name: string, count: number, p95: number) => ({
  name,
  kind: 'trend',
  count,
  stats: { min: 1, max: p95 * 2, mean: p95 / 2, p10: 1, p25: 2, p50: p95 / 2, p75: p95 * 0.8, p90: p95 * 0.9, p95, p99: p95 * 1.5, p100: p95 * 2 },
});
const request = (endpoint: string, tags: Record<string, string> | undefined, p95: number, failed = 0) => ({
  name: `GET ${endpoint}`,
  method: 'GET',
  endpoint,
  ...(tags ? { tags } : {}),
  runs: 10,
  failed,
  succeeded: 10 - failed,
  ratePerSec: 1,
  latencyMs: { p95 },
  // The successful runs' alone, which latency thresholds test by default (the same values here).
  succeededLatencyMs: { p95 },
});
const result = {
  summary: { workflowsSucceeded: 10, workflowsFailed: 0 },
  metrics: [{ name: 'orders', kind: 'counter', count: 120, ratePerSec: 12 }, { name: 'cache hit', kind: 'rate', count: 40, passes: 38, rate: 0.95 }, trend('queue depth', 30, 9)],
  workflows: [
    {
      name: 'shop/browse',
      metrics: [trend('queue depth', 30, 9), { name: 'cache hit', kind: 'rate', count: 0, passes: 0, rate: 0 }],
      steps: [
        {
          name: 'search',
          metrics: [trend('queue depth', 20, 12)],
          requests: [request('/search', undefined, 50), request('/search', { kind: 'search' }, 150, 2), request('/search', { kind: 'search', page: '2' }, 400)],
        },
      ],
    },
  ],
} as unknown as LiveView;

/** What these tests look at: the expression, the verdict and the value (not the notes and stat names). */
const verdict = ({ expr, ok, actual }: ThresholdResult) => ({ expr, ok, actual });
const actual = (expr: string) => verdict(evaluateThresholds([parseThreshold(expr)], result)[0]!);

describe('thresholds on custom metrics', () => {
  it.each([
    ['metric:orders count > 100', true, 120],
    ['* metric:orders count/s >= 13', false, 12],
    ['metric:cache hit rate > 90%', true, 95],
    ['metric:cache hit rate > 96', false, 95],
    ['metric:cache hit count == 40', true, 40],
    ['shop/browse metric:queue depth p95 < 10', true, 9],
    ['shop/browse metric:queue depth avg <= 4', false, 4.5],
    ['shop/browse > search metric:queue depth p95 < 10', false, 12],
    ['shop/browse > search metric:queue depth count == 20', true, 20],
  ])('%s → ok %s, actual %d', (expr, ok, value) => {
    expect(actual(expr)).toEqual({ expr, ok, actual: value });
  });

  it.each([
    ['metric:nothing count > 0', 'a metric never recorded'],
    ['shop/other metric:orders count > 0', 'a workflow that recorded none'],
    ['metric:orders p95 < 10', 'a stat the kind does not have'],
    ['shop/browse metric:cache hit rate > 1%', 'a rate with no values'],
  ])('%s fails as not measured (%s)', (expr) => {
    expect(actual(expr)).toEqual({ expr, ok: false, actual: null });
  });

  it('parses the metric, its level and the value', () => {
    expect(parseThreshold('shop/browse > search metric:queue depth p95 < 10', true)).toEqual({
      expr: 'shop/browse > search metric:queue depth p95 < 10',
      metric: 'queue depth',
      target: { level: 'step', workflow: 'shop/browse', step: 'search' },
      stat: 'p95',
      op: '<',
      value: 10,
      abortOnFail: true,
    });
  });

  it.each([
    ['metric:queue depth p95 < 10ms', "metric:queue depth p95 is in the metric's own unit: expected a value without ms or s"],
    ['metric:orders count > 10%', "count of a metric is a number in the metric's own unit: expected a value without a unit"],
    ['metric:orders total > 10', 'expected "[<workflow> [> <step>]] metric:<name> <stat> <op> <value>"'],
    ['browse metric:orders count > 10', 'expected the metric\'s level as nothing or "*" (the run), "<service>/<workflow>" or "<service>/<workflow> > <step>", got "browse"'],
  ])('refuses %s, saying what was expected', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(ThresholdSyntaxError);
    expect(() => parseThreshold(expr)).toThrow(message);
  });
});

describe('tag filters across requests', () => {
  const tagged = {
    tagged: [{ name: '{kind=search}', tags: { kind: 'search' }, runs: 20, failed: 2, succeeded: 18, ratePerSec: 2, latencyMs: { p95: 300, mean: 120 }, succeededLatencyMs: { p95: 300, mean: 120 } }],
  };
  const withTags = { ...result, ...tagged, workflows: [{ ...result.workflows[0]!, ...tagged }] } as unknown as LiveView;
  const evaluate = (expr: string) => verdict(evaluateThresholds([parseThreshold(expr)], withTags)[0]!);

  it.each([
    ['shop/browse {kind=search} p95 < 200ms', false, 300],
    ['{kind=search} error-rate <= 10%', true, 10],
    ['* {kind=search} runs == 20', true, 20],
    ['shop/browse {kind=other} p95 < 200ms', false, null],
    ['shop/other {kind=search} runs > 0', false, null],
  ])('%s → ok %s, actual %s', (expr, ok, value) => {
    expect(evaluate(expr)).toEqual({ expr, ok, actual: value });
  });

  it('parses the workflow and the tag', () => {
    expect(parseThreshold('shop/browse {kind=search} p95 < 200ms').target).toEqual({ level: 'tag', workflow: 'shop/browse', tags: { kind: 'search' } });
    expect(parseThreshold('{kind=search} p95 < 200ms').target).toEqual({ level: 'tag', workflow: null, tags: { kind: 'search' } });
  });

  it.each([
    ['shop/browse {kind=search,page=2} p95 < 1s', 'expected a tag filter as "{key=value}" (the run) or "<service>/<workflow> {key=value}", one tag'],
    ['browse {kind=search} p95 < 1s', 'expected a tag filter as'],
    ['shop/browse {kind=search} dropped == 0', 'dropped is not a stat of requests: a tag filter has min, max'],
  ])('refuses %s', (expr, message) => {
    expect(() => parseThreshold(expr)).toThrow(message);
  });
});

describe('thresholds on tagged requests', () => {
  it.each([
    ['shop/browse > search > GET /search p95 < 100ms', true, 50],
    ['shop/browse > search > GET /search {kind=search} p95 < 100ms', false, 150],
    ['shop/browse > search > GET /search{kind=search} error-rate < 25%', true, 20],
    ['shop/browse > search > GET /search {page=2, kind=search} p95 <= 400ms', true, 400],
  ])('%s selects the series with exactly those tags', (expr, ok, value) => {
    expect(actual(expr)).toEqual({ expr, ok, actual: value });
  });

  it('finds nothing for tags no request had', () => {
    expect(actual('shop/browse > search > GET /search {kind=other} p95 < 1s')).toEqual({ expr: 'shop/browse > search > GET /search {kind=other} p95 < 1s', ok: false, actual: null });
  });

  it('refuses malformed tags', () => {
    expect(() => parseThreshold('shop/browse > search > GET /search {kind=a,=b} p95 < 1s')).toThrow('expected the request\'s tags as "<METHOD> <endpoint> {key=value,…}"');
    expect(parseThreshold('shop/browse > search > GET /users/{id} p95 < 1s').target).toEqual({ level: 'request', workflow: 'shop/browse', step: 'search', method: 'GET', endpoint: '/users/{id}' });
  });
});
