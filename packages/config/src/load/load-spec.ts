/**
 * The load settings as they arrive from any layer (flags, `heavy.config.ts`, a `--profile`
 * YAML file, a named profile), before validation. Values are unknown: each layer hands over
 * what the user typed, and {@link resolveLoad} checks it.
 */
export interface LoadSpec {
  /** Closed model: concurrent users, each running iterations back to back. `5`. */
  users?: unknown;
  /** Open model: iterations started per second. `100`, `100/s`, `600/m`, `3600/h`. */
  rate?: unknown;
  /** Open model: cap on concurrent iterations. Default max(10, ceil(peak rate per second)). */
  maxUsers?: unknown;
  /** Length of the run. `30s`, `1m30s`, or milliseconds as a number. */
  duration?: unknown;
  /** Iterations to run; the run ends at whichever of duration and iterations comes first. */
  iterations?: unknown;
  /** Linear rise from 0 to the users or rate, then hold for the rest of the duration. */
  rampUp?: unknown;
  /** Piecewise-linear targets from 0: `10s:50,30s:200,10s:0`; rates (`10s:50/s`) make it open. */
  stages?: unknown;
  /** `gaussian`: `volume` iterations over the duration, their rate a bell curve (open model). */
  shape?: unknown;
  /** Gaussian shape: iterations over the whole duration. */
  volume?: unknown;
  /** Gaussian shape: when the rate is highest, from the start. */
  peak?: unknown;
  /** Gaussian shape: standard deviation of the curve. */
  stddev?: unknown;
  /** Distinct user identities; never fewer than the users of a closed model. */
  uniqueUsers?: unknown;
  /** Open model: each start moves at random by up to this fraction of the interval. `20%`, `0.2`. */
  jitter?: unknown;
  /** Open model: `regular` (evenly spaced starts, the default) or `random`. */
  distribution?: unknown;
}

/** A key of {@link LoadSpec}. */
export type LoadKey = keyof LoadSpec;

/** Every key of {@link LoadSpec}, in the order messages list them. */
export const LOAD_KEYS = [
  'users',
  'rate',
  'maxUsers',
  'duration',
  'iterations',
  'rampUp',
  'stages',
  'shape',
  'volume',
  'peak',
  'stddev',
  'uniqueUsers',
  'jitter',
  'distribution',
] as const satisfies readonly LoadKey[];

// Fails to compile when a key of LoadSpec is missing from LOAD_KEYS.
type Missing = Exclude<LoadKey, (typeof LOAD_KEYS)[number]>;
const _everyKeyListed: [Missing] extends [never] ? true : never = true;
void _everyKeyListed;

/** One setting and where it came from. */
export interface Sourced {
  value: unknown;
  /**
   * The flag or field for messages: `--rate`, `services/x/heavy.config.ts: rate`,
   * `profile.yaml:3: rate`. Messages read `<what>: expected …`.
   */
  what: string;
}

/** A {@link LoadSpec} whose present keys each carry their value and its source. */
export type SourcedSpec = { [K in LoadKey]?: Sourced };

/** True when `key` is one of {@link LOAD_KEYS}. */
export function isLoadKey(key: string): key is LoadKey {
  return (LOAD_KEYS as readonly string[]).includes(key);
}

/** The flag for a key: `maxUsers` → `--max-users`. */
export function flagName(key: LoadKey): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The load keys of one layer's settings, other keys ignored, values undefined skipped. Names
 * follow `plan.ts`: with `source` `--` a key reads as its flag (`--max-users`), otherwise as
 * `source` followed by the key (`services/x/heavy.config.ts: maxUsers`).
 */
export function pickSpec(settings: object, source: string): SourcedSpec {
  const spec: SourcedSpec = {};
  const values = settings as Record<string, unknown>;
  for (const key of LOAD_KEYS) {
    if (values[key] === undefined) continue;
    spec[key] = { value: values[key], what: source === '--' ? flagName(key) : `${source}${key}` };
  }
  return spec;
}
