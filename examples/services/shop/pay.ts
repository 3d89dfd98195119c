import { workflow, type InitContext, type WorkflowContext } from '@go-heavy/core';

/** What the shop POSTs to the callback URL once a payment settles. */
interface Settlement {
  id: string;
  status: string;
  settledAfterMs: number;
}

// Payments are asynchronous: POST /payments answers 202 at once, and the outcome comes later as a
// webhook call. The step `payment settled` times the journey from the iteration's point of view:
// from after the 202 until the callback for this payment arrives.
export default workflow({
  init(ctx: InitContext) {
    // One receiver for the whole test, shared by every user; iterations start once it listens.
    // On another machine than the shop: `listenWebhook({ host: '0.0.0.0', publicUrl: … })`.
    void ctx.notifications.listenWebhook({ path: '/payments/callback' });
  },

  async run(ctx: WorkflowContext) {
    // Unique across users, workers and machines: the key the callback is matched by.
    const id = ctx.uniqueId();
    await ctx.step('submit payment', async () => {
      const res = await ctx.http.post('/payments', { id, callback: ctx.notifications.url });
      ctx.check(res.status === 202, 'payment accepted');
    });
    const settled = await ctx.step('payment settled', () => ctx.notifications.waitFor<Settlement>(id, { timeout: '5s' }));
    ctx.check(settled.body.status === 'settled', 'payment settled');
  },
});
