import { createRedactor, NO_REDACTION, secretValues, type Redactor, type RunPlan, type Threshold, type ThresholdTarget } from '@go-heavy/core';

/**
 * The one redactor of a run: the values of the secret-named variables (see core's
 * `SECRET_NAME_PATTERNS`) of every workflow's environment (env.default, .env, the workflow's env
 * file) and of the process environment. The recorder, the tool log, the request log and the
 * history all get this one. `--show-secrets` turns it off.
 */
export function runRedactor(plan: RunPlan, processEnv: NodeJS.ProcessEnv, showSecrets: boolean): Redactor {
  if (showSecrets) return NO_REDACTION;
  return createRedactor(secretValues([processEnv, ...plan.workflows.map((w) => w.env)]));
}

/**
 * The plan with its thresholds redacted as the results will be: a threshold naming an endpoint
 * that holds a secret still finds it (redacted the same way), and its text in the results and
 * the summary shows no secret.
 */
export function redactThresholds(plan: RunPlan, redactor: Redactor): RunPlan {
  if (plan.thresholds === undefined || redactor.values.length === 0) return plan;
  return { ...plan, thresholds: plan.thresholds.map((t): Threshold => redactThreshold(t, redactor)) };
}

function redactThreshold(t: Threshold, redactor: Redactor): Threshold {
  // A custom metric's name is redacted in the results like a step's.
  if ('metric' in t) return { ...t, expr: redactor.text(t.expr), metric: redactor.text(t.metric), target: redactTarget(t.target, redactor) };
  return { ...t, expr: redactor.text(t.expr), target: redactTarget(t.target, redactor) };
}

function redactTarget<T extends ThresholdTarget>(target: T, redactor: Redactor): T;
function redactTarget(target: ThresholdTarget, redactor: Redactor): ThresholdTarget {
  switch (target.level) {
    case 'run':
      return target;
    case 'workflow':
      return { ...target, workflow: redactor.text(target.workflow) };
    case 'step':
      return { ...target, workflow: redactor.text(target.workflow), step: redactor.text(target.step) };
    case 'tag':
      return { ...target, workflow: target.workflow === null ? null : redactor.text(target.workflow), ...redactTags(target.tags, redactor) };
    case 'request':
      return { ...target, workflow: redactor.text(target.workflow), step: redactor.text(target.step), endpoint: redactor.text(target.endpoint), ...redactTags(target.tags, redactor) };
  }
}

/** Tag values are redacted in the results (keys are label names, never secrets). */
function redactTags(tags: Record<string, string> | undefined, redactor: Redactor): { tags?: Record<string, string> } {
  if (tags === undefined) return {};
  return { tags: Object.fromEntries(Object.entries(tags).map(([key, value]) => [key, redactor.text(value)])) };
}
