import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import { CONFIG_KEYS, type HeavyConfig } from './define-config.js';
import { loadUserModule } from './load-module.js';

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
  return config as HeavyConfig;
}
