import { workflow, type WorkflowContext } from '@go-heavy/core';
import { authHeaders, login } from '../../common/auth';
import { pick } from '../../utils/random';

interface Product {
  id: number;
  name: string;
  price: number;
}

// The journey that pays the bills: each step is timed on its own, so a slow checkout
// shows up as a slow checkout and not as a vaguely slow iteration.
export default workflow({
  async run(ctx: WorkflowContext) {
    const token = await ctx.step('login', () => login(ctx));
    const headers = authHeaders(token);

    const products = await ctx.step('browse products', async () => {
      const res = await ctx.http.get('/products');
      ctx.check(res.status === 200, 'product list is 200');
      const list = res.json<Product[]>();
      ctx.check(list.length > 0, 'product list is not empty');
      return list;
    });

    // Think time: real users read the page before clicking.
    await ctx.sleep(200);

    const product = await ctx.step('view product', async () => {
      // One endpoint name for all ids, or the report gets one row per product.
      const res = await ctx.http.get(`/products/${pick(products).id}`, { name: '/products/{id}' });
      ctx.check(res.status === 200, 'product page is 200');
      return res.json<Product>();
    });

    const cartId = await ctx.step('add to cart', async () => {
      const created = await ctx.http.post('/cart', {}, { headers });
      ctx.check(created.status === 201, 'cart created');
      const { cartId } = created.json<{ cartId: string }>();
      // Registered as soon as the cart exists, so it is deleted even when checkout fails.
      ctx.cleanup(async () => {
        await ctx.http.delete(`/cart/${cartId}`, { headers, name: '/cart/{id}' });
      });

      const added = await ctx.http.post(`/cart/${cartId}/items`, { productId: product.id, quantity: 1 }, { headers, name: '/cart/{id}/items' });
      // A custom rate: the share of carts the item went into, usable in a threshold (`metric:cart ok rate > 99%`).
      ctx.metrics.rate('cart ok').add(ctx.check(added.status === 200, 'item added'));
      return cartId;
    });

    await ctx.step('checkout', async () => {
      const res = await ctx.http.post('/checkout', { cartId }, { headers });
      // The demo shop fails about 3% of checkouts on purpose: expect this check to show them.
      if (ctx.check(res.status === 200, 'order placed')) {
        ctx.check(typeof res.json<{ orderId?: string }>().orderId === 'string', 'order has an id');
        ctx.metrics.counter('orders').add();
      }
    });
  },
});
