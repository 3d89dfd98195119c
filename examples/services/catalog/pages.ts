import type { HttpResponse, WorkflowContext } from '@go-heavy/core';

// A helper, not a workflow: no default export, so go-heavy does not run it.

/** Endpoint name shared by all product pages, so the report has one row, not one per id. */
export const PRODUCT_PAGE = '/products/{id}';

/**
 * Opens the page of product `id`. Callers look at its status only, so the body is read to its
 * end (the latency covers it, the connection is reused) but not kept: `res.body` would throw.
 */
export function openProductPage(ctx: WorkflowContext, id: number): Promise<HttpResponse> {
  return ctx.http.get(`/products/${id}`, { name: PRODUCT_PAGE, discardBody: true });
}

/** Endpoint name of the short links, which redirect to the product pages. */
export const SHORT_LINK = '/p/{id}';

/**
 * Follows the short link of product `id` (a 301 to its page), as a visitor from a mail does. The
 * client follows the redirect: both requests are recorded under `SHORT_LINK`, the 301 and the 200.
 */
export function openShortLink(ctx: WorkflowContext, id: number): Promise<HttpResponse> {
  return ctx.http.get(`/p/${id}`, { name: SHORT_LINK, discardBody: true });
}
