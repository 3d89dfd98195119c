import { workflow, type InitContext, type WorkflowContext } from '@go-heavy/core';

/** A row of search-terms.csv: what to search for and how many products the shop should find. */
interface SearchTerm {
  term: string;
  results: string;
}

// Search is the slow endpoint (a full-text index behind it in real life); load it on its own so
// its latency does not hide inside browse-and-buy's numbers.
export default workflow({
  // Once per test: fail fast when the shop is down, instead of one failed iteration per user.
  async init(ctx: InitContext) {
    const res = await ctx.http.get('/health');
    if (res.status !== 200) throw new Error(`shop at ${ctx.env.BASE_URL} is not healthy: HTTP ${res.status}`);
    // Read once, from beside this file, and shared by every user: a bad row stops the test here,
    // with the file and line, before any load is sent.
    return { terms: ctx.data.csv<SearchTerm>('search-terms.csv') };
  },

  async run(ctx: WorkflowContext, { terms }) {
    for (let i = 0; i < 3; i++) {
      // The next row in file order across all users, starting over after the last one.
      const { term, results } = terms.next();
      await ctx.step('search', async () => {
        // Recorded as `/search` whatever the term is (the default name drops the query string); the
        // tag splits it in two series, since a term that finds nothing takes another path.
        const query = Number(results) === 0 ? 'miss' : 'known';
        const res = await ctx.http.get(`/search?q=${encodeURIComponent(term)}`, { timeoutMs: 2000, tags: { query } });
        ctx.check(res.status === 200, 'search is 200');
        const body = res.json<{ count?: number; results?: unknown[] }>();
        ctx.check(body.count === Number(results), 'search finds the expected products');
        if (ctx.check(Array.isArray(body.results), 'search returns results')) {
          // A custom metric: how many results a search returns, with its percentiles in the report.
          ctx.metrics.trend('search results').add(body.results!.length);
        }
      });
      await ctx.sleep(100);
    }
  },
});
