import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('get', () => ctx.http.get('/'));
  },
});
