import type { InitContext, WorkflowContext } from '@go-heavy/core';

/** What logging in needs: works from `run` (WorkflowContext) and from `init` (InitContext). */
type AuthContext = Pick<WorkflowContext | InitContext, 'http' | 'env'>;

/**
 * Logs in with SHOP_USER / SHOP_PASSWORD and returns the bearer token.
 * Throws on anything but 200: without a token the rest of the journey means nothing,
 * so failing the step (and the iteration) is the honest result.
 */
export async function login(ctx: AuthContext): Promise<string> {
  const res = await ctx.http.post('/login', {
    username: ctx.env.SHOP_USER ?? 'demo',
    password: ctx.env.SHOP_PASSWORD ?? '',
  });
  if (res.status !== 200) throw new Error(`login as ${ctx.env.SHOP_USER ?? 'demo'} failed: HTTP ${res.status}`);
  return res.json<{ token: string }>().token;
}

/** Headers that authenticate a request with `token`. */
export function authHeaders(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
