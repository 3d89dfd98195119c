import { existsSync } from 'node:fs';
import path from 'node:path';
import dotenvFlow from 'dotenv-flow';
import { ConfigError } from './config-error.js';
import { checkEnvFile } from './env-file-lines.js';

/** The env files of a service, lowest priority first: committed defaults, then local overrides. */
export function envFiles(root: string, serviceDir: string, extra?: string): string[] {
  const files = [path.join(root, 'env.default'), path.join(root, '.env'), path.join(serviceDir, 'env.default'), path.join(serviceDir, '.env')];
  const unique = [...new Set(files)].filter((f) => existsSync(f));
  if (extra !== undefined) {
    if (!existsSync(extra)) throw new ConfigError(`env file not found: ${extra} (named by the workflow's \`env\` option)`);
    unique.push(extra);
  }
  return unique;
}

/**
 * A workflow's environment: `env.default` (committed) overlaid by `.env` (local), root before
 * service, then the workflow's own env file, then the process environment, which wins. A line
 * dotenv would skip is a {@link ConfigError} naming the file and line.
 */
export function loadEnv(files: string[], processEnv: Record<string, string | undefined>): Record<string, string | undefined> {
  for (const file of files) checkEnvFile(file);
  const fromFiles = files.length > 0 ? dotenvFlow.parse(files) : {};
  return Object.freeze({ ...fromFiles, ...processEnv });
}

/** Checks that BASE_URL is set and is an http(s) URL; names where it could have been set. */
export function requireBaseUrl(env: Record<string, string | undefined>, service: string, files: string[], root: string): string {
  const value = env.BASE_URL;
  const where = files.length > 0 ? files.map((f) => path.relative(process.cwd(), f) || f).join(', ') : `${path.join(root, 'services', service)}/env.default`;
  if (value === undefined || value.trim() === '') {
    throw new ConfigError(`service "${service}": BASE_URL is not set: expected it in ${where} or the environment`);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`service "${service}": BASE_URL "${value}" is not a URL: expected http://host:port`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`service "${service}": BASE_URL "${value}" must start with http:// or https://`);
  }
  return value.replace(/\/+$/, '');
}
