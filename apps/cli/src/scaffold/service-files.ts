import { COMMON_CHECKS_EXPORT, COMMON_CHECKS_FILE } from './common-checks-template.js';
import type { FilePlan } from './file-plan.js';
import { envDefaultSource, serviceConfigSource } from './service-config-template.js';
import { UTILS_THINK_TIME_EXPORT, UTILS_THINK_TIME_FILE } from './utils-think-time-template.js';
import { sampleWorkflowSource } from './workflow-template.js';

/** The name of the sample workflow of a new service: a smoke test, the first load a service gets. */
const SAMPLE_WORKFLOW = 'smoke';

/**
 * Whether the project has (or will have, once `plan` is applied) the shared helpers the sample
 * workflows import; a project go-heavy did not set up gets workflows that stand alone.
 */
export function hasHelpers(plan: FilePlan): boolean {
  return (plan.contentAfter(COMMON_CHECKS_FILE)?.includes(COMMON_CHECKS_EXPORT) ?? false) && (plan.contentAfter(UTILS_THINK_TIME_FILE)?.includes(UTILS_THINK_TIME_EXPORT) ?? false);
}

/** Plans `services/<service>/`: heavy.config.ts, env.default with BASE_URL, and the sample workflow. */
export function planService(plan: FilePlan, service: string, baseUrl: string): void {
  const dir = `services/${service}`;
  const helpers = hasHelpers(plan);
  plan.template(`${dir}/heavy.config.ts`, serviceConfigSource(service, SAMPLE_WORKFLOW));
  plan.template(`${dir}/env.default`, envDefaultSource(service, baseUrl));
  plan.template(`${dir}/${SAMPLE_WORKFLOW}.ts`, sampleWorkflowSource({ service, name: SAMPLE_WORKFLOW, helpers }));
}
