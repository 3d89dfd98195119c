import { workflow, type InitContext, type WorkflowContext } from '@go-heavy/core';
import { pick } from '../../utils/random';

// Search is the slow endpoint (a full-text index behind it in real life); load it on its own so
// its latency does not hide inside browse-and-buy's numbers.
export default workflow({
  // Once per test: fail fast when the shop is down, instead of one failed iteration per user.
  async init(ctx: InitContext) {
    const res = await ctx.http.get('/health');
    if (res.status !== 200) throw new Error(`shop at ${ctx.env.BASE_URL} is not healthy: HTTP ${res.status}`);
    return { queries: ['lamp', 'mug', 'garden', 'pen', 'no-such-thing'] };
  },

  async run(ctx: WorkflowContext, { queries }) {
    for (let i = 0; i < 3; i++) {
      await ctx.step('search', async () => {
        const q = pick(queries);
        // Recorded as `/search` whatever q is (the default name drops the query string); the tag
        // splits it in two series, since a query that finds nothing takes another path.
        const query = q === 'no-such-thing' ? 'miss' : 'known';
        const res = await ctx.http.get(`/search?q=${encodeURIComponent(q)}`, { timeoutMs: 2000, tags: { query } });
        ctx.check(res.status === 200, 'search is 200');
        const { results } = res.json<{ results?: unknown[] }>();
        if (ctx.check(Array.isArray(results), 'search returns results')) {
          // A custom metric: how many results a search returns, with its percentiles in the report.
          ctx.metrics.trend('search results').add(results!.length);
        }
      });
      await ctx.sleep(100);
    }
  },
});
