import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { buildRunPlan, ConfigError } from '@go-heavy/config';
import type { K8sArgs } from '../commands/k8s.js';
import { cliVersion } from '../cli-version.js';
import { toHttpFlags } from '../http-options.js';
import { toRunFlags } from '../load-options.js';
import { buildManifests, configMapKey, RESULTS_DIR, type K8sObject } from './build-manifests.js';
import { collectTestFiles, type TestFile } from './collect-test-files.js';
import { dnsLabel, imageRef, quantity, wholeNumber } from './k8s-values.js';
import { segmentRunArgs } from './segment-run-args.js';

/** A ConfigMap holds at most 1 MiB; the YAML around the files takes some of it. */
const CONFIG_MAP_BYTES = 1024 * 1024 - 16 * 1024;

/** Indexed Jobs allow up to 100 000 completions; a load test of more pods than that is a typo. */
const MAX_PARALLELISM = 1000;

/** The YAML `k8s` prints: every flag checked, the target's plan built as `run` would build it. */
export async function k8sManifests(args: K8sArgs, now: Date): Promise<string> {
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
