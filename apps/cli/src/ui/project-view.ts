import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { configLayers, isConfigError, listServices, workflowFileNames, type HeavyConfig, type LoadSettings } from '@go-heavy/config';

/** A service of the root as the web UI lists it: its workflows by file name, found without loading them. */
export interface ServiceSummary {
  name: string;
  /** `browse` for `services/<name>/browse.ts`: what `go-heavy run <name>/browse` takes. */
  workflows: string[];
}

/** What the service page shows: its config files as written, the profiles they define, what a run may target. */
export interface ServiceView extends ServiceSummary {
  /** The root's then the service's `heavy.config.*`, path relative to the root, text as written. */
  configFiles: Array<{ file: string; text: string }>;
  /** Named profiles of those files (the service's win), in the order they are written. */
  profiles: Array<{ name: string; settings: LoadSettings }>;
  /** `<service>` (every workflow) then `<service>/<workflow>` for each. */
  targets: string[];
  /** The config layers, for the form's checks; absent when a config file failed to load. */
  layers?: Awaited<ReturnType<typeof configLayers>>['layers'];
  /** Why the config files could not be read (one line, as the CLI says it). */
  configError?: string;
}

/** The services under `<root>/services`, each with its workflow files. */
export async function listProject(root: string): Promise<ServiceSummary[]> {
  const services = await listServices(root);
  return Promise.all(services.map(async (name) => ({ name, workflows: await workflowFileNames(path.join(root, 'services', name)) })));
}

/**
 * One service, or undefined when `name` is not one of the services the root lists: the name
 * comes from a URL and is only ever compared with that list, never joined to a path first.
 */
export async function serviceView(root: string, name: string): Promise<ServiceView | undefined> {
  const summary = (await listProject(root)).find((s) => s.name === name);
  if (!summary) return undefined;
  const serviceDir = path.join(root, 'services', summary.name);
  const files = [configFileIn(root), configFileIn(serviceDir)].filter((f): f is string => f !== undefined);
  const configFiles = await Promise.all(files.map(async (file) => ({ file: path.relative(root, file), text: await readFile(file, 'utf8') })));
  const view: ServiceView = { ...summary, configFiles, profiles: [], targets: [summary.name, ...summary.workflows.map((w) => `${summary.name}/${w}`)] };
  try {
    const { layers } = await configLayers(root, serviceDir);
    view.layers = layers;
    const profiles = new Map<string, LoadSettings>();
    for (const layer of layers) for (const [key, settings] of Object.entries((layer.config as HeavyConfig).profiles ?? {})) profiles.set(key, settings);
    view.profiles = [...profiles].map(([key, settings]) => ({ name: key, settings }));
  } catch (err) {
    if (!isConfigError(err)) throw err;
    view.configError = err.message;
  }
  return view;
}

const CONFIG_NAMES = ['heavy.config.ts', 'heavy.config.mts', 'heavy.config.js', 'heavy.config.mjs'];

/** The folder's config file, as @go-heavy/config looks for it. */
function configFileIn(dir: string): string | undefined {
  return CONFIG_NAMES.map((name) => path.join(dir, name)).find((file) => existsSync(file));
}
