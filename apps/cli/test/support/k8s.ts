import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

/** A Kubernetes object as `go-heavy k8s` prints it. */
export interface K8sDoc {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [key: string]: unknown;
}

/** The documents of a multi-document YAML stream, each parsed; a YAML error throws. */
export function parseManifests(text: string): K8sDoc[] {
  return parseAllDocuments(text).map((doc) => {
    if (doc.errors.length > 0) throw new Error(doc.errors.map((e) => e.message).join('\n'));
    return doc.toJS() as K8sDoc;
  });
}

/**
 * Validates an object against the Kubernetes API schema of its kind, with kubernetes-models (its
 * generated validators of the OpenAPI schemas); throws saying what is wrong.
 */
export function validateK8s(doc: K8sDoc): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const models = { v1: require('kubernetes-models/v1'), 'batch/v1': require('kubernetes-models/batch/v1') } as Record<string, Record<string, new (o: unknown) => { validate(): void }>>;
  const Model = models[doc.apiVersion]?.[doc.kind];
  if (!Model) throw new Error(`no model for ${doc.apiVersion} ${doc.kind}`);
  new Model(doc).validate();
}

/**
 * `$(NAME)` references in a container's command or args expanded as the kubelet does: from the
 * container's env, `$$` an escaped `$`, a reference to an unknown variable left as written.
 */
export function expandK8sVars(arg: string, env: Record<string, string>): string {
  return arg.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$';
    return name !== undefined && name in env ? env[name]! : match;
  });
}

/** The pod spec of a Job's template, or of a Pod. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read deep into manifests whose shape they assert
export function podSpecOf(doc: K8sDoc): Record<string, any> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  const spec = doc.spec as Record<string, any>;
  return doc.kind === 'Job' ? spec.template.spec : spec;
}

/**
 * Writes the tests of `go-heavy k8s`'s ConfigMap into `dir` as the Job's init container copies
 * them to /tests: each item of the pod's `config` volume at its path.
 */
export function layOutConfigMap(configMap: K8sDoc & { data: Record<string, string> }, job: K8sDoc, dir: string): void {
  const items = (podSpecOf(job).volumes as Array<{ name: string; configMap?: { items: Array<{ key: string; path: string }> } }>).find((v) => v.name === 'config')!.configMap!.items;
  for (const item of items) {
    mkdirSync(path.dirname(path.join(dir, item.path)), { recursive: true });
    writeFileSync(path.join(dir, item.path), configMap.data[item.key]!);
  }
}
