import path from 'node:path';
import { constantProfile, validateClosed, type PlannedWorkflow, type RunPlan } from '@go-heavy/core';
import { ConfigError } from './config-error.js';
import type { HeavyConfig } from './define-config.js';
import { resolveTarget, type DiscoveredWorkflow } from './discover.js';
import { parseDuration } from './duration.js';
import { envFiles, loadEnv, requireBaseUrl } from './env.js';
import { findConfigFile, readConfigFile } from './read-config-file.js';

/** Flags of `go-heavy run` as typed by the user (strings are parsed and checked here). */
export interface RunFlags {
  users?: number | string;
  duration?: string;
  iterations?: number | string;
  warmup?: string;
  gracefulStop?: string;
  timeout?: string;
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
  /** Config files that were read, for the log. */
  configFiles: string[];
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_GRACEFUL_STOP_MS = 30_000;
const DEFAULT_WARMUP_MS = 2_000;

/**
 * Consolidates defaults → root `heavy.config.ts` → service `heavy.config.ts` → flags into a
 * {@link RunPlan}, loading the target's workflows and their environments. Every user mistake is
 * a {@link ConfigError} naming the flag, field or file.
 */
export async function buildRunPlan(request: PlanRequest): Promise<ResolvedRun> {
  const root = path.resolve(request.root);
  const workflows = await resolveTarget(root, request.target);
  const serviceDir = workflows[0]!.serviceDir;
  const configFiles = [findConfigFile(root), serviceDir !== root ? findConfigFile(serviceDir) : undefined].filter((f): f is string => f !== undefined);
  const layers: Array<{ source: string; config: HeavyConfig | RunFlags }> = [];
  for (const file of configFiles) {
    layers.push({ source: `${path.relative(process.cwd(), file) || file}: `, config: await readConfigFile(file, root) });
  }
  layers.push({ source: '--', config: request.flags });

  const users = pick(layers, 'users', (v, what) => wholeNumber(v, what, 1)) ?? 1;
  const durationMs = pick(layers, 'duration', (v, what) => positiveDuration(v, what)) ?? null;
  let iterations = pick(layers, 'iterations', (v, what) => wholeNumber(v, what, 1)) ?? null;
  if (durationMs === null && iterations === null) iterations = 1; // as k6: a smoke run by default
  const timeoutMs = pick(layers, 'timeout', (v, what) => positiveDuration(v, what)) ?? DEFAULT_TIMEOUT_MS;
  const gracefulStopMs = pick(layers, 'gracefulStop', (v, what) => parseDuration(v, what)) ?? DEFAULT_GRACEFUL_STOP_MS;
  const warmupMs = durationMs === null ? 0 : pick(layers, 'warmup', (v, what) => parseDuration(v, what)) ?? DEFAULT_WARMUP_MS;

  const load = { model: 'closed' as const, users: constantProfile(users, durationMs) };
  const problems = validateClosed(load);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `--${p.field}: ${p.message}`).join('; '));

  return {
    plan: {
      workflows: workflows.map((wf) => planWorkflow(wf, root, request.processEnv)),
      load,
      durationMs,
      iterations,
      warmupMs,
      gracefulStopMs,
      uniqueUsers: null,
    },
    timeoutMs,
    configFiles,
  };
}

function planWorkflow(wf: DiscoveredWorkflow, root: string, processEnv: Record<string, string | undefined>): PlannedWorkflow {
  const extra = wf.definition.env === undefined ? undefined : path.resolve(path.dirname(wf.file), wf.definition.env);
  const files = envFiles(root, wf.serviceDir, extra);
  const env = loadEnv(files, processEnv);
  const baseUrl = requireBaseUrl(env, wf.service, files, root);
  return { name: wf.name, service: wf.service, file: wf.file, definition: wf.definition, env: Object.freeze({ ...env, BASE_URL: baseUrl }) };
}

/** The last layer that sets `key` wins; its value is parsed with the layer's name in messages. */
function pick<T>(layers: Array<{ source: string; config: object }>, key: string, parse: (value: unknown, what: string) => T): T | undefined {
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

function wholeNumber(value: unknown, what: string, min: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min) throw new ConfigError(`${what}: expected a whole number >= ${min}, got ${JSON.stringify(value)}`);
  return n;
}

function positiveDuration(value: unknown, what: string): number {
  const ms = parseDuration(value, what);
  if (ms <= 0) throw new ConfigError(`${what}: expected a duration above zero, got "${String(value)}"`);
  return ms;
}
