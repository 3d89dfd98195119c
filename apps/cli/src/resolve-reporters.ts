import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadUserModule, type HeavyConfig } from '@go-heavy/config';
import type { Reporter, ReporterContext } from '@go-heavy/core';
import { builtinReporters } from '@go-heavy/reporter';
import { firstLine } from './first-line.js';

/** A reporter the user asked for, before it is loaded. */
export interface ReporterRequest {
  /** A built-in name or a module specifier (npm package or relative path). */
  name: string;
  options: Record<string, unknown>;
  /** A file in the folder the name resolves from, as `createRequire(from)` takes it. */
  from: string;
  /** Where the user wrote it, for messages: `services/api/heavy.config.ts: reporters[1]`, `--reporter`. */
  source: string;
}

/** A config file that was read, with what it holds. */
export interface ConfigLayer {
  file: string;
  config: HeavyConfig;
}

/** The names {@link resolveReporters} serves itself; any other name is a module to resolve. */
const BUILTIN_REPORTER_NAMES = ['console', 'json', 'html', 'junit'] as const;

/** Where `--reporter json` / `html` / `junit` write when no `path` option is given (from the cwd). */
const DEFAULT_REPORT_PATHS: Readonly<Record<string, string>> = { json: 'results.json', html: 'report.html', junit: 'junit.xml' };

type Factory = (options: Record<string, unknown>, context: ReporterContext) => Reporter | Promise<Reporter>;

/**
 * The reporters of a run, as requests: the `reporters` of the last config file that sets them
 * (the service's replaces the root's), each resolving from that file's folder, then each
 * `--reporter NAME` that the config does not already name, resolving from the innermost config
 * file's folder or `<root>/package.json` (a relative path given as a flag resolves from `cwd`).
 */
export function reporterRequests(layers: ConfigLayer[], flags: readonly string[], root: string, cwd: string): ReporterRequest[] {
  const requests: ReporterRequest[] = [];
  const layer = [...layers].reverse().find((l) => l.config.reporters !== undefined);
  if (layer) {
    const display = displayPath(layer.file, cwd);
    layer.config.reporters!.forEach((entry, i) => {
      const [name, options] = typeof entry === 'string' ? [entry, {}] : [entry[0], entry[1] ?? {}];
      requests.push({ name, options, from: layer.file, source: `${display}: reporters[${i}]` });
    });
  }
  const from = layers.at(-1)?.file ?? path.join(root, 'package.json');
  for (const name of flags) {
    if (name.trim() === '') throw new ConfigError('--reporter: expected a reporter name (console, json, html, junit or an npm package), got ""');
    if (requests.some((r) => r.name === name)) continue;
    requests.push({ name, options: {}, from: isRelative(name) ? path.join(cwd, 'package.json') : from, source: '--reporter' });
  }
  return requests;
}

/**
 * Loads each requested reporter, in order. Built-ins come from `builtinReporters` of
 * @go-heavy/reporter (`json`, `html` and `junit` write to their `path` option resolved from `context.cwd`);
 * other names are resolved with `createRequire(request.from)`, imported (a `.ts` file is compiled
 * as workflows are) and their default export called as a `ReporterFactory` with the request's
 * options and `context`. Every mistake is a {@link ConfigError} of one line naming the reporter
 * and where it was asked for; the reporters already made are closed before it is thrown.
 * `console` is not handled here: the CLI always has a console reporter
 * (see {@link consoleOptions}).
 */
export async function resolveReporters(requests: readonly ReporterRequest[], context: ReporterContext): Promise<Reporter[]> {
  const reporters: Reporter[] = [];
  try {
    for (const request of requests) {
      if (request.name === 'console') continue;
      reporters.push(await resolveReporter(request, context));
    }
  } catch (err) {
    // The run will not start: the reporters made so far release what their factories opened.
    await Promise.allSettled(reporters.map(async (r) => r.close?.()));
    throw err;
  }
  return reporters;
}

/** The options of the `console` entry, if any, checked: `{ full?: boolean }`. */
export function consoleOptions(requests: readonly ReporterRequest[]): { full?: boolean } {
  const request = requests.find((r) => r.name === 'console');
  if (!request) return {};
  checkOptionKeys(request, ['full']);
  const { full } = request.options;
  if (full !== undefined && typeof full !== 'boolean') {
    throw new ConfigError(`${describeRequest(request)}: option full: expected true or false, got ${JSON.stringify(full)}`);
  }
  return full === undefined ? {} : { full };
}

