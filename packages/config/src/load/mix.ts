import { ConfigError } from '../config-error.js';
import { parseDuration } from '../duration.js';
import { LOAD_KEYS, type LoadKey, type SourcedSpec } from './load-spec.js';
import { mergeSpecs } from './merge-specs.js';
import { specFromObject } from './profile-file.js';
import { shown } from './shown.js';

/**
 * The mix of a service's workflows: `--mix browse=9,write=1` on the command line, or a
 * `workflows` entry per workflow in `heavy.config.ts` (its `weight`, or a load of its own, and a
 * `startTime`). Names are the workflows' short names (`browse` for `shop/browse`).
 */

/** What `heavy.config.ts` says of one workflow, checked. */
export interface WorkflowEntry {
  /** Its weight in the split of the service's load (default 1); absent with a load of its own. */
  weight?: number;
  /** Delay after the measured phase starts, in ms. */
  startTimeMs: number;
  /** Its own load settings (with a named profile's underneath), or undefined when it shares the service's. */
  own?: SourcedSpec;
}

/** Keys of a `workflows` entry besides the load keys. */
const ENTRY_KEYS = ['weight', 'startTime', 'profile'] as const;
/** Load keys a workflow may set for itself: all but `duration`, which is the run's. */
const OWN_KEYS: readonly LoadKey[] = LOAD_KEYS.filter((k) => k !== 'duration');

/**
 * `--mix name=weight,…`: weights of the workflows of `names`, each a number >= 0. Workflows it
 * leaves out get no weight (they do not run); at least one weight must be above 0.
 */
export function parseMix(text: unknown, names: readonly string[]): Map<string, number> {
  const expected = `expected name=weight pairs of this run's workflows (${names.join(', ')}), like ${names.map((n, i) => `${n}=${i === 0 ? 3 : 1}`).join(',')}`;
  if (typeof text !== 'string' || text.trim() === '') throw new ConfigError(`--mix: ${expected}, got ${shown(text)}`);
  const weights = new Map<string, number>();
  for (const part of text.split(',')) {
    const m = /^\s*([^=\s]+)\s*=\s*([^=\s]*)\s*$/.exec(part);
    if (!m) throw new ConfigError(`--mix: "${part.trim()}": ${expected}`);
    const [, name, value] = m as unknown as [string, string, string];
    if (!names.includes(name)) throw new ConfigError(`--mix: unknown workflow "${name}": expected one of ${names.join(', ')}`);
    if (weights.has(name)) throw new ConfigError(`--mix: "${name}" is given twice`);
    weights.set(name, parseWeight(value === '' ? undefined : Number.isNaN(Number(value)) ? value : Number(value), `--mix: ${name}`));
  }
  if ([...weights.values()].every((w) => w === 0)) throw new ConfigError(`--mix: every weight is 0, so nothing would run: give at least one workflow a weight above 0`);
  return weights;
}

/** A weight: a finite number >= 0. */
function parseWeight(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new ConfigError(`${what}: expected a weight, a number >= 0 (0 leaves the workflow out), got ${shown(value)}`);
}

/**
 * The `workflows` of a config file, checked: an object of entries named by workflow, each with
 * a `weight` or a load of its own (the load keys of `heavy.config.ts` but `duration`, or
 * `profile` naming one of `profiles`), and an optional `startTime`. Every problem at once.
 * Names are checked against the service's workflows by {@link checkWorkflowNames}.
 */
export function readWorkflowEntries(workflows: unknown, profiles: Record<string, unknown> | undefined, prefix: string): Map<string, WorkflowEntry> {
  const entries = new Map<string, WorkflowEntry>();
  if (workflows === undefined) return entries;
  if (workflows === null || typeof workflows !== 'object' || Array.isArray(workflows)) {
    throw new ConfigError(`${prefix}workflows: expected an object of workflows by name, like { browse: { weight: 9 }, write: { weight: 1 } }, got ${shown(workflows)}`);
  }
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(workflows)) {
    try {
      entries.set(name, readEntry(entry, profiles, `${prefix}workflows.${name}`));
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(...err.message.split('\n'));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return entries;
}

function readEntry(entry: unknown, profiles: Record<string, unknown> | undefined, what: string): WorkflowEntry {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    throw new ConfigError(`${what}: expected { weight } or a load of its own ({ users } or { rate }, …), got ${shown(entry)}`);
  }
  const fields = entry as Record<string, unknown>;
  const problems: string[] = [];
  const loadFields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || (ENTRY_KEYS as readonly string[]).includes(key)) continue;
    if (key === 'duration') problems.push(`${what}.duration: the run's length is the service's duration; a workflow's own stages set how its load changes`);
    else if ((OWN_KEYS as readonly string[]).includes(key)) loadFields[key] = value;
    else problems.push(`${what}.${key}: unknown key, expected one of ${[...ENTRY_KEYS, ...OWN_KEYS].join(', ')}`);
  }
  let weight: number | undefined;
  if (fields.weight !== undefined) {
    try {
      weight = parseWeight(fields.weight, `${what}.weight`);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  let startTimeMs = 0;
  if (fields.startTime !== undefined) {
    try {
      startTimeMs = parseDuration(fields.startTime, `${what}.startTime`);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  let own: SourcedSpec | undefined;
  try {
    own = ownSpec(fields.profile, loadFields, profiles, what);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    problems.push(...err.message.split('\n'));
  }
  if (own !== undefined && weight !== undefined) {
    problems.push(`${what}.weight: only for a workflow that shares the service's load; this one has a load of its own (${Object.keys(own).join(', ')})`);
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
  return { weight, startTimeMs, own };
}

/** A workflow's own load: a named profile's settings, its own fields over them; undefined when neither. */
function ownSpec(profile: unknown, fields: Record<string, unknown>, profiles: Record<string, unknown> | undefined, what: string): SourcedSpec | undefined {
  let base: SourcedSpec = {};
  if (profile !== undefined) {
    const names = Object.keys(profiles ?? {});
    if (typeof profile !== 'string' || profiles?.[profile] === undefined) {
      throw new ConfigError(`${what}.profile: expected the name of one of this file's profiles (${names.join(', ') || 'none defined'}), got ${shown(profile)}`);
    }
    base = specFromObject(profiles[profile], `${what}.profile ${profile}: `);
    if (base.duration !== undefined) throw new ConfigError(`${base.duration.what}: a workflow's profile cannot set the run's duration; use stages for its own length`);
  }
  const own = Object.keys(fields).length > 0 ? specFromObject(fields, `${what}.`) : {};
  const spec = mergeSpecs([base, own]);
  return Object.keys(spec).length > 0 ? spec : undefined;
}

/** Every name of `entries` must be one of the service's workflows. */
export function checkWorkflowNames(entries: ReadonlyMap<string, WorkflowEntry>, known: readonly string[], where: string): void {
  const unknown = [...entries.keys()].filter((n) => !known.includes(n));
  if (unknown.length === 0) return;
  throw new ConfigError(`${where}workflows: unknown workflow${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')}: expected one of ${known.join(', ')}`);
}
