import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PlannedWorkflow, RunPlan } from '@go-heavy/core';
import { ConfigError } from './config-error.js';
import type { HeavyConfig } from './define-config.js';
import { resolveTarget, type DiscoveredWorkflow } from './discover.js';
import { parseDuration, parsePositiveDuration } from './duration.js';
import { envFiles, loadEnv, requireBaseUrl } from './env.js';
import { pickSpec, type SourcedSpec } from './load/load-spec.js';
import { mergeSpecs } from './load/merge-specs.js';
import { readProfileFile, specFromObject } from './load/profile-file.js';
import { resolveLoad } from './load/resolve-load.js';
import { parseWholeNumber } from './load/whole-number.js';
import { planMix } from './workflow-mix.js';
import { findConfigFile, readConfigFile } from './read-config-file.js';
import { parseSize } from './size.js';
import { checkThresholdTargets } from './threshold-targets.js';
import { readSourcedThresholds, readThresholds } from './thresholds.js';

/** Flags of `go-heavy run` as typed by the user (strings are parsed and checked here). */
export interface RunFlags {
  users?: number | string;
  rate?: string;
  maxUsers?: string;
  duration?: string;
  iterations?: number | string;
  rampUp?: string;
  stages?: string;
  shape?: string;
  volume?: string;
  peak?: string;
  stddev?: string;
  uniqueUsers?: string;
  jitter?: string;
  distribution?: string;
  /** A profile file (`.yaml`/`.yml`) or the name of one of the config's `profiles`. */
  profile?: string;
  /** `--threshold` expressions, added to the config files' `thresholds`. */
  threshold?: string[];
  warmup?: string;
  gracefulStop?: string;
  timeout?: string;
  /** `--iteration-timeout`: longest an iteration may run. */
  iterationTimeout?: string;
  /** `--insecure`: accept any TLS certificate. */
  insecure?: boolean;
  /** `--discard-response-bodies`: read response bodies to the end without keeping them. */
  discardResponseBodies?: boolean;
  /** `--max-response-size`: the largest response body kept, e.g. `64MB`. */
  maxResponseSize?: string;
  /** `--max-redirects`: redirects followed per request at most (0: none). */
  maxRedirects?: string;
  /** `--mix browse=9,write=1`: weights of the workflows sharing the service's load. */
  mix?: string;
}

/** How the HTTP client treats TLS and response bodies, from `heavy.config.ts` and flags. */
export interface HttpSettings {
  /** Accept any TLS certificate (`insecure`, `--insecure`). */
  insecure: boolean;
  /** Read every response body to the end without keeping it, unless a request says otherwise. */
  discardResponseBodies: boolean;
  /** The largest body kept, in bytes; undefined leaves the client's default (64 MiB). */
  maxResponseBytes: number | undefined;
  /** Redirects followed per request at most; undefined leaves the client's default (10). */
  maxRedirects: number | undefined;
}

export interface PlanRequest {
  /** The folder holding `services/`. */
  root: string;
  target: string;
  flags: RunFlags;
  /** The process environment, overlaid on env files (the CLI passes process.env). */
  processEnv: Record<string, string | undefined>;
}