/** One reporter: a built-in or a plugin module. */
export async function resolveReporter(request: ReporterRequest, context: ReporterContext): Promise<Reporter> {
  const builtin = builtinFactory(request);
  if (builtin) return callFactory(builtin, builtinOptions(request, context), context, request);
  const file = resolveModule(request, context.cwd);
  const factory = await importFactory(file, request, context);
  return callFactory(factory, request.options, context, request);
}

/** The factory of a built-in name, or undefined when the name is a module to resolve. */
function builtinFactory(request: ReporterRequest): Factory | undefined {
  if (!(BUILTIN_REPORTER_NAMES as readonly string[]).includes(request.name)) return undefined;
  const factory = (builtinReporters as Record<string, unknown>)[request.name];
  if (typeof factory !== 'function') {
    throw new ConfigError(`${describeRequest(request)}: the ${request.name} reporter is not available in this version of go-heavy`);
  }
  return factory as Factory;
}

/** Built-in options checked, with `path` resolved from the working directory. */
function builtinOptions(request: ReporterRequest, context: ReporterContext): Record<string, unknown> {
  const options = { ...request.options };
  // json takes only a path, junit a path and a hostname; html's other options are its own factory's to check.
  if (request.name === 'json') checkOptionKeys(request, ['path']);
  if (request.name === 'junit') {
    checkOptionKeys(request, ['path', 'hostname']);
    const { hostname } = request.options;
    if (hostname !== undefined && (typeof hostname !== 'string' || hostname.trim() === '')) {
      throw new ConfigError(`${describeRequest(request)}: option hostname: expected a machine name such as "ci-runner", got ${JSON.stringify(hostname)}`);
    }
  }
  const file = options.path ?? DEFAULT_REPORT_PATHS[request.name];
  if (typeof file !== 'string' || file.trim() === '') {
    throw new ConfigError(`${describeRequest(request)}: option path: expected a file name such as "${DEFAULT_REPORT_PATHS[request.name]}", got ${JSON.stringify(file)}`);
  }
  options.path = path.resolve(context.cwd, file);
  return options;
}

function checkOptionKeys(request: ReporterRequest, known: string[]): void {
  const unknown = Object.keys(request.options).filter((k) => !known.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError(`${describeRequest(request)}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}: expected ${known.join(', ')}`);
  }
}

/**
 * The file a plugin name resolves to, as Node resolves it from `request.from`: `require.resolve`
 * first (pino's way), then, for a package whose `exports` only serve `import` (an ESM-only
 * package), its `import`, `node` or `default` export.
 */
function resolveModule(request: ReporterRequest, cwd: string): string {
  const where = describeRequest(request);
  const relative = displayPath(path.dirname(request.from), cwd);
  const dir = relative === '.' ? './' : relative.startsWith('..') || path.isAbsolute(relative) ? relative : `./${relative}`;
  try {
    return createRequire(request.from).resolve(request.name);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ERR_PACKAGE_PATH_NOT_EXPORTED') {
      const file = resolveImportExport(request);
      if (file !== undefined) return file;
      throw new ConfigError(`${where}: the package's "exports" has no entry go-heavy can load: expected "exports": { ".": { "import": "./index.mjs" } } or a plain string`);
    }
    if (isRelative(request.name) || path.isAbsolute(request.name)) {
      throw new ConfigError(`${where}: no file ${displayPath(path.resolve(path.dirname(request.from), request.name), cwd)}: expected a reporter module (.js, .mjs, .cjs or .ts)`);
    }
    throw new ConfigError(
      `${where}: not a built-in (${BUILTIN_REPORTER_NAMES.join(', ')}) and not an installed package (looked up from ${dir}): ` + `expected \`npm install --save-dev ${request.name}\` in your project`,
    );
  }
}

/** The conditions an `import()` of a package matches, in the order Node tries them. */
const IMPORT_CONDITIONS = ['import', 'node', 'default'];

/**
 * Resolves `name` (`pkg` or `pkg/sub`, `@scope/pkg/sub`) through its package's `exports` with the
 * `import` conditions, looking in the node_modules folders `require` would. Subpath patterns are
 * not supported; undefined when nothing matches.
 */
