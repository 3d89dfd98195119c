// An organisation's own load-test runner: go-heavy's packages composed by hand, without the CLI.
// Browses the demo shop (tools/demo-target) at BASE_URL with 4 users for 3 s; exit code 1 when
// more than 1 % of the runs failed. How to run it: README.md beside this file.
import { fileURLToPath } from 'node:url';
import { constantProfile, Engine, workflow, type Reporter, type RunPlan, type RunResult } from '@go-heavy/core';
import { createHttpClient } from '@go-heavy/http-client';
import { createRecorder } from '@go-heavy/metrics';
import { consoleReporter } from '@go-heavy/reporter';

const BASE_URL = process.env.BASE_URL;
if (!BASE_URL) throw new Error('set BASE_URL, e.g. BASE_URL=http://127.0.0.1:8080');
const USERS = 4;
const MAX_FAILED_SHARE = 0.01;

const browse = workflow({
  name: 'browse',
  async run(ctx) {
    const list = await ctx.step('list products', () => ctx.http.get('/products'));
    ctx.check(list.status === 200, 'products listed');
    await ctx.step('view product', async () => {
      const res = await ctx.http.get(`/products/${(ctx.iteration % 20) + 1}`, { name: '/products/{id}' });
      ctx.check(res.status === 200, 'product shown');
    });
  },
});

// Plain data, as @go-heavy/config would build it: 4 users for 3 s, no warm-up.
const plan: RunPlan = {
  workflows: [{ name: 'shop/browse', service: 'shop', file: fileURLToPath(import.meta.url), definition: browse, env: { BASE_URL } }],
  load: { model: 'closed', users: constantProfile(USERS, 3_000) },
  durationMs: 3_000,
  iterations: null,
  warmupMs: 0,
  gracefulStopMs: 5_000,
  uniqueUsers: null,
};

/** Our rule: at least one run, and no more than 1 % of them failed. */
function passed({ summary }: RunResult): boolean {
  const runs = summary.workflowsSucceeded + summary.workflowsFailed;
  return runs > 0 && summary.workflowsFailed <= MAX_FAILED_SHARE * runs;
}

/** Our reporter: runs per second while the load runs, then one verdict line for the CI log. */
function verdictReporter(): Reporter {
  const perSecond: number[] = [];
  return {
    name: 'acme-verdict',
    onProgress: (update) => void perSecond.push(update.point.iterations),
    onEnd(result) {
      const { workflowsSucceeded: ok, workflowsFailed: failed, requests } = result.summary;
      process.stdout.write(`verdict: ${passed(result) ? 'PASS' : 'FAIL'} runs=${ok + failed} failed=${failed} requests=${requests} ` + `runs-per-second=${perSecond.join(',')}\n`);
    },
  };
}

const http = createHttpClient({ connections: USERS, timeoutMs: 10_000 });
const engine = new Engine(plan, { http, createRecorder, reporters: [consoleReporter(), verdictReporter()] });
process.once('SIGINT', () => engine.stop());
const result = await engine.run();
await http.close();
process.exitCode = passed(result) ? 0 : 1;
