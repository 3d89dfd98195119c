import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';
import type { CommandModule } from 'yargs';
import { cliVersion } from '../cli-version.js';
import { exitOnError } from '../exit.js';
import { makeFolders, statIfAny } from '../make-folders.js';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../scaffold/base-url.js';
import { COMMON_CHECKS_FILE, commonChecksSource } from '../scaffold/common-checks-template.js';
import { FilePlan } from '../scaffold/file-plan.js';
import { GITIGNORE_ENTRIES, mergeGitignore } from '../scaffold/gitignore-merge.js';
import { checkName } from '../scaffold/names.js';
import { mergePackageJson } from '../scaffold/package-json-merge.js';
import { goHeavyDependencies, packageJsonSource } from '../scaffold/package-json-template.js';
import { planService } from '../scaffold/service-files.js';
import { tsconfigSource } from '../scaffold/tsconfig-template.js';
import { thinkTimeSource, UTILS_THINK_TIME_FILE } from '../scaffold/utils-think-time-template.js';

export interface InitArgs {
  dir: string;
  service?: string;
  'base-url'?: string;
  force: boolean;
}

/** The service `init` writes when `--service` is not given. */
const DEFAULT_SERVICE = 'api';

/**
 * `go-heavy init [dir]`: lays out a load-test project (services/, common/, utils/, a first
 * service, tsconfig.json, package.json, .gitignore) in an empty or existing folder. What exists is
 * kept unless --force; package.json and .gitignore are only ever added to.
 */
export const initCommand: CommandModule<object, InitArgs> = {
  command: 'init [dir]',
  describe: 'Set up a load-test project: services/, common/, utils/, a first service with a sample workflow, package.json, tsconfig.json, .gitignore',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', default: '.', describe: 'The folder to set up (created when missing)' })
      .option('service', { type: 'string', describe: `Name of the first service [default: ${DEFAULT_SERVICE}, unless services/ already holds one]` })
      .option('base-url', { type: 'string', describe: `BASE_URL of the first service, in its env.default [default: ${DEFAULT_BASE_URL}]` })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite the files init writes when they exist with other content (package.json and .gitignore are only added to)' })
      .example('$0 init', 'Set up the current folder, with the service api')
      .example('$0 init load-tests --service shop --base-url http://localhost:8080', 'Set up ./load-tests with the service shop') as never,
  handler: (args) => {
    try {
      const plan = planInit(args);
      try {
        makeFolders(plan.root);
      } catch (err) {
        // Its message says what is in the way (`cannot create the folder /proc/x: …`).
        throw new ConfigError(`init ${args.dir}: ${(err as Error).message}`);
      }
      plan.apply();
      process.stdout.write(`${initReport(plan, args.dir)}\n`);
    } catch (err) {
      exitOnError(err);
    }
  },
};

/** Decides every file `init` writes, adds to or keeps; throws a ConfigError for bad input before anything is written. */
function planInit(args: InitArgs): FilePlan {
  if (args.dir === '') throw new ConfigError('init: expected a folder to set up, got ""');
  const root = path.resolve(args.dir);
  const info = statIfAny(root);
  if (info && !info.isDirectory()) throw new ConfigError(`init ${args.dir}: is a file: expected a folder to set up (created when missing)`);
  const service = args.service === undefined ? undefined : checkName('--service', args.service);
  const baseUrl = checkBaseUrl(args['base-url']);
  const plan = new FilePlan(root, args.force);
  const version = cliVersion();

  const pkg = plan.read('package.json');
  if (pkg === undefined) plan.template('package.json', packageJsonSource(path.basename(root), version));
  else {
    const merged = mergePackageJson(pkg, goHeavyDependencies(version), plan.display('package.json'));
    if (merged.added.length > 0) plan.add('package.json', merged.text, `${merged.added.join(', ')} to package.json (devDependencies)`);
    if (merged.kept.length > 0) plan.keep('package.json', `already lists ${merged.kept.join(', ')}`);
  }
  const ignore = mergeGitignore(plan.read('.gitignore'));
  if (ignore.added.length === 0) plan.keep('.gitignore', `already ignores ${GITIGNORE_ENTRIES.join(', ')}`);
  else if (plan.read('.gitignore') === undefined) plan.template('.gitignore', ignore.text);
  else plan.add('.gitignore', ignore.text, `${ignore.added.join(', ')} to .gitignore`);
  plan.template('tsconfig.json', tsconfigSource());
  plan.template(COMMON_CHECKS_FILE, commonChecksSource());
  plan.template(UTILS_THINK_TIME_FILE, thinkTimeSource());

  const existing = servicesIn(root);
  if (service === undefined && existing.length > 0 && !existing.includes(DEFAULT_SERVICE)) {
    plan.keep('services/', `holds ${existing.join(', ')} already: no sample service added (--service NAME adds one)`);
  } else {
    const name = service ?? DEFAULT_SERVICE;
    if (existing.includes(name) && !args.force) plan.keep(`services/${name}/`, 'the service exists: kept as it is, no file added to it (--force writes its files anew)');
    else planService(plan, name, baseUrl);
  }
  return plan;
}

/** The service folders under `<root>/services`, if any. */
function servicesIn(root: string): string[] {
  const dir = path.join(root, 'services');
  if (!statIfAny(dir)?.isDirectory()) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
}

/** What was done, then the commands that run the first load test. */
function initReport(plan: FilePlan, dir: string): string {
  const services = servicesIn(plan.root);
  const written = plan.steps.find((s) => s.kind !== 'keep' && /^services\/[^/]+\//.test(s.file));
  const first = written ? written.file.split('/')[1]! : (services[0] ?? DEFAULT_SERVICE);
  const cd = path.resolve(dir) === process.cwd() ? [] : [`  cd ${path.relative(process.cwd(), plan.root) || dir}`];
  return [`go-heavy init: ${plan.root}`, ...plan.report(), '', 'Next:', ...cd, '  npm install', `  npx go-heavy run ${first}      # BASE_URL is in services/${first}/env.default`].join('\n');
}
