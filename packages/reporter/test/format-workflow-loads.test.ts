import type { WorkflowLoadDescription } from '@go-heavy/core';
import { formatSummary } from '../src/format-summary.js';
import { workflowLoadLines } from '../src/format-workflow-loads.js';
import { makeRunResult } from './helpers/run-result-fixture.js';

const profile = (n: number) => ({ start: n, stages: [] });
const shared = (name: string, users: number, weight: number, share: number): WorkflowLoadDescription => ({
  name,
  weight,
  share,
  model: 'closed',
  users,
  rate: null,
  maxUsers: null,
  iterations: null,
  uniqueUsers: null,
  startTimeMs: 0,
  profile: profile(users),
});

describe('what each workflow got', () => {
  it('one line per workflow with its share, then the total', () => {
    expect(workflowLoadLines({ workflows: [shared('shop/browse', 9, 9, 0.9), shared('shop/write', 1, 1, 0.1)] })).toEqual(['shop/browse 9 users (90 %)', 'shop/write 1 user (10 %)', 'total 10 users']);
  });

  it('rates, caps, iteration budgets, start times and loads of their own', () => {
    const own: WorkflowLoadDescription = { ...shared('shop/spike', 0, 0, 0), weight: null, share: null, model: 'open', users: null, rate: 30, maxUsers: 10, startTimeMs: 3000 };
    const open: WorkflowLoadDescription = { ...shared('shop/search', 0, 1, 1 / 3), model: 'open', users: null, rate: 100 / 3, maxUsers: 34, iterations: 12 };
    expect(workflowLoadLines({ workflows: [open, own] })).toEqual([
      'shop/search 33.33/s, up to 34 users, 12 iterations (33.3 %)',
      'shop/spike open model: 30/s, up to 10 users, its own load, starts at 3 s',
      'total 63.33/s',
    ]);
  });

  it('nothing for results without a mix (one workflow, or an older file)', () => {
    expect(workflowLoadLines({})).toEqual([]);
    expect(workflowLoadLines(undefined)).toEqual([]);
  });

  it('the summary lists them under the Load line', () => {
    const result = makeRunResult();
    result.load.workflows = [shared('checkout/browse-and-buy', 9, 3, 0.75), shared('search/query', 3, 1, 0.25)];
    const text = formatSummary(result);
    expect(text).toMatch(/^ {2}Load +closed model: 12 users, 10 s\n {2} +checkout\/browse-and-buy 9 users \(75 %\)\n {2} +search\/query 3 users \(25 %\)\n {2} +total 12 users\n/m);
    expect(formatSummary(makeRunResult())).not.toContain('total 12 users');
  });
});
