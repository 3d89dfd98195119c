// `go-heavy k8s` through the built CLI: the manifests parse, every object validates against the
// Kubernetes API schema of its kind (kubernetes-models), the Indexed Job runs segment i of N with
// $(JOB_COMPLETION_INDEX) expanded as the kubelet does, and the ConfigMap holds every file the
// run needs: laid out as the init container copies it, the container's own arguments run the
// test against a real server.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { expandK8sVars, layOutConfigMap, parseManifests, podSpecOf, validateK8s, type K8sDoc } from './support/k8s.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const BROWSE = `import { workflow } from '@go-heavy/core';
import { home } from '../../common/paths';
export default workflow({ async run(ctx) { await ctx.http.get(home, { name: '/home' }); } });
`;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('go-heavy k8s', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({
    'heavy.config.ts': `export default { users: 1 };\n`,
    'services/blog/browse.ts': BROWSE,
    'services/blog/env.default': 'PAGE_SIZE=10\n',
    'services/blog/.env': 'API_TOKEN=never-shipped\n',
    'services/blog/terms.csv': 'term\nshoes\n',
    'common/paths.ts': `export { home } from './home';\n`,
    'common/home.ts': `export const home = '/fast';\n`,
    'common/unused.ts': `export const nothing = 1;\n`,
    'data/users.csv': 'user\nann\n',
    'data/more/ids.csv': 'id\n1\n',
  });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const k8s = (...args: string[]) => runCli(['k8s', 'blog', '--root', project.root, '--results-pvc', 'load-results', ...args], { env: { BASE_URL: target.url } });

  it('prints a ConfigMap and an Indexed Job that validate against the Kubernetes schemas', async () => {
    const res = await k8s(
      '--parallelism',
      '3',
      '--test-id',
      'nightly-7',
      '--namespace',
      'load',
      '--iterations',
      '6',
      '--threshold',
      'blog/browse p95 < 10s',
      '--cpu-limit',
      '2',
      '--secret',
      'blog-env',
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const docs = parseManifests(res.stdout);
    expect(docs.map((d) => `${d.apiVersion} ${d.kind} ${d.metadata.name}`)).toEqual(['v1 ConfigMap go-heavy-nightly-7-tests', 'batch/v1 Job go-heavy-nightly-7']);
    for (const doc of docs) {
      validateK8s(doc);
      expect(doc.metadata.name).toMatch(DNS_LABEL);
      expect(doc.metadata.namespace).toBe('load');
      expect(doc.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'go-heavy', 'app.kubernetes.io/instance': 'nightly-7' });
    }
    const [configMap, job] = docs as [K8sDoc & { data: Record<string, string> }, K8sDoc];
    // The service folder (no .env), the root's config, and what the workflow imports, followed.
    expect(Object.keys(configMap.data).sort()).toEqual([
      'common__home.ts',
      'common__paths.ts',
      'heavy.config.ts',
      'services__blog__browse.ts',
      'services__blog__env.default',
      'services__blog__terms.csv',
    ]);
    expect(job.spec).toMatchObject({ completionMode: 'Indexed', completions: 3, parallelism: 3, backoffLimitPerIndex: 0 });
    const pod = podSpecOf(job);
    expect(pod.restartPolicy).toBe('Never');
    const container = pod.containers[0];
    expect(container.args).toEqual([
      'run',
      'blog',
      '--segment',
      '$(JOB_COMPLETION_INDEX)/3',
      '--test-id',
      'nightly-7',
      '--out',
      '/results/nightly-7/seg-$(JOB_COMPLETION_INDEX).json',
      '--no-history',
      '--iterations',
      '6',
      '--threshold',
      'blog/browse p95 < 10s',
    ]);
    // The variable the args refer to is the container's own, from the Job's index annotation.
    expect(container.env).toEqual([{ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }]);
    expect(container.envFrom).toEqual([{ secretRef: { name: 'blog-env' } }]);
    expect(container.resources).toEqual({ requests: { cpu: '1', memory: '512Mi' }, limits: { cpu: '2' } });
    expect(container.image).toBe('go-heavy:0.1.0');
    expect(pod.volumes.find((v: { name: string }) => v.name === 'results')).toEqual({ name: 'results', persistentVolumeClaim: { claimName: 'load-results' } });
    expect(pod.initContainers[0].command).toEqual(['sh', '-c', 'cp -rL /config/* /tests/']);
  });

  it('the ConfigMap laid out as the init container copies it runs the test with the container’s arguments', async () => {
    const res = await k8s('--parallelism', '2', '--test-id', 'local', '--iterations', '6', '--secret', 'blog-env');
    expect(res.code).toBe(0);
    const [configMap, job] = parseManifests(res.stdout) as [K8sDoc & { data: Record<string, string> }, K8sDoc];
    const pod = podSpecOf(job);
    const work = mkdtempSync(path.join(__dirname, '.tmp-k8s-'));
    try {
      // /tests inside the project's folder, so @go-heavy/core resolves as it does in the image.
      const tests = path.join(work, 'tests');
      layOutConfigMap(configMap, job, tests);
      const results = path.join(work, 'results');
      const container = pod.containers[0];
      const args = (container.args as string[])
        .map((a) => expandK8sVars(a, { JOB_COMPLETION_INDEX: '1' }))
        .map((a) => (a.startsWith('/results/') ? path.join(results, a.slice('/results/'.length)) : a));
      expect(args.slice(2, 8)).toEqual(['--segment', '1/2', '--test-id', 'local', '--out', path.join(results, 'local/seg-1.json')]);
      // --segment and --test-id come with the segments work (another branch): until then the
      // arguments run without them, every other one as the pod has it.
      const runnable = args.filter((_, i) => !['--segment', '--test-id'].includes(args[i]!) && !['--segment', '--test-id'].includes(args[i - 1]!));
      const before = target.stats.requests;
      const run = await runCli(runnable, { cwd: tests, env: { BASE_URL: target.url } });
      expect(run.stderr).not.toMatch(/unexpected error/);
      expect(run.code).toBe(0);
      const result = readResults(path.join(results, 'local/seg-1.json'));
      expect(result.workflows.map((w) => [w.name, w.runs])).toEqual([['blog/browse', 6]]);
      expect(target.stats.requests - before).toBe(6);
      expect(readdirSync(path.join(results, 'local'))).toEqual(['seg-1.json']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('--include, repeated, ships more files and folders; a profile file goes along, named from the root', async () => {
    const profile = path.join(project.root, 'profiles/smoke.yaml');
    mkdirSync(path.dirname(profile), { recursive: true });
    writeFileSync(profile, 'iterations: 2\n');
    const res = await k8s('--parallelism', '1', '--test-id', 'inc', '--include', 'data', '--include', 'common/unused.ts', '--profile', profile);
    expect(res.stderr).toBe('');
    const [configMap, job] = parseManifests(res.stdout) as [K8sDoc & { data: Record<string, string> }, K8sDoc];
    expect(Object.keys(configMap.data)).toEqual(expect.arrayContaining(['data__users.csv', 'data__more__ids.csv', 'common__unused.ts', 'profiles__smoke.yaml']));
    const args = podSpecOf(job).containers[0].args as string[];
    expect(args.slice(args.indexOf('--profile'), args.indexOf('--profile') + 2)).toEqual(['--profile', 'profiles/smoke.yaml']);
  });

  it('a $( in a run flag reaches the pod as typed, not expanded by Kubernetes', async () => {
    const res = await k8s('--parallelism', '1', '--test-id', 'dollar', '--threshold', 'blog/browse > $(weird) step p95 < 1s');
    // The threshold names a step that does not exist, which is fine: steps are found at run time.
    expect(res.code).toBe(0);
    const container = podSpecOf(parseManifests(res.stdout)[1]!).containers[0];
    const threshold = container.args[container.args.indexOf('--threshold') + 1] as string;
    expect(threshold).toBe('blog/browse > $$(weird) step p95 < 1s');
    expect(expandK8sVars(threshold, { weird: 'X', JOB_COMPLETION_INDEX: '0' })).toBe('blog/browse > $(weird) step p95 < 1s');
  });

  it('--tests image: no ConfigMap, no copy, the image’s /tests; --image and memory flags', async () => {
    const res = await k8s('--parallelism', '4', '--test-id', 'baked', '--tests', 'image', '--image', 'registry.example.com/team/load:3', '--memory-limit', '1Gi');
    expect(res.code).toBe(0);
    const docs = parseManifests(res.stdout);
    expect(docs.map((d) => d.kind)).toEqual(['Job']);
    validateK8s(docs[0]!);
    const pod = podSpecOf(docs[0]!);
    expect(pod.initContainers).toBeUndefined();
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(['results']);
    expect(pod.containers[0].image).toBe('registry.example.com/team/load:3');
    expect(pod.containers[0].workingDir).toBe('/tests');
    expect(pod.containers[0].resources.limits).toEqual({ memory: '1Gi' });
  });

  it('--collector prints the pod that mounts the results for kubectl cp', async () => {
    const res = await k8s('--test-id', 'nightly-7', '--collector');
    expect(res.code).toBe(0);
    const docs = parseManifests(res.stdout);
    expect(docs.map((d) => `${d.kind} ${d.metadata.name}`)).toEqual(['Pod go-heavy-nightly-7-collect']);
    validateK8s(docs[0]!);
    expect(res.stdout).toContain('kubectl cp go-heavy-nightly-7-collect:/results/nightly-7 results/nightly-7');
    expect(podSpecOf(docs[0]!).volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: 'load-results' } }]);
  });

  it('the default test id is the service and the time, a valid name', async () => {
    const res = await k8s('--parallelism', '1');
    expect(res.code).toBe(0);
    const job = parseManifests(res.stdout)[1]!;
    expect(job.metadata.name).toMatch(/^go-heavy-blog-\d{8}-\d{6}$/);
  });

  it('the schema validation is not a rubber stamp: a Job with a string count is refused', () => {
    const job: K8sDoc = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' }, spec: { completions: '3', template: { spec: { containers: [{ name: 'c', image: 'i' }] } } } };
    expect(() => validateK8s(job)).toThrow(/completions must be integer/);
  });
});

describe('the ConfigMap of a project whose import leaves the root', () => {
  it('is refused in one line, exit 2', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'go-heavy-outside-'));
    writeFileSync(path.join(outside, 'x.ts'), 'export const x = 1;\n');
    const project = makeProject({
      // Relative, up past the file system's root (where `..` stays), then down to the folder.
      'services/api/ok.ts': `import { workflow } from '@go-heavy/core';\nimport { x } from '${'../'.repeat(40)}${path.relative('/', outside)}/x';\nexport default workflow({ async run(ctx) { await ctx.http.get('/' + x); } });\n`,
      'services/api/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    });
    try {
      const res = await runCli(['k8s', 'api', '--root', project.root, '--parallelism', '2', '--results-pvc', 'r']);
      expect(res.code).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(res.stderr).toMatch(/^go-heavy: services\/api\/ok\.ts imports \S+: \S+x\.ts is outside the project root /);
    } finally {
      project.remove();
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
