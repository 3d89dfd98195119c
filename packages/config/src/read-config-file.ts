import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { CONFIG_KEYS, type HeavyConfig } from './define-config.js';
import { loadUserModule } from './load-module.js';
import { readWorkflowEntries } from './load/mix.js';
import { specFromObject } from './load/profile-file.js';
import { checkRequestLogConfig } from './request-log-config.js';

/** Names of the config file, in the order they are looked for in a folder. */
const CONFIG_NAMES = ['heavy.config.ts', 'heavy.config.mts', 'heavy.config.js', 'heavy.config.mjs'];

/** The config file in `dir`, if any. */
export function findConfigFile(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}

/** Loads and checks a config file: an object default export with known keys only. */
export async function readConfigFile(file: string, root: string): Promise<HeavyConfig> {
  const display = path.relative(process.cwd(), file) || file;
  const mod = await loadUserModule(file, root);
  const config = mod.default;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    throw new ConfigError(`${display}: expected \`export default defineConfig({ … })\``);
  }
  const unknown = Object.keys(config).filter((key) => !(CONFIG_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ConfigError(`${display}: unknown key${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: expected one of ${CONFIG_KEYS.join(', ')}`);
  }
  checkProfiles((config as HeavyConfig).profiles, display);
  // The shape now; the names once the service's workflows are known (see workflow-mix.ts).
  readWorkflowEntries((config as HeavyConfig).workflows, (config as HeavyConfig).profiles, `${display}: `);
  checkReporters((config as HeavyConfig).reporters, display);
  checkRequestLogConfig((config as HeavyConfig).requestLog, display);
  return config as HeavyConfig;
}

/**
 * `profiles`: names of load settings. Each is checked when the file is read, not only when
 * `--profile NAME` picks it, so a broken profile is found by any run of the service.
 */
function checkProfiles(profiles: unknown, display: string): void {
  if (profiles === undefined) return;
  if (profiles === null || typeof profiles !== 'object' || Array.isArray(profiles)) {
    throw new ConfigError(`${display}: profiles: expected an object of named load settings, like { smoke: { users: 1, duration: '10s' } }, got ${describe(profiles)}`);
  }
  const problems: string[] = [];
  for (const [name, settings] of Object.entries(profiles)) {
    try {
      specFromObject(settings, `${display}: profiles.${name}.`);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      problems.push(err.message);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}

/**
 * `reporters`: an array of names or `[name, options]` pairs. Only the shape is checked here;
 * whether a name resolves is known when the CLI loads it.
 */
function checkReporters(reporters: unknown, display: string): void {
  if (reporters === undefined) return;
  const expected = "expected a name or [name, { …options }], e.g. ['json', { path: 'results.json' }]";
  if (!Array.isArray(reporters)) {
    throw new ConfigError(`${display}: reporters: expected an array of reporter names or [name, options] pairs, got ${describe(reporters)}`);
  }
  reporters.forEach((entry: unknown, i) => {
    const what = `${display}: reporters[${i}]`;
    if (typeof entry === 'string') {
      if (entry.trim() === '') throw new ConfigError(`${what}: empty name: ${expected}`);
      return;
    }
    if (!Array.isArray(entry)) throw new ConfigError(`${what}: ${expected}, got ${describe(entry)}`);
    const [name, options] = entry as unknown[];
    if (entry.length < 1 || entry.length > 2 || typeof name !== 'string' || name.trim() === '') {
      throw new ConfigError(`${what}: ${expected}, got ${describe(entry)}`);
    }
    if (entry.length === 2 && (options === null || typeof options !== 'object' || Array.isArray(options))) {
      throw new ConfigError(`${what}: options of "${name}": expected an object, got ${describe(options)}`);
    }
  });
}

/** A value as a message shows it: short JSON where possible. */
function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
