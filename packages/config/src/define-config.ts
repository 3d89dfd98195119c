import { LOAD_KEYS, type LoadSpec } from './load/load-spec.js';
import type { RequestLogConfig } from './request-log-config.js';

/**
 * Load settings as `heavy.config.ts` and profiles write them: the same names as the flags in
 * camelCase (`maxUsers` for `--max-users`). Durations are strings such as `10s` or numbers of
 * milliseconds; rates are numbers per second or strings such as `600/m`.
 */
export interface LoadSettings {
  /** Closed model: users per workflow, each running iterations back to back. */
  users?: number;
  /** Open model: iterations started per second per workflow (`100`, `'100/s'`, `'600/m'`). */
  rate?: number | string;
  /** Open model: cap on concurrent iterations; starts beyond it are dropped and counted. */
  maxUsers?: number;
  /** Length of the measured phase. */
  duration?: string | number;
  /** Iterations per workflow; the run ends at whichever of duration and iterations comes first. */
  iterations?: number;
  /** Linear rise from 0 to the users or rate, then hold. */
  rampUp?: string | number;
  /** Piecewise-linear targets: `'10s:50,30s:200,10s:0'` (users) or `'10s:50/s,…'` (rate). */
  stages?: string | Array<string | { duration: string | number; target: number | string }>;
  /** `'gaussian'`: `volume` iterations over the duration, the rate a bell curve around `peak`. */
  shape?: 'gaussian';
  volume?: number;
  peak?: string | number;
  stddev?: string | number;
  /** Distinct user identities per workflow; one never runs two iterations at once. */
  uniqueUsers?: number;
  /** Open model: random shift of each start, as a fraction of the spacing (`'20%'` or 0.2). */
  jitter?: string | number;
  /** Open model: starts spaced `regular`ly or at `random` within each 100 ms slot. */
  distribution?: 'regular' | 'random';
}

/**
 * What `heavy.config.ts` may set for a service (or, at the root, for every service). Flags win
 * over the file; `--profile NAME` picks one of `profiles`.
 */
export interface HeavyConfig extends LoadSettings {
  /** Warm-up before the measured phase, kept out of the statistics. Default 2s for constant loads run for a duration. */
  warmup?: string | number;
  /** How long running iterations may finish after the end. Default 30s. */
  gracefulStop?: string | number;
  /** Per-request timeout. Default 30s. */
  timeout?: string | number;
  /**
   * Accept any TLS certificate from `https:` targets: self-signed, expired, another host's
   * (k6's `insecureSkipTLSVerify`). Default false, when an untrusted certificate fails each
   * request as `tls-cert`. To trust a private CA instead, set `NODE_EXTRA_CA_CERTS`.
   */
  insecure?: boolean;
  /**
   * Read every response body to its end but keep none of it (k6's `discardResponseBodies`):
   * `res.body` and `res.json()` then throw. A request keeps its body with `{ discardBody: false }`.
   * Default false.
   */
  discardResponseBodies?: boolean;
  /**
   * The largest response body kept: `'64MB'`, `'256MiB'`, or a number of bytes. A larger body
   * fails its request as `response-too-large`. Discarded bodies have no limit. Default 64MiB.
   */
  maxResponseSize?: string | number;
  /**
   * Redirects followed per request at most (k6's `maxRedirects`): each hop is a request of its
   * own in the results. `0` follows none; a request's `{ redirect: 'manual' }` returns its 3xx
   * as is. Default 10.
   */
  maxRedirects?: number;
  /**
   * Longest an iteration may run before it is failed (`iteration timeout`), its cleanups run and
   * its user goes on with the next one. Default none; `0` turns off a value set by another layer.
   */
  iterationTimeout?: string | number;
  /** Named load settings, chosen with `--profile NAME`. */
  profiles?: Record<string, LoadSettings>;
  /**
   * The mix of the service's workflows, by workflow name (`browse` for `browse.ts`). A workflow
   * with a `weight` (default 1) gets that share of the service's load (`users`, `rate`, …, and
   * the flags): `{ browse: { weight: 9 }, write: { weight: 1 } }`; weight 0 leaves it out. A
   * workflow with a load of its own (`users` or `rate`, `stages`, …, or `profile`) runs that
   * instead, whatever the flags say. `startTime` delays a workflow's start. `--mix` replaces it all.
   */
  workflows?: Record<string, WorkflowSettings>;
  /**
   * Reporters added to the run, each a name alone or `[name, options]`. A name is a built-in
   * (`console`, `json`, `html`) or an npm package (or a relative path) resolved from this file,
   * whose default export is a `ReporterFactory` of `@go-heavy/core`. A service's list replaces
   * the root's; `--reporter NAME` flags add to it.
   */
  reporters?: ReporterEntry[];
  /**
   * Pass/fail criteria, e.g. `'checkout/buy p95 < 300ms'` or
   * `{ expr: 'checkout/buy error-rate < 1%', abortOnFail: true }`. A failed one makes the run
   * exit with code 99. Root, service and `--threshold` lists add up.
   */
  thresholds?: ThresholdEntry[];
  /**
   * How `--log-requests FILE` writes its request log: the request-id header, the names to redact
   * (headers, and environment variables whose values are hidden) and the body limit. A service's
   * keys override the root's, and its `redact` names add to the root's.
   */
  requestLog?: RequestLogConfig;
}

/** One workflow's entry in {@link HeavyConfig.workflows}. */
export interface WorkflowSettings extends Omit<LoadSettings, 'duration'> {
  /** Its share of the service's load, against the other workflows' weights. Default 1; 0: it does not run. */
  weight?: number;
  /** How long after the start (of the measured phase) it starts, like k6's `startTime`: `'30s'`. */
  startTime?: string | number;
  /** One of `profiles`, as this workflow's own load; its own load keys override the profile's. */
  profile?: string;
}

/** One entry of {@link HeavyConfig.thresholds}. */
export type ThresholdEntry = string | { expr: string; abortOnFail?: boolean };

/** One entry of {@link HeavyConfig.reporters}: `'name'` or `['name', { …options }]`. */
export type ReporterEntry = string | [name: string, options: Record<string, unknown>];

/** The keys a config file may hold, for validation messages. */
export const CONFIG_KEYS: ReadonlyArray<keyof HeavyConfig> = [
  ...LOAD_KEYS,
  'warmup',
  'gracefulStop',
  'timeout',
  'iterationTimeout',
  'profiles',
  'workflows',
  'reporters',
  'thresholds',
  'requestLog',
  'insecure',
  'discardResponseBodies',
  'maxResponseSize',
  'maxRedirects',
];

/** Types a `heavy.config.ts` default export. Returns its argument; validation happens on load. */
export function defineConfig(config: HeavyConfig): HeavyConfig {
  return config;
}

// Every load key of the flags can be written in a config file.
type Missing = Exclude<keyof LoadSpec, keyof LoadSettings>;
const _allLoadKeys: [Missing] extends [never] ? true : Missing = true;
void _allLoadKeys;
