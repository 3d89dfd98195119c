import { resultsSchemaProblems } from '../../../tools/testing/results-schema.js';
import { shopResult, shopResultWithCustomMetrics } from './helpers/run-result-fixture.js';

// The results the exporter's tests push are results files `go-heavy report` would accept.
describe('RunResult fixtures match the results schema', () => {
  it.each([1, 0.5, 0.01])('shop at scale %d', (scale) => {
    expect(resultsSchemaProblems(shopResult('t-1', scale))).toEqual([]);
  });

  it('shop with custom metrics and tagged requests', () => {
    expect(resultsSchemaProblems(shopResultWithCustomMetrics('t-2'))).toEqual([]);
  });
});
