import { isConfigError, planLoad, type configLayers } from '@go-heavy/config';
import { drawLoadChart } from '@go-heavy/reporter';
import { toRunFlags, type LoadArgs } from '../load-options.js';

/** A load flag the run form offers: its field name is the flag's name without the dashes. */
export interface FormField {
  name: Exclude<keyof LoadArgs, 'root'>;
  label: string;
  /** Shown as the input's placeholder: an example of what it takes. */
  example: string;
  help: string;
}

/**
 * The load flags of the run form, in the order `go-heavy run --help` groups them. Values are
 * passed to the CLI as they are typed, so they take exactly what the flags take.
 */
export const FORM_FIELDS: readonly FormField[] = [
  { name: 'users', label: 'Users', example: '10', help: 'Closed model: concurrent users, split across the workflows by weight' },
  { name: 'rate', label: 'Rate', example: '50/s', help: 'Open model: iterations started per second' },
  { name: 'max-users', label: 'Max users', example: '100', help: 'Open model: cap on concurrent iterations' },
  { name: 'duration', label: 'Duration', example: '30s', help: 'Measured phase' },
  { name: 'iterations', label: 'Iterations', example: '100', help: 'Iterations in all, split across the workflows by weight' },
  { name: 'ramp-up', label: 'Ramp-up', example: '10s', help: 'Rise linearly from 0 to the users or rate' },
  { name: 'stages', label: 'Stages', example: '10s:50,30s:200,10s:0', help: 'Piecewise-linear targets (users, or 10s:50/s rates)' },
  { name: 'warmup', label: 'Warm-up', example: '2s', help: 'Before the measured phase, kept out of the statistics' },
  { name: 'graceful-stop', label: 'Graceful stop', example: '30s', help: 'Time running iterations get to finish at the end' },
  { name: 'timeout', label: 'Request timeout', example: '30s', help: 'Per-request timeout' },
  { name: 'unique-users', label: 'Unique users', example: '20', help: 'Distinct user identities (ctx.user)' },
  { name: 'jitter', label: 'Jitter', example: '20%', help: 'Open model: random shift of each start' },
  { name: 'distribution', label: 'Distribution', example: 'regular', help: 'Open model: regular or random starts in each 100 ms' },
  { name: 'iteration-timeout', label: 'Iteration timeout', example: '10s', help: 'Fail an iteration still running after this long' },
  { name: 'shape', label: 'Shape', example: 'gaussian', help: 'gaussian: the rate a bell curve over the duration' },
  { name: 'volume', label: 'Volume', example: '6000', help: 'Gaussian: iterations in all' },
  { name: 'peak', label: 'Peak', example: '30s', help: 'Gaussian: when the rate peaks' },
  { name: 'stddev', label: 'Std dev', example: '10s', help: 'Gaussian: spread of the curve' },
];

/** What the form sent, checked: the target, the profile and the load flags given (trimmed, non-empty). */
export interface RunForm {
  target: string;
  profile: string;
  flags: Partial<Record<FormField['name'], string>>;
}

/** The result of {@link checkRunForm}: the planned load's chart, or one message per bad field. */
export interface FormCheck {
  /** Field name (`target`, `profile`, `users`, …) → the CLI's message for it. */
  errors: Record<string, string>;
  /** Messages that name no field (a broken heavy.config.ts, …). */
  general: string[];
  /** The profile chart `go-heavy chart` draws, without colours; absent when there are errors. */
  chart?: string;
}

/** Reads the posted form's fields; anything else it holds is ignored. */
export function readRunForm(body: URLSearchParams): RunForm {
  const flags: RunForm['flags'] = {};
  for (const field of FORM_FIELDS) {
    const value = (body.get(field.name) ?? '').trim();
    if (value !== '') flags[field.name] = value;
  }
  return { target: (body.get('target') ?? '').trim(), profile: (body.get('profile') ?? '').trim(), flags };
}

/** The CLI arguments of the form: `--users 10 --profile smoke …`, after the target. */
export function formArgs(form: RunForm): string[] {
  const args: string[] = [];
  if (form.profile !== '') args.push('--profile', form.profile);
  for (const field of FORM_FIELDS) {
    const value = form.flags[field.name];
    if (value !== undefined) args.push(`--${field.name}`, value);
  }
  return args;
}

/**
 * Checks the form as `go-heavy run` and `go-heavy chart` check their flags (the same code:
 * @go-heavy/config's planLoad over the service's config layers), and draws the planned load as
 * `go-heavy chart` does. The CLI stops at the first mistake; here each message that names a flag
 * (`--users: …`) is kept for that field, the field is set aside and the rest checked again, so
 * every bad field gets its message at once. The target and the profile must be among `targets`
 * and `profiles` (a profile is never read from a file path here).
 */
export async function checkRunForm(form: RunForm, layers: Awaited<ReturnType<typeof configLayers>>['layers'], targets: readonly string[], profiles: readonly string[]): Promise<FormCheck> {
  const check: FormCheck = { errors: {}, general: [] };
  if (!targets.includes(form.target)) check.errors.target = `expected one of ${targets.join(', ')}, got ${JSON.stringify(form.target)}`;
  if (form.profile !== '' && !profiles.includes(form.profile)) {
    check.errors.profile = `expected one of the profiles of heavy.config.ts (${profiles.join(', ') || 'none defined'}), got ${JSON.stringify(form.profile)}`;
  }
  const flags: LoadArgs = { root: '.', ...form.flags, ...(form.profile !== '' && !check.errors.profile && { profile: form.profile }) };
  // Bounded: each pass sets one field aside, or ends.
  for (let pass = 0; pass <= FORM_FIELDS.length + 1; pass++) {
    try {
      const { plan } = await planLoad(layers, toRunFlags(flags));
      if (Object.keys(check.errors).length > 0) return check;
      const chart = drawLoadChart(plan.load, plan.durationMs ?? 0, { width: 100, color: false });
      const warmup = plan.warmupMs > 0 ? `\nplus a ${plan.warmupMs / 1000} s warm-up before it, kept out of the statistics` : '';
      return { ...check, chart: chart + warmup };
    } catch (err) {
      if (!isConfigError(err)) throw err;
      const message = err.message;
      const named = /^--([a-z-]+)\b/.exec(message)?.[1];
      const field = named === 'profile' ? 'profile' : FORM_FIELDS.find((f) => f.name === named)?.name;
      if (field === undefined || !(field in flags)) {
        check.general.push(message);
        return check;
      }
      check.errors[field] ??= message.replace(/^--[a-z-]+:\s*/, '');
      delete (flags as unknown as Record<string, unknown>)[field];
    }
  }
  return check;
}
