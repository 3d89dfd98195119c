import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isWorkflow, type Workflow } from '@go-heavy/core';
import { ConfigError } from './config-error.js';
import { loadUserModule } from './load-module.js';

/** A workflow file found on disk and loaded. */
export interface DiscoveredWorkflow {
  service: string;
  /** `<service>/<name>` */
  name: string;
  file: string;
  serviceDir: string;
  definition: Workflow<unknown>;
}

const SOURCE = /\.(ts|mts|js|mjs)$/;
const NOT_A_WORKFLOW = /(^heavy\.config\.|\.(test|spec)\.|\.d\.ts$)/;

/** The services under `<root>/services`, sorted. */
export async function listServices(root: string): Promise<string[]> {
  const dir = path.join(root, 'services');
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    throw new ConfigError(`no services/ folder in ${root}: expected services/<service>/<workflow>.ts (set --root DIR)`);
  }
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** Files in a service folder that may hold a workflow (not configs, tests or declarations). */
async function candidateFiles(serviceDir: string): Promise<string[]> {
  const entries = await readdir(serviceDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !NOT_A_WORKFLOW.test(e.name))
    .map((e) => path.join(serviceDir, e.name))
    .sort();
}

/** The names of the files in a service folder that may hold a workflow (`search` for `search.ts`). */
export async function workflowFileNames(serviceDir: string): Promise<string[]> {
  return (await candidateFiles(serviceDir).catch(() => [])).map((f) => path.basename(f).replace(SOURCE, ''));
}

/**
 * Loads one workflow file. With `required`, a file that does not default-export a workflow is an
 * error; without it (discovery of a whole service), such a file is a helper and yields undefined.
 */
export async function loadWorkflowFile(file: string, root: string, service: string, required: boolean): Promise<DiscoveredWorkflow | undefined> {
  const mod = await loadUserModule(file, root);
  const definition = mod.default;
  if (!isWorkflow(definition)) {
    if (!required) return undefined;
    const display = path.relative(process.cwd(), file) || file;
    const found = definition === undefined ? 'no default export' : 'a default export that is not a workflow';
    throw new ConfigError(`${display}: ${found}: expected \`export default workflow({ run(ctx) { … } })\` from '@go-heavy/core'`);
  }
  const base = path.basename(file).replace(SOURCE, '');
  return { service, name: `${service}/${definition.name ?? base}`, file, serviceDir: path.dirname(file), definition };
}

/** Every workflow of a service; its helper files are skipped. */
export async function loadService(root: string, service: string): Promise<DiscoveredWorkflow[]> {
  await assertService(root, service);
  const serviceDir = path.join(root, 'services', service);
  const found: DiscoveredWorkflow[] = [];
  for (const file of await candidateFiles(serviceDir)) {
    const wf = await loadWorkflowFile(file, root, service, false);
    if (wf) found.push(wf);
  }
  if (found.length === 0) {
    throw new ConfigError(`service "${service}" has no workflows: expected files in ${serviceDir} that \`export default workflow({ … })\``);
  }
  return uniqueNames(found);
}

/**
 * Resolves what the user asked to run: `<service>`, `<service>/<workflow>` (file name or
 * workflow name), or a path to a workflow file or a service folder.
 */
export async function resolveTarget(root: string, target: string): Promise<DiscoveredWorkflow[]> {
  const asPath = path.resolve(target);
  // `services/shop` reads like `<service>/<workflow>`: a folder or file of that name wins.
  const info = looksLikePath(target) || target.includes('/') ? await stat(asPath).catch(() => undefined) : undefined;
  if (info?.isFile()) {
    const service = path.basename(path.dirname(asPath));
    return [(await loadWorkflowFile(asPath, root, service, true))!];
  }
  if (info?.isDirectory()) return loadService(path.dirname(path.dirname(asPath)), path.basename(asPath));
  if (looksLikePath(target) && /\.[cm]?[jt]s$/.test(target)) {
    // `blog/browse.ts` is most likely the workflow blog/browse, named with its file's extension.
    const named = /^([^./][^/]*)\/([^/]+)\.[cm]?[jt]s$/.exec(target);
    const hint = named ? `: did you mean ${named[1]}/${named[2]}? (a workflow is named <service>/<workflow>, without the file's extension)` : '';
    throw new ConfigError(`workflow file not found: ${target}${hint}`);
  }
  const [service, name, ...rest] = target.split('/');
  if (!service || rest.length > 0) {
    throw new ConfigError(`target "${target}": expected <service>, <service>/<workflow> or a path to a workflow file`);
  }
  if (name === undefined || name === '') return loadService(root, service);
  // A file named like the target is the workflow asked for: it must be one.
  const serviceDir = path.join(root, 'services', service);
  const file = (await candidateFiles(serviceDir).catch(() => [])).find((f) => path.basename(f).replace(SOURCE, '') === name);
  if (file) return [(await loadWorkflowFile(file, root, service, true))!];
  return [await findByWorkflowName(root, service, name)];
}

/**
 * A workflow whose `name` differs from its file name. Files that fail to load are passed over
 * here: the user asked for another workflow, and is told that one does not exist.
 */
async function findByWorkflowName(root: string, service: string, name: string): Promise<DiscoveredWorkflow> {
  await assertService(root, service);
  const known: string[] = [];
  for (const file of await candidateFiles(path.join(root, 'services', service))) {
    const wf = await loadWorkflowFile(file, root, service, false).catch(() => null);
    if (wf === undefined) continue; // a helper, not a workflow
    if (wf?.name === `${service}/${name}`) return wf;
    known.push(wf ? wf.name.slice(service.length + 1) : path.basename(file).replace(SOURCE, ''));
  }
  throw new ConfigError(`unknown workflow "${name}" in service "${service}": expected one of ${known.join(', ')}`);
}

/**
 * The names (`<service>/<name>`) of the workflows in a service folder, or undefined when there is
 * no such folder. Files that fail to load count under their file name: a broken workflow still
 * exists, and is reported when it is run, not here.
 */
export async function workflowNamesIn(serviceDir: string, root: string, service: string): Promise<string[] | undefined> {
  const files = await candidateFiles(serviceDir).catch(() => undefined);
  if (files === undefined) return undefined;
  const names: string[] = [];
  for (const file of files) {
    const wf = await loadWorkflowFile(file, root, service, false).catch(() => null);
    if (wf === undefined) continue; // a helper, not a workflow
    names.push(wf ? wf.name : `${service}/${path.basename(file).replace(SOURCE, '')}`);
  }
  return names;
}

async function assertService(root: string, service: string): Promise<void> {
  const services = await listServices(root);
  if (!services.includes(service)) {
    throw new ConfigError(`unknown service "${service}" in ${path.join(root, 'services')}: expected one of ${services.join(', ') || '(none found)'}`);
  }
}

function looksLikePath(target: string): boolean {
  return target.startsWith('.') || path.isAbsolute(target) || /\.[cm]?[jt]s$/.test(target) || target.split('/').length > 2;
}

function uniqueNames(found: DiscoveredWorkflow[]): DiscoveredWorkflow[] {
  const seen = new Map<string, string>();
  for (const wf of found) {
    const other = seen.get(wf.name);
    if (other) throw new ConfigError(`two workflows are named "${wf.name}": ${other} and ${wf.file}; give one a different name`);
    seen.set(wf.name, wf.file);
  }
  return found;
}
