// The Indexed Job contract, without a cluster: the Job `go-heavy k8s` prints is read back, and
// each of its N pods is played by a local process of the built CLI, started as the kubelet would
// start it: the container's args with $(JOB_COMPLETION_INDEX) expanded from the env the Job
// controller gives pod i, the working folder the ConfigMap laid out as the init container copies
// it, /results a local folder. Then `go-heavy merge` adds the segments up: every iteration of the
// whole test ran exactly once, in exactly one segment, and the server saw every request counted.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { expandK8sVars, layOutConfigMap, parseManifests, podSpecOf, type K8sDoc } from './support/k8s.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const N = 3;
const ITERATIONS = 30;

describe('the Indexed Job of go-heavy k8s, its pods played by local processes', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  const project = makeProject({
    'services/blog/browse.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast', { name: '/home' }); } });\n`,
  });
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });

  it(`N=${N} segments of ${ITERATIONS} iterations merge into the whole test, each request counted once`, async () => {
    const res = await runCli(
      [
        'k8s',
        'blog',
        '--root',
        project.root,
        '--parallelism',
        String(N),
        '--results-pvc',
        'r',
        '--test-id',
        'contract',
        '--users',
        String(N),
        '--iterations',
        String(ITERATIONS),
        '--warmup',
        '0s',
        '--secret',
        'blog-env',
      ],
      {
        env: { BASE_URL: target.url },
      },
    );
    expect(res.code).toBe(0);
    const [configMap, job] = parseManifests(res.stdout) as [K8sDoc & { data: Record<string, string> }, K8sDoc];
    const pod = podSpecOf(job);
    const container = pod.containers[0];
    const work = mkdtempSync(path.join(__dirname, '.tmp-k8s-contract-'));
    try {
      const tests = path.join(work, 'tests');
      layOutConfigMap(configMap, job, tests);
      const results = path.join(work, 'results');
      const before = target.stats.requests;
      // The pods run at once, as parallelism: N asks.
      const pods = await Promise.all(
        Array.from({ length: N }, (_, i) => {
          const env = { JOB_COMPLETION_INDEX: String(i) };
          const args = (container.args as string[]).map((a) => expandK8sVars(a, env)).map((a) => (a.startsWith('/results/') ? path.join(results, a.slice('/results/'.length)) : a));
          return runCli(args, { cwd: tests, env: { ...env, BASE_URL: target.url } });
        }),
      );
      for (const p of pods) expect(p.code).toBe(0);
      expect(readdirSync(path.join(results, 'contract')).sort()).toEqual(Array.from({ length: N }, (_, i) => `seg-${i}.json`));
      const segments = Array.from({ length: N }, (_, i) => readResults(path.join(results, 'contract', `seg-${i}.json`)));
      // Each segment ran a share of the iterations; together, all of them, once.
      const shares = segments.map((s) => s.workflows[0]!.runs);
      expect(shares.every((n) => n > 0)).toBe(true);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(ITERATIONS);
      for (const s of segments) expect(s.testId).toBe('contract');

      const total = path.join(results, 'contract', 'total.json');
      const merge = await runCli(['merge', ...segments.map((_, i) => path.join(results, 'contract', `seg-${i}.json`)), '--out', total]);
      expect(merge.code).toBe(0);
      const merged = readResults(total);
      expect(merged.workflows[0]!.runs).toBe(ITERATIONS);
      expect(merged.summary.requests).toBe(ITERATIONS);
      expect(target.stats.requests - before).toBe(ITERATIONS);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