function resolveImportExport(request: ReporterRequest): string | undefined {
  const parts = request.name.split('/');
  const size = request.name.startsWith('@') ? 2 : 1;
  const pkgName = parts.slice(0, size).join('/');
  const subpath = parts.length > size ? `./${parts.slice(size).join('/')}` : '.';
  for (const dir of createRequire(request.from).resolve.paths(request.name) ?? []) {
    const manifest = path.join(dir, pkgName, 'package.json');
    if (!existsSync(manifest)) continue;
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports?: unknown };
    const sugar = !isObject(exports) || Array.isArray(exports) || !Object.keys(exports).some((k) => k.startsWith('.'));
    const entry = sugar ? (subpath === '.' ? exports : undefined) : (exports as Record<string, unknown>)[subpath];
    const target = conditionalTarget(entry);
    return target === undefined ? undefined : path.join(dir, pkgName, target);
  }
  return undefined;
}

function conditionalTarget(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry;
  if (Array.isArray(entry)) {
    for (const item of entry) {
      const target = conditionalTarget(item);
      if (target !== undefined) return target;
    }
    return undefined;
  }
  if (!isObject(entry)) return undefined;
  for (const [condition, value] of Object.entries(entry)) {
    if (!IMPORT_CONDITIONS.includes(condition)) continue;
    const target = conditionalTarget(value);
    if (target !== undefined) return target;
  }
  return undefined;
}

/** Imports a plugin file and returns its default export, checked to be a function. */
async function importFactory(file: string, request: ReporterRequest, context: ReporterContext): Promise<Factory> {
  const where = describeRequest(request);
  let mod: Record<string, unknown>;
  if (/\.[cm]?ts$/.test(file)) {
    // Compiled like a workflow; its own errors are ConfigErrors naming the file and line.
    mod = await loadUserModule(file, context.root);
  } else {
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`${where}: failed to load ${displayPath(file, context.cwd)}: ${firstLine(err)}`);
    }
  }
  let factory = mod.default;
  // A CommonJS module compiled from TypeScript: module.exports = { default: factory }.
  if (typeof factory !== 'function' && isObject(factory) && typeof factory.default === 'function') factory = factory.default;
  if (typeof factory !== 'function') {
    const found = factory === undefined ? 'has no default export' : `default-exports ${kind(factory)}`;
    throw new ConfigError(
      `${where}: ${displayPath(file, context.cwd)} ${found}: expected a ReporterFactory, ` + '`export default function (options, context) { return { name, onEnd(result) { … } } }`',
    );
  }
  return factory as Factory;
}

/** Calls a factory and checks that what it returns is a Reporter. */
async function callFactory(factory: Factory, options: Record<string, unknown>, context: ReporterContext, request: ReporterRequest): Promise<Reporter> {
  const where = describeRequest(request);
  let reporter: unknown;
  try {
    reporter = await factory(options, context);
  } catch (err) {
    throw new ConfigError(`${where}: its factory threw: ${firstLine(err)}`);
  }
  if (!isObject(reporter)) {
    throw new ConfigError(`${where}: its factory returned ${kind(reporter)}: expected a Reporter, { name: string, onStart?, onProgress?, onEnd?, close? }`);
  }
  if (typeof reporter.name !== 'string' || reporter.name === '') {
    throw new ConfigError(`${where}: its factory returned a reporter without a name: expected { name: string, … }`);
  }
  for (const hook of ['onStart', 'onProgress', 'onEnd', 'close']) {
    if (reporter[hook] !== undefined && typeof reporter[hook] !== 'function') {
      throw new ConfigError(`${where}: reporter "${reporter.name}": ${hook} is ${kind(reporter[hook])}: expected a function`);
    }
  }
  return reporter as unknown as Reporter;
}

function describeRequest(request: ReporterRequest): string {
  return `reporter "${request.name}" (${request.source})`;
}

function isRelative(name: string): boolean {
  return name === '.' || name === '..' || name.startsWith('./') || name.startsWith('../');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null;
}

/** What a value is, for messages: `an object`, `a string ("x")`, `undefined`. */
function kind(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`;
  if (typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value} (${String(value)})`;
  return `a ${typeof value}`;
}

/** A path as messages show it: relative to the working directory, as the config package does. */
function displayPath(file: string, cwd: string): string {
  return path.relative(cwd, file) || '.';
}
