import type { TestFile } from './collect-test-files.js';
import { literalArg } from './k8s-values.js';

/** Where the pods keep things: tests copied or baked in, and results. */
const TESTS_DIR = '/tests';
export const RESULTS_DIR = '/results';
const CONFIG_DIR = '/config';

/** What {@link buildManifests} makes the manifests of; every value already checked. */
export interface K8sSpec {
  /** `<service>` or `<service>/<workflow>`, as `go-heavy run` takes it. */
  target: string;
  /** The id of the whole test: names the objects, labels them, and is each segment's `--test-id`. */
  testId: string;
  parallelism: number;
  image: string;
  namespace?: string;
  /** The claim the segments write their results to, under `<RESULTS_DIR>/<testId>/`. */
  resultsClaim: string;
  /** `configmap`: the files below go in a ConfigMap; `image`: the image holds them at /tests. */
  tests: 'configmap' | 'image';
  files: readonly TestFile[];
  /** `go-heavy run` flags as typed (load, thresholds, http…), passed on to every segment. */
  runArgs: readonly string[];
  /** A Secret whose keys become the pods' environment (BASE_URL, tokens). */
  secret?: string;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
}

/** A Kubernetes object as plain data, ready for YAML. */
export type K8sObject = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels: Record<string, string> } } & Record<string, unknown>;

/** The index Kubernetes gives each pod of an Indexed Job, as an annotation and as this variable. */
const INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';

/**
 * The manifests of a distributed run: a ConfigMap of the test files (unless they are baked into
 * the image) and an Indexed Job of `parallelism` pods, pod i running
 * `go-heavy run <target> --segment i/N --test-id <id> --out /results/<id>/seg-i.json`, each index
 * run once (`backoffLimitPerIndex: 0`: a segment that fails, thresholds included, is not re-run
 * and does not stop the others). Then a Pod that mounts the results claim and waits, for
 * `kubectl cp` to fetch the segments once the Job is done.
 */
export function buildManifests(spec: K8sSpec): { configMap?: K8sObject; job: K8sObject; collector: K8sObject } {
  const name = `go-heavy-${spec.testId}`;
  const labels = { 'app.kubernetes.io/name': 'go-heavy', 'app.kubernetes.io/instance': spec.testId };
  const metadata = (objectName: string) => ({ name: objectName, ...(spec.namespace ? { namespace: spec.namespace } : {}), labels });
  const withConfigMap = spec.tests === 'configmap';
  const configMap = withConfigMap ? configMapOf(spec, metadata(`${name}-tests`)) : undefined;
  const index = `$(${INDEX_VARIABLE})`;
  const args = [
    'run',
    literalArg(spec.target),
    '--segment',
    `${index}/${spec.parallelism}`,
    '--test-id',
    spec.testId,
    '--out',
    `${RESULTS_DIR}/${spec.testId}/seg-${index}.json`,
    '--no-history',
    ...spec.runArgs.map(literalArg),
  ];
  const resources = {
    ...(Object.keys(spec.resources.requests).length > 0 ? { requests: spec.resources.requests } : {}),
    ...(Object.keys(spec.resources.limits).length > 0 ? { limits: spec.resources.limits } : {}),
  };
  const securityContext = { runAsNonRoot: true, runAsUser: 1000, runAsGroup: 1000, allowPrivilegeEscalation: false };
  const job: K8sObject = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(name),
    spec: {
      completionMode: 'Indexed',
      completions: spec.parallelism,
      parallelism: spec.parallelism,
      backoffLimitPerIndex: 0,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: { fsGroup: 1000 },
          ...(withConfigMap
            ? {
                // A ConfigMap volume is read-only, and go-heavy compiles the workflows into
                // <root>/.go-heavy/cache: the files are copied into a writable folder first.
                initContainers: [
                  {
                    name: 'tests',
                    image: spec.image,
                    command: ['sh', '-c', `cp -rL ${CONFIG_DIR}/* ${TESTS_DIR}/`],
                    securityContext,
                    volumeMounts: [
                      { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
                      { name: 'tests', mountPath: TESTS_DIR },
                    ],
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: 'go-heavy',
              image: spec.image,
              workingDir: TESTS_DIR,
              args,
              // Set by the Job controller too; declared so that $(JOB_COMPLETION_INDEX) in args is
              // expanded (Kubernetes expands only variables of the container's own env).
              env: [{ name: INDEX_VARIABLE, valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
              ...(spec.secret ? { envFrom: [{ secretRef: { name: spec.secret } }] } : {}),
              ...(Object.keys(resources).length > 0 ? { resources } : {}),
              securityContext,
              volumeMounts: [...(withConfigMap ? [{ name: 'tests', mountPath: TESTS_DIR }] : []), { name: 'results', mountPath: RESULTS_DIR }],
            },
          ],
          volumes: [
            ...(withConfigMap
              ? [
                  { name: 'config', configMap: { name: configMap!.metadata.name, items: spec.files.map((f) => ({ key: configMapKey(f.path), path: f.path })) } },
                  { name: 'tests', emptyDir: {} },
                ]
              : []),
            { name: 'results', persistentVolumeClaim: { claimName: spec.resultsClaim } },
          ],
        },
      },
    },
  };
  const collector: K8sObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(`${name}-collect`),
    spec: {
      restartPolicy: 'Never',
      securityContext: { fsGroup: 1000 },
      containers: [
        {
          name: 'collect',
          image: spec.image,
          // Waits (an hour at most) for `kubectl cp` to fetch the results; then it ends by itself.
          command: ['sleep', '3600'],
          securityContext,
          volumeMounts: [{ name: 'results', mountPath: RESULTS_DIR, readOnly: true }],
        },
      ],
      volumes: [{ name: 'results', persistentVolumeClaim: { claimName: spec.resultsClaim } }],
    },
  };
  return { ...(configMap ? { configMap } : {}), job, collector };
}

/** A ConfigMap key for a file: keys allow letters, digits, `-`, `_` and `.`, so `/` becomes `__`. */
export function configMapKey(file: string): string {
  return file.replace(/\//g, '__').replace(/[^-._a-zA-Z0-9]/g, '_');
}

function configMapOf(spec: K8sSpec, metadata: K8sObject['metadata']): K8sObject {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const f of spec.files) {
    if (f.text !== undefined) data[configMapKey(f.path)] = f.text;
    else binaryData[configMapKey(f.path)] = f.base64!;
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data, ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}) };
}
