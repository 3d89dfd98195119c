import type { HttpResponse, WorkflowContext } from '@go-heavy/core';

// A helper, not a workflow: no default export, so go-heavy does not run it.

/** Endpoint name shared by all product pages, so the report has one row, not one per id. */
export const PRODUCT_PAGE = '/products/{id}';

/** Opens the page of product `id`. */
export function openProductPage(ctx: WorkflowContext, id: number): Promise<HttpResponse> {
  return ctx.http.get(`/products/${id}`, { name: PRODUCT_PAGE });
}
