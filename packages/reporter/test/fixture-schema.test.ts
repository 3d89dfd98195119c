import { resultsSchemaProblems } from '../../../tools/testing/results-schema.js';
import { makeCustomMetricsResult } from './helpers/custom-metrics-fixture.js';
import { makeHostileRunResult, makeOpenRunResult, makeRunResult } from './helpers/run-result-fixture.js';

// The fixtures every reporter test renders are results files `go-heavy report` would accept.
describe('RunResult fixtures match the results schema', () => {
  it.each([
    ['closed', makeRunResult()],
    ['open', makeOpenRunResult()],
    ['hostile names', makeHostileRunResult()],
    ['custom metrics and tags', makeCustomMetricsResult()],
  ])('%s', (_name, result) => {
    expect(resultsSchemaProblems(result)).toEqual([]);
  });

  it('a fixture with a wrong field is caught, naming its JSON path', () => {
    const result = makeRunResult();
    (result.workflows[0]!.latencyMs as unknown as Record<string, unknown>).p50 = 'fast';
    expect(resultsSchemaProblems(result)).toContain('/workflows/0/latencyMs/p50 must be number {"type":"number"}');
  });

  it('a custom metric with a field its kind does not have is caught', () => {
    const result = makeCustomMetricsResult();
    (result.metrics![1] as unknown as Record<string, unknown>).stats = {};
    expect(resultsSchemaProblems(result).length).toBeGreaterThan(0);
  });
});
