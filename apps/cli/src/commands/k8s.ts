import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { stringify } from 'yaml';
import { buildRunPlan, ConfigError, releaseModuleLoader } from '@go-heavy/config';
import { cliVersion } from '../cli-version.js';
import { exitOnError } from '../exit.js';
import { toHttpFlags, withHttpOptions, type HttpArgs } from '../http-options.js';
import { toRunFlags, withLoadOptions, type LoadArgs } from '../load-options.js';
import { buildManifests, configMapKey, RESULTS_DIR, type K8sObject } from '../k8s/build-manifests.js';
import { collectTestFiles, type TestFile } from '../k8s/collect-test-files.js';
import { dnsLabel, imageRef, quantity, wholeNumber } from '../k8s/k8s-values.js';
import { segmentRunArgs } from '../k8s/segment-run-args.js';

export interface K8sArgs extends LoadArgs, HttpArgs {
  target: string;
  parallelism?: string;
  image?: string;
  namespace?: string;
  'test-id'?: string;
  'results-pvc'?: string;
  tests: 'configmap' | 'image';
  include?: string[];
  secret?: string;
  'cpu-request'?: string;
  'cpu-limit'?: string;
  'memory-request'?: string;
  'memory-limit'?: string;
  collector?: boolean;
  mix?: string;
  threshold?: string[];
}

/** A ConfigMap holds at most 1 MiB; the YAML around the files takes some of it. */
const CONFIG_MAP_BYTES = 1024 * 1024 - 16 * 1024;

/** Indexed Jobs allow up to 100 000 completions; a load test of more pods than that is a typo. */
const MAX_PARALLELISM = 1000;

/**
 * `go-heavy k8s <target> --parallelism N --results-pvc CLAIM [run flags]`: prints the Kubernetes
 * manifests of a run split into N segments, one pod each (an Indexed Job), with the tests in a
 * ConfigMap or baked into the image; `--collector` prints the Pod that lets `kubectl cp` fetch
 * the segments' results once the Job is done. Nothing is sent to a cluster: pipe it to kubectl.
 */
export const k8sCommand: CommandModule<object, K8sArgs> = {
  command: 'k8s <target>',
  describe: 'Print Kubernetes manifests that run a test as N segments (an Indexed Job), to pipe to kubectl apply',
  builder: (y) =>
    withHttpOptions(withLoadOptions(y))
      .positional('target', { type: 'string', demandOption: true, describe: '<service> or <service>/<workflow>' })
      .option('parallelism', { type: 'string', describe: 'Pods, each running one segment (--segment i/N) of the load', group: 'Kubernetes:' })
      .option('results-pvc', {
        type: 'string',
        describe: 'PersistentVolumeClaim the pods write their results to, under <test-id>/seg-<i>.json (ReadWriteMany when pods may land on several nodes)',
        group: 'Kubernetes:',
      })
      .option('test-id', { type: 'string', describe: 'Id of the test: names the objects and the results folder [default: <service>-<UTC time>]', group: 'Kubernetes:' })
      .option('image', { type: 'string', describe: `Image with go-heavy as its entrypoint [default: go-heavy:${cliVersion()}]`, group: 'Kubernetes:' })
      .option('namespace', { type: 'string', describe: 'Namespace of the objects (default: kubectl’s current one)', group: 'Kubernetes:' })
      .option('tests', {
        type: 'string',
        choices: ['configmap', 'image'],
        default: 'configmap',
        describe: 'Ship the test files in a ConfigMap, or use those baked into the image at /tests',
        group: 'Kubernetes:',
      })
      .option('include', { type: 'string', array: true, describe: 'Also ship this file or folder (data files outside the service folder); repeatable', group: 'Kubernetes:' })
      .option('secret', { type: 'string', describe: "A Secret whose keys become the pods' environment (BASE_URL, tokens): .env files are never shipped", group: 'Kubernetes:' })
      .option('cpu-request', { type: 'string', default: '1', describe: 'CPU each pod requests', group: 'Kubernetes:' })
      .option('memory-request', { type: 'string', default: '512Mi', describe: 'Memory each pod requests', group: 'Kubernetes:' })
      .option('cpu-limit', { type: 'string', describe: 'CPU limit of each pod (none by default: a throttled load generator measures itself)', group: 'Kubernetes:' })
      .option('memory-limit', { type: 'string', describe: 'Memory limit of each pod', group: 'Kubernetes:' })
      .option('collector', { type: 'boolean', describe: 'Print only the Pod that mounts the results claim, for kubectl cp (give the same --test-id)', group: 'Kubernetes:' })
      .option('mix', { type: 'string', describe: 'As for run: weights of the workflows sharing the load', group: 'Load:' })
      .option('threshold', { type: 'string', array: true, describe: 'As for run (repeatable); each segment judges its share, judge the whole on the merged results', group: 'Checks:' }) as never,
  handler: async (args) => {
    try {
      process.stdout.write(await k8sManifests(args, new Date()));
    } catch (err) {
      exitOnError(err);
    } finally {
      await releaseModuleLoader();
    }
  },
};

