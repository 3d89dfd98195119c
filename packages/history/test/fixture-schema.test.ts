import { resultsSchemaProblems } from '../../../tools/testing/results-schema.js';
import { runResult } from './fixture.js';

// The runs the history tests store are results files `go-heavy report` would accept.
describe('RunResult fixtures match the results schema', () => {
  it.each([[0], [3]])('with %d failed', (failed) => {
    expect(resultsSchemaProblems(runResult('t-1', '2026-01-02T03:04:05.000Z', 12.5, failed))).toEqual([]);
  });
});
