export interface WorkflowTemplate {
  service: string;
  /** The workflow's name: its file is `services/<service>/<name>.ts`. */
  name: string;
  /**
   * Import the shared helpers of `common/` and `utils/` (the project has them, as `go-heavy init`
   * writes them); without, the workflow stands alone.
   */
  helpers: boolean;
}

const IMPORT_CHECKS = `import { expectStatus } from '../../common/checks';\n`;
const IMPORT_THINK_TIME = `import { thinkTime } from '../../utils/think-time';\n`;

/** A check that the response to `what` is a 200, with the shared helper or without. */
function statusCheck(helpers: boolean, what: string): string {
  return helpers ? `expectStatus(ctx, res, 200, '${what}');` : `ctx.check(res.status === 200, '${what} is 200');`;
}

/**
 * The sample workflow of a new service: two steps, each a named request and a check, with think
 * time between them, the shape of a real user's visit.
 */
export function sampleWorkflowSource({ service, name, helpers }: WorkflowTemplate): string {
  return `import { workflow, type WorkflowContext } from '@go-heavy/core';
${helpers ? IMPORT_CHECKS + IMPORT_THINK_TIME : ''}
// A first workflow of the ${service} service: replace the paths with your service's own.
// \`npx go-heavy run ${service}/${name}\` runs it alone, \`npx go-heavy run ${service}\` with the service's
// other workflows. Each iteration is one user's visit; each step is timed on its own.
export default workflow({
  async run(ctx: WorkflowContext) {
    await ctx.step('home page', async () => {
      // BASE_URL (env.default) is prepended to a relative path.
      const res = await ctx.http.get('/');
      ${statusCheck(helpers, 'home page')}
    });

    // Think time: a real user reads the page before the next click.
    await ctx.sleep(${helpers ? 'thinkTime(200, 800)' : '500'});

    await ctx.step('health', async () => {
      // A URL with an id in it takes a name, ctx.http.get(\`/items/\${id}\`, { name: '/items/{id}' }),
      // or the report gets one row per id.
      const res = await ctx.http.get('/health');
      ${statusCheck(helpers, 'health')}
    });
  },
});
`;
}

/** A new workflow in an existing service: one step, one request, one check, to fill in. */
export function newWorkflowSource({ service, name, helpers }: WorkflowTemplate): string {
  return `import { workflow, type WorkflowContext } from '@go-heavy/core';
${helpers ? IMPORT_CHECKS : ''}
// ${service}/${name}: \`npx go-heavy run ${service}/${name}\` runs it alone. It shares the ${service} service's
// load with the service's other workflows (the \`workflows\` weights of its heavy.config.ts).
export default workflow({
  async run(ctx: WorkflowContext) {
    await ctx.step('${name}', async () => {
      const res = await ctx.http.get('/');
      ${statusCheck(helpers, name)}
    });
  },
});
`;
}