/** The YAML `k8s` prints: every flag checked, the target's plan built as `run` would build it. */
async function k8sManifests(args: K8sArgs, now: Date): Promise<string> {
  const collectorOnly = args.collector === true;
  // The collector only mounts the results: it needs no pod count.
  const parallelism = collectorOnly && args.parallelism === undefined ? 1 : wholeNumber('--parallelism', args.parallelism, MAX_PARALLELISM);
  if (args['results-pvc'] === undefined) {
    throw new ConfigError('--results-pvc: expected the name of a PersistentVolumeClaim for the segments to write their results to (ReadWriteMany when pods may land on several nodes)');
  }
  const resultsClaim = dnsLabel('--results-pvc', args['results-pvc'], 253);
  if (args.target.endsWith('.ts') || args.target.startsWith('.') || path.isAbsolute(args.target)) {
    throw new ConfigError(`k8s: expected <service> or <service>/<workflow> (the pods run it from their own copy of the project), got ${JSON.stringify(args.target)}`);
  }
  const image = imageRef('--image', args.image ?? `go-heavy:${cliVersion()}`);
  const namespace = args.namespace === undefined ? undefined : dnsLabel('--namespace', args.namespace);
  const requests = resourceMap({ cpu: [args['cpu-request'], '--cpu-request'], memory: [args['memory-request'], '--memory-request'] });
  const limits = resourceMap({ cpu: [args['cpu-limit'], '--cpu-limit'], memory: [args['memory-limit'], '--memory-limit'] });
  if (collectorOnly && args['test-id'] === undefined) throw new ConfigError("--collector: expected --test-id, the id the Job's pods wrote their results under");
  const givenTestId = args['test-id'] === undefined ? undefined : dnsLabel('--test-id', args['test-id'], 40);
  const secret = args.secret === undefined ? undefined : dnsLabel('--secret', args.secret, 253);
  const root = path.resolve(args.root);
  // The plan `run` would build: a bad flag, target or config stops here, not in every pod. A
  // BASE_URL that only the Secret gives is stood in for, so the check does not ask for it here.
  const env = args.secret !== undefined && process.env.BASE_URL === undefined ? { ...process.env, BASE_URL: 'http://base-url.from-secret.invalid' } : process.env;
  const built = await buildRunPlan({ root, target: args.target, flags: { ...toRunFlags(args), ...toHttpFlags(args), threshold: args.threshold, mix: args.mix }, processEnv: env });
  const service = built.plan.workflows[0]!.service;
  const testId = givenTestId ?? dnsLabel('--test-id', defaultTestId(service, now), 40);

  const include = [...(args.include ?? [])];
  const runArgs = { ...args };
  // A profile file goes with the tests, named from the project root as the pods see it.
  if (args.profile !== undefined && existsSync(args.profile) && statSync(args.profile).isFile()) {
    include.push(path.resolve(args.profile));
    runArgs.profile = path.relative(root, path.resolve(args.profile)).split(path.sep).join('/');
  }
  const files = args.tests === 'configmap' ? collectTestFiles(root, service, include) : [];
  if (args.tests === 'configmap') checkConfigMap(files);
  const spec = {
    target: args.target,
    testId,
    parallelism,
    image,
    namespace,
    resultsClaim,
    tests: args.tests,
    files,
    runArgs: segmentRunArgs(runArgs),
    secret,
    resources: { requests, limits },
  };
  const { configMap, job, collector } = buildManifests(spec);
  const objects: K8sObject[] = collectorOnly ? [collector] : [...(configMap ? [configMap] : []), job];
  return header(collectorOnly, testId, parallelism, namespace) + objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })).join('---\n');
}

/** `shop-20261130-101500`: the service and the UTC time, a valid Kubernetes name. */
function defaultTestId(service: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${
    service
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 24) || 'test'
  }-${stamp}`;
}

function resourceMap(entries: Record<string, [string | undefined, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, [value, flag]] of Object.entries(entries)) if (value !== undefined) out[key] = quantity(flag, value);
  return out;
}

/** Two files on one key, or more than a ConfigMap holds, are usage errors naming the way out. */
function checkConfigMap(files: readonly TestFile[]): void {
  const seen = new Map<string, string>();
  let bytes = 0;
  for (const f of files) {
    const key = configMapKey(f.path);
    const other = seen.get(key);
    if (other !== undefined) throw new ConfigError(`k8s: ${other} and ${f.path} map to the same ConfigMap key ${key}: rename one, or use --tests image`);
    seen.set(key, f.path);
    bytes += key.length + (f.text !== undefined ? Buffer.byteLength(f.text) : f.base64!.length);
  }
  if (bytes > CONFIG_MAP_BYTES) {
    throw new ConfigError(`k8s: the test files take ${Math.ceil(bytes / 1024)} KiB, more than a ConfigMap holds (1 MiB): bake them into an image (FROM go-heavy, COPY . /tests) and use --tests image`);
  }
}

/** Comment lines on top of the YAML: what it is and what to run next. */
function header(collector: boolean, testId: string, parallelism: number, namespace: string | undefined): string {
  const ns = namespace ? ` -n ${namespace}` : '';
  const lines = collector
    ? [
        `# go-heavy k8s --collector: a pod that mounts the results of test ${testId}; once it runs:`,
        `#   kubectl cp${ns} go-heavy-${testId}-collect:${RESULTS_DIR}/${testId} results/${testId}`,
        `#   go-heavy merge results/${testId}/seg-*.json --out results/${testId}/total.json`,
        `#   kubectl delete pod${ns} go-heavy-${testId}-collect`,
      ]
    : [
        `# go-heavy k8s: test ${testId} as an Indexed Job of ${parallelism} pods, pod i running segment i/${parallelism}.`,
        `#   kubectl apply -f <this file>; kubectl logs${ns} -f -l app.kubernetes.io/instance=${testId} --max-log-requests ${Math.max(parallelism, 5)}`,
        `#   then go-heavy k8s … --test-id ${testId} --collector | kubectl apply -f -   (see docs/ci-and-kubernetes.md)`,
      ];
  return `${lines.join('\n')}\n`;
}
