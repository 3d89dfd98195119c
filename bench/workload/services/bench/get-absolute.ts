import { workflow } from '@go-heavy/core';
// The same request as get.ts, written as most k6 scripts write it: an absolute URL built from BASE_URL.
export default workflow({
  async run(ctx) {
    await ctx.step('get', () => ctx.http.get(`${ctx.env.BASE_URL}/`));
  },
});
