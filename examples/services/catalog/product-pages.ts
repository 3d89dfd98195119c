import { workflow, type WorkflowContext } from '@go-heavy/core';
import { randomProductId, randomProductIds, unknownProductId } from '../../utils/random';
import { openProductPage, openShortLink, SHORT_LINK } from './pages';

export default workflow({
  async run(ctx: WorkflowContext) {
    await ctx.step('list products', async () => {
      const res = await ctx.http.get('/products');
      ctx.check(res.status === 200, 'product list is 200');
    });

    await ctx.step('product pages', async () => {
      // env values are strings; fall back when the variable is unset or not a number.
      const pages = Number(ctx.env.PAGES_PER_VISIT) || 3;
      for (const id of randomProductIds(pages)) {
        const res = await openProductPage(ctx, id);
        ctx.check(res.status === 200, 'known product is 200');
      }
    });

    await ctx.step('short link', async () => {
      // Redirects are followed (up to --max-redirects): `res` is the product page it led to.
      const id = randomProductId();
      const res = await openShortLink(ctx, id);
      ctx.check(res.status === 200 && res.redirects === 1 && res.url.endsWith(`/products/${id}`), 'short link leads to the product');
      // By hand, the 301 itself: where does the link point?
      const moved = await ctx.http.get(`/p/${id}`, { name: `${SHORT_LINK} (manual)`, redirect: 'manual', discardBody: true });
      ctx.check(moved.status === 301 && moved.headers.location === `/products/${id}`, 'short link is a permanent redirect');
    });

    await ctx.step('stale link', async () => {
      // Old links point at removed products: they must get a clean 404, not a 500.
      // A 404 here is the expected answer, so the check passes on it.
      const res = await openProductPage(ctx, unknownProductId());
      ctx.check(res.status === 404, 'unknown product is 404');
    });
  },
});