/** A plan for the engine plus the settings that belong to other packages. */
export interface ResolvedRun {
  plan: RunPlan;
  /** Per-request timeout for the HTTP client. */
  timeoutMs: number;
  /** The HTTP client's TLS and body settings. */
  http: HttpSettings;
  /** Config files that were read, for the log. */
  configFiles: string[];
  /**
   * What each of `configFiles` holds, in the same order (root first): for the settings of other
   * packages (`reporters`, `requestLog`), so no caller compiles a config file a second time.
   */
  configs: HeavyConfig[];
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_GRACEFUL_STOP_MS = 30_000;
const DEFAULT_WARMUP_MS = 2_000;

export interface Layer {
  source: string;
  config: HeavyConfig | RunFlags;
}

/**
 * Consolidates defaults → root `heavy.config.ts` → service `heavy.config.ts` → `--profile`
 * (a file or a named profile) → flags into a {@link RunPlan}, loading the target's workflows and
 * their environments. Every user mistake is a {@link ConfigError} naming the flag, field or file.
 */
export async function buildRunPlan(request: PlanRequest): Promise<ResolvedRun> {
  const root = path.resolve(request.root);
  const workflows = await resolveTarget(root, request.target);
  const serviceDir = workflows[0]!.serviceDir;
  const { layers, configFiles } = await configLayers(root, serviceDir);
  const resolved = await planLoad(layers, request.flags);
  // Each workflow's share of the service's load, or its own; a workflow of weight 0 does not run.
  const mix = await planMix(workflows, layers, request.flags.mix, resolved);
  const running = workflows.filter((wf) => mix.loads.has(wf.name));
  // Before any load: a threshold naming no workflow of the project stops here; one naming a workflow not run is skipped.
  const thresholds = await checkThresholdTargets(readSourcedThresholds(layers, request.flags.threshold ?? []), running, root);

  return {
    plan: {
      workflows: running.map((wf) => ({ ...planWorkflow(wf, root, request.processEnv), load: mix.loads.get(wf.name)! })),
      ...resolved.plan,
      thresholds,
      durationMs: mix.durationMs,
    },
    timeoutMs: resolved.timeoutMs,
    http: resolved.http,
    configFiles,
    configs: layers.map((layer) => layer.config as HeavyConfig),
  };
}

/** The load part of a plan, from config layers and flags: what `go-heavy chart` draws. */
export interface PlannedLoad {
  plan: Omit<RunPlan, 'workflows'>;
  /** The load settings of every layer, merged: which were given. */
  spec: SourcedSpec;
  timeoutMs: number;
  http: HttpSettings;
}

/** Reads the root's and the service's config files as layers, lowest priority first. */
export async function configLayers(root: string, serviceDir: string | undefined): Promise<{ layers: Layer[]; configFiles: string[] }> {
  const configFiles = [findConfigFile(root), serviceDir !== undefined && serviceDir !== root ? findConfigFile(serviceDir) : undefined].filter((f): f is string => f !== undefined);
  const layers: Layer[] = [];
  for (const file of configFiles) {
    layers.push({ source: `${path.relative(process.cwd(), file) || file}: `, config: await readConfigFile(file, root) });
  }
  return { layers, configFiles };
}

/** Resolves the load and timings of config layers topped by the flags. */
export async function planLoad(configLayers: Layer[], flags: RunFlags): Promise<PlannedLoad> {
  const layers: Layer[] = [...configLayers, { source: '--', config: flags }];
  const specs: SourcedSpec[] = configLayers.map((l) => pickSpec(l.config, l.source));
  if (flags.profile !== undefined) specs.push(profileSpec(flags.profile, configLayers));
  specs.push(pickSpec(flags, '--'));
  const spec = mergeSpecs(specs);
  const { load, durationMs, iterations, uniqueUsers, shape } = resolveLoad(spec);

  const timeoutMs = pick(layers, 'timeout', (v, what) => parsePositiveDuration(v, what, 'it is how long one request may take before it fails')) ?? DEFAULT_TIMEOUT_MS;
  const gracefulStopMs = pick(layers, 'gracefulStop', parseDuration) ?? DEFAULT_GRACEFUL_STOP_MS;
  // None by default, as in k6: a workflow may legitimately run for minutes; 0 turns a layer's off.
  const iterationTimeoutMs = pick(layers, 'iterationTimeout', parseDuration) || null;
  // A warm-up by default only where the load is constant: a ramp is its own warm-up.
  const profile = load.model === 'closed' ? load.users : load.rate;
  const constant = profile.stages.every((s) => s.target === profile.start);
  const warmup = warmupOf(layers.slice(iterationsLayer(specs, configLayers.length)), durationMs);
  // An iteration count is that many iterations: no default warm-up adds more of them.
  const warmupMs = warmup ?? (durationMs !== null && iterations === null && constant ? DEFAULT_WARMUP_MS : 0);
  const thresholds = readThresholds(configLayers, flags.threshold ?? []);
  const http: HttpSettings = {
    insecure: pick(layers, 'insecure', parseBoolean) ?? false,
    discardResponseBodies: pick(layers, 'discardResponseBodies', parseBoolean) ?? false,
    maxResponseBytes: pick(layers, 'maxResponseSize', parseSize),
    maxRedirects: pick(layers, 'maxRedirects', (v, what) => parseWholeNumber(v, what, 0)),
  };
  // How the load was asked for, for the reports: a gaussian, a --profile.
  const described = { ...(shape && { loadShape: shape }), ...(flags.profile !== undefined && { profileSource: flags.profile }) };
  return { plan: { load, durationMs, iterations, warmupMs, gracefulStopMs, iterationTimeoutMs, uniqueUsers, thresholds, ...described }, spec, timeoutMs, http };
}

/**
 * The index in the config layers (topped by the flags) from which a warm-up may come: the layer
 * that set the iteration count the run follows, or 0 when none did. A profile counts as the
 * flags (it is given with --profile). So `-i 1` over a config's `duration` and `warmup` runs one
 * iteration and nothing before it, unless `--warmup` is given too.
 */
function iterationsLayer(specs: SourcedSpec[], configLayerCount: number): number {
  for (let i = specs.length - 1; i >= 0; i--) if (specs[i]!.iterations !== undefined) return Math.min(i, configLayerCount);
  return 0;
}

/** The warm-up the highest of `layers` sets, or undefined; one without a duration to precede is an error. */
function warmupOf(layers: Layer[], durationMs: number | null): number | undefined {
  const warmupMs = pick(layers, 'warmup', parseDuration);
  if (durationMs === null && warmupMs !== undefined && warmupMs > 0) {
    const { source } = layers.findLast((l) => (l.config as RunFlags).warmup !== undefined)!;
    const [what, duration] = source === '--' ? ['--warmup', '--duration'] : [`${source}warmup`, 'duration'];
    throw new ConfigError(`${what}: a warm-up runs before a duration, and this run has none (it is limited by iterations): set ${duration} too, or leave the warm-up out`);
  }
  return warmupMs;
}

/** `--profile`: a YAML file when it names one, else one of the config files' `profiles`. */
function profileSpec(profile: string, layers: Layer[]): SourcedSpec {
  if (/\.ya?ml$/i.test(profile) || existsSync(profile)) return readProfileFile(profile, '--profile');
  for (let i = layers.length - 1; i >= 0; i--) {
    const { source, config } = layers[i]!;
    const named = (config as HeavyConfig).profiles?.[profile];
    if (named !== undefined) return specFromObject(named, `${source}profiles.${profile}.`);
  }
  const names = layers.flatMap((l) => Object.keys((l.config as HeavyConfig).profiles ?? {}));
  throw new ConfigError(
    `--profile: no profile file or named profile "${profile}": expected a .yaml file or one of ${names.length > 0 ? names.join(', ') : 'the `profiles` of heavy.config.ts (none defined)'}`,
  );
}

function planWorkflow(wf: DiscoveredWorkflow, root: string, processEnv: Record<string, string | undefined>): PlannedWorkflow {
  const extra = wf.definition.env === undefined ? undefined : path.resolve(path.dirname(wf.file), wf.definition.env);
  const files = envFiles(root, wf.serviceDir, extra);
  const env = loadEnv(files, processEnv);
  const baseUrl = requireBaseUrl(env, wf.service, files, root);
  return { name: wf.name, service: wf.service, file: wf.file, definition: wf.definition, env: Object.freeze({ ...env, BASE_URL: baseUrl }) };
}

/** The last layer that sets `key` wins; its value is parsed with the layer's name in messages. */
function pick<T>(layers: Layer[], key: string, parse: (value: unknown, what: string) => T): T | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { source, config } = layers[i]!;
    const value = (config as Record<string, unknown>)[key];
    if (value !== undefined) return parse(value, source === '--' ? `--${kebab(key)}` : `${source}${key}`);
  }
  return undefined;
}

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function parseBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${what}: expected true or false, got ${JSON.stringify(value)}`);
  return value;
}
