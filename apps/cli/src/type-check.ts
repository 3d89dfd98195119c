import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError, listServices } from '@go-heavy/config';
import type ts from 'typescript';

/** What `go-heavy check` found. */
export interface TypeCheckResult {
  /** Source files checked (the entry files and the local files they import), not counting declarations or packages. */
  files: number;
  errors: number;
  /** The diagnostics, formatted as tsc prints them. */
  output: string;
}

const SOURCE = /\.(ts|mts|cts|tsx|js|mjs|cjs)$/;

/**
 * The files a check starts from: the root's and the service's heavy.config.ts, and every source
 * file of the service (of every service without a target). What they import from `common/`,
 * `utils/` or elsewhere is checked through them. Nothing is loaded or run.
 */
export async function checkEntryFiles(root: string, target: string | undefined): Promise<string[]> {
  const files = configFiles(root);
  if (target === undefined) {
    for (const service of await listServices(root)) files.push(...configFiles(path.join(root, 'services', service)), ...(await sourceFiles(path.join(root, 'services', service))));
    return files;
  }
  const asPath = path.resolve(target);
  if (SOURCE.test(target) && (await stat(asPath).catch(() => undefined))?.isFile()) return [...files, asPath];
  if (SOURCE.test(target)) throw new ConfigError(`${target}: no such file: expected <service>, <service>/<workflow> or a path to a workflow file`);
  const [service, workflow, ...rest] = target.split('/');
  if (!service || rest.length > 0) throw new ConfigError(`target "${target}": expected <service>, <service>/<workflow> or a path to a workflow file`);
  const services = await listServices(root);
  if (!services.includes(service)) throw new ConfigError(`unknown service "${service}" in ${path.join(root, 'services')}: expected one of ${services.join(', ') || '(none found)'}`);
  const serviceDir = path.join(root, 'services', service);
  files.push(...configFiles(serviceDir));
  const all = await sourceFiles(serviceDir);
  // A workflow named like its file is checked alone; one named otherwise, with its whole service.
  const own = workflow ? all.filter((f) => path.basename(f).replace(SOURCE, '') === workflow) : [];
  return [...files, ...(own.length > 0 ? own : all)];
}

function configFiles(dir: string): string[] {
  return ['heavy.config.ts', 'heavy.config.mts', 'heavy.config.js', 'heavy.config.mjs'].map((name) => path.join(dir, name)).filter((file) => existsSync(file));
}

/** Source files under `dir`, recursively, leaving out node_modules, dot-folders and the configs (listed apart). */
async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(full)));
    else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.startsWith('heavy.config.') && !entry.name.endsWith('.d.ts')) found.push(full);
  }
  return found.sort();
}

/**
 * Runs the TypeScript compiler over `files` without emitting anything: esbuild, which runs the
 * workflows, strips types without checking them, so `res.statusCode` (there is no such field)
 * would run as `undefined`. Options come from `<root>/tsconfig.json` when there is one, else
 * strict defaults that resolve imports as the bundler does.
 */
export async function typeCheck(root: string, files: readonly string[], pretty: boolean): Promise<TypeCheckResult> {
  const tsModule = await import('typescript');
  const compiler: typeof ts = (tsModule as { default?: typeof ts }).default ?? (tsModule as unknown as typeof ts);
  const options = { ...compilerOptions(compiler, root), noEmit: true };
  const program = compiler.createProgram([...files], options);
  const diagnostics = compiler.getPreEmitDiagnostics(program);
  const host: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => process.cwd(),
    getNewLine: () => '\n',
  };
  const errors = diagnostics.filter((d) => d.category === compiler.DiagnosticCategory.Error).length;
  const output = diagnostics.length === 0 ? '' : pretty ? compiler.formatDiagnosticsWithColorAndContext(diagnostics, host) : compiler.formatDiagnostics(diagnostics, host);
  const checked = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes('/node_modules/')).length;
  return { files: checked, errors, output };
}

function compilerOptions(compiler: typeof ts, root: string): ts.CompilerOptions {
  const tsconfig = path.join(root, 'tsconfig.json');
  if (existsSync(tsconfig)) {
    const read = compiler.readConfigFile(tsconfig, (file) => compiler.sys.readFile(file));
    if (read.error) throw new ConfigError(`${tsconfig}: ${compiler.flattenDiagnosticMessageText(read.error.messageText, ' ')}`);
    const parsed = compiler.parseJsonConfigFileContent(read.config, compiler.sys, root, undefined, tsconfig);
    const problem = parsed.errors.find((d) => d.category === compiler.DiagnosticCategory.Error);
    if (problem) throw new ConfigError(`${tsconfig}: ${compiler.flattenDiagnosticMessageText(problem.messageText, ' ')}`);
    return parsed.options;
  }
  // Node's own types when the project has them; else the DOM's console, timers and AbortSignal.
  const nodeTypes = resolvable(root, '@types/node/package.json');
  return {
    strict: true,
    target: compiler.ScriptTarget.ES2022,
    module: compiler.ModuleKind.ESNext,
    moduleResolution: compiler.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    allowJs: true,
    resolveJsonModule: true,
    esModuleInterop: true,
    isolatedModules: true,
    skipLibCheck: true,
    lib: nodeTypes ? ['lib.es2023.d.ts'] : ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: nodeTypes ? ['node'] : [],
  };
}

function resolvable(root: string, specifier: string): boolean {
  try {
    createRequire(path.join(root, 'package.json')).resolve(specifier);
    return true;
  } catch {
    return false;
  }
}
