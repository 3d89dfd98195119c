import path from 'node:path';
import { ConfigError, listServices } from '@go-heavy/config';
import type { CommandModule } from 'yargs';
import { exitOnError } from '../exit.js';
import { statIfAny } from '../make-folders.js';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../scaffold/base-url.js';
import { FilePlan } from '../scaffold/file-plan.js';
import { checkName } from '../scaffold/names.js';
import { hasHelpers, planService } from '../scaffold/service-files.js';
import { newWorkflowSource } from '../scaffold/workflow-template.js';

export interface NewArgs {
  kind: string;
  name?: string;
  root: string;
  'base-url'?: string;
  force: boolean;
}

/** Extensions a workflow file may have: a name taken in any of them is taken. */
const WORKFLOW_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'];

/** `go-heavy new service <name>` and `go-heavy new workflow <service>/<name>`: one more service or workflow in a project. */
export const newCommand: CommandModule<object, NewArgs> = {
  command: 'new <kind> [name]',
  describe: 'Add a service (heavy.config.ts, env.default, a sample workflow) or a workflow to a service',
  builder: (y) =>
    y
      .positional('kind', { type: 'string', describe: 'service or workflow' })
      .positional('name', { type: 'string', describe: '<service> for a service, <service>/<workflow> for a workflow' })
      .option('root', { type: 'string', default: '.', describe: 'The folder that holds services/' })
      .option('base-url', { type: 'string', describe: `A new service's BASE_URL, in its env.default [default: ${DEFAULT_BASE_URL}]` })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite the files it writes when they exist' })
      .example('$0 new service shop --base-url http://localhost:8080', 'services/shop/ with heavy.config.ts, env.default and smoke.ts')
      .example('$0 new workflow shop/checkout', 'services/shop/checkout.ts') as never,
  handler: async (args) => {
    try {
      const plan = await planNew(args);
      plan.apply();
      const service = args.name!.split('/')[0]!;
      const root = path.relative(process.cwd(), plan.root);
      const run = `npx go-heavy run ${args.kind === 'workflow' ? args.name : service}${root === '' ? '' : ` --root ${root}`}`;
      process.stdout.write(`${[`go-heavy new ${args.kind}: ${args.name}`, ...plan.report(true), '', 'Next:', `  ${run}`].join('\n')}\n`);
    } catch (err) {
      exitOnError(err);
    }
  },
};

async function planNew(args: NewArgs): Promise<FilePlan> {
  if (args.kind !== 'service' && args.kind !== 'workflow') throw new ConfigError(`new: expected service or workflow, got ${JSON.stringify(args.kind)}`);
  const example = args.kind === 'service' ? 'go-heavy new service shop' : 'go-heavy new workflow shop/checkout';
  if (args.name === undefined || args.name === '') throw new ConfigError(`new ${args.kind}: expected ${args.kind === 'service' ? 'a name' : '<service>/<workflow>'}, e.g. ${example}`);
  const root = path.resolve(args.root);
  const plan = new FilePlan(root, args.force);
  if (args.kind === 'service') {
    const service = checkName('service name', args.name);
    const baseUrl = checkBaseUrl(args['base-url']);
    const services = await listServices(root);
    if (services.includes(service) && !args.force)
      throw new ConfigError(`service "${service}" exists: ${plan.display(`services/${service}`)} (choose another name, or --force to write its files anew)`);
    planService(plan, service, baseUrl);
    return plan;
  }
  if (args['base-url'] !== undefined) throw new ConfigError(`--base-url: only for new service: a workflow uses its service's BASE_URL (services/<service>/env.default)`);
  const parts = args.name.split('/');
  if (parts.length !== 2) throw new ConfigError(`new workflow: expected <service>/<workflow>, e.g. ${example}, got ${JSON.stringify(args.name)}`);
  const service = checkName('service name', parts[0]!);
  const name = checkName('workflow name', parts[1]!);
  const services = await listServices(root);
  if (!services.includes(service)) {
    throw new ConfigError(`unknown service "${service}" in ${plan.display('services')}: expected one of ${services.join(', ') || '(none yet)'} (go-heavy new service ${service} creates it)`);
  }
  const taken = WORKFLOW_EXTENSIONS.map((ext) => `services/${service}/${name}${ext}`).find((file) => statIfAny(path.join(root, file)) !== undefined);
  if (taken !== undefined && !(args.force && taken.endsWith('.ts'))) {
    throw new ConfigError(`workflow "${service}/${name}" exists: ${plan.display(taken)} (choose another name${taken.endsWith('.ts') ? ', or --force to overwrite it' : ''})`);
  }
  plan.template(`services/${service}/${name}.ts`, newWorkflowSource({ service, name, helpers: hasHelpers(plan) }));
  return plan;
}
