// The go-heavy image, built from the repository's Dockerfile and run, for real: buildah (Debian's
// package; no daemon, no overlay, no user namespaces needed) builds it on a stand-in for
// node:20-bookworm-slim made from this machine's Node (Docker Hub is out of reach here and in
// CI), npm ci and the packs inside the build as a user's `docker build` does them, then runs it
// as `docker run` would, tests mounted at /tests and results at /results, against a server on
// 127.0.0.1. Minutes long (npm ci and the whole build inside the image), so not part of
// `npm test`: `npm run test:image` (jest.image.config.cjs), which CI runs after it. Root only.
import { chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildNodeBase, containerStderr, createBuildah, imageConfig, imageSize, runImage, type Buildah } from './support/buildah.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const REPO = path.resolve(__dirname, '../../..');
const BASE = 'localhost/go-heavy-test-node:20';
const IMAGE = 'localhost/go-heavy:test';
const NODE_UID = 1000;
const OTHER_UID = 4321;
const MINUTE = 60_000;

/** A tests folder as a team keeps one: a root config, a service, a helper imported relatively. */
function writeTests(dir: string, owner: number): void {
  mkdirSync(path.join(dir, 'services/api'), { recursive: true });
  mkdirSync(path.join(dir, 'common'), { recursive: true });
  writeFileSync(path.join(dir, 'heavy.config.ts'), `import { defineConfig } from '@go-heavy/config';\nexport default defineConfig({ users: 2 });\n`);
  writeFileSync(path.join(dir, 'common/paths.ts'), `export const ECHO = '/echo';\n`);
  writeFileSync(
    path.join(dir, 'services/api/browse.ts'),
    [
      `import { workflow } from '@go-heavy/core';`,
      `import { ECHO } from '../../common/paths';`,
      `export default workflow({`,
      `  async run(ctx) {`,
      `    await ctx.http.get('/fast');`,
      `    await ctx.http.post(ECHO, { text: 'hello' });`,
      `  },`,
      `});`,
      ``,
    ].join('\n'),
  );
  chownTree(dir, owner);
}

function chownTree(dir: string, uid: number): void {
  chownSync(dir, uid, uid);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(file, uid);
    else chownSync(file, uid, uid);
  }
}

describe('the go-heavy image, built from the Dockerfile with buildah and run', () => {
  let buildah: Buildah;
  let target: Awaited<ReturnType<typeof startTarget>>;
  const work = mkdtempSync(path.join(tmpdir(), 'go-heavy-image-'));
  /** A tests folder and a results folder owned by `uid`, and how they are mounted. */
  const mounts = (name: string, uid: number) => {
    const tests = path.join(work, name);
    const results = path.join(work, `${name}-results`);
    writeTests(tests, uid);
    mkdirSync(results);
    chownSync(results, uid, uid);
    return { tests, results, volumes: { [tests]: '/tests', [results]: '/results' } };
  };
  const seconds: Record<string, number> = {};
  const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    try {
      return await step();
    } finally {
      seconds[name] = Math.round((performance.now() - start) / 100) / 10;
    }
  };

  beforeAll(async () => {
    if (process.getuid?.() !== 0) throw new Error('npm run test:image needs root: buildah builds with the vfs driver and runs with chroot isolation');
    buildah = createBuildah();
    target = await startTarget();
    await timed('base', () => buildNodeBase(buildah, BASE));
    await timed('build', () =>
      buildah.ok(['bud', '--isolation', 'chroot', '--pull=never', '--build-arg', `NODE_IMAGE=${BASE}`, '--tag', IMAGE, '--file', path.join(REPO, 'Dockerfile'), REPO], 30 * MINUTE),
    );
  }, 40 * MINUTE);

  afterAll(async () => {
    const size = buildah ? await imageSize(buildah, IMAGE).catch(() => '?') : '?';
    await target?.close();
    await buildah?.dispose();
    rmSync(work, { recursive: true, force: true });
    process.stderr.write(`image: base ${seconds.base ?? '-'} s, build ${seconds.build ?? '-'} s, run ${seconds.run ?? '-'} s; size ${size}\n`);
  }, 5 * MINUTE);

  it('is configured as the Dockerfile says: user node, /tests, go-heavy as entrypoint, /results, NODE_PATH', async () => {
    const config = await imageConfig(buildah, IMAGE);
    expect(config.User).toBe('node');
    expect(config.WorkingDir).toBe('/tests');
    expect(config.Entrypoint).toEqual(['go-heavy']);
    expect(Object.keys(config.Volumes ?? {})).toEqual(['/results']);
    expect(config.Env).toEqual(expect.arrayContaining(['NODE_ENV=production', 'NODE_PATH=/opt/go-heavy/node_modules']));
    const version = JSON.parse(readFileSync(path.join(REPO, 'apps/cli/package.json'), 'utf8')).version as string;
    const res = await runImage(buildah, IMAGE, ['--version']);
    expect(containerStderr(res)).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout.trim()).toBe(version);
  });

  it('runs a service mounted at /tests against a server on the host, writes /results; every request counted once', async () => {
    const { tests, results, volumes } = mounts('tests', NODE_UID);
    const before = target.stats.requests;
    const res = await timed('run', () =>
      runImage(buildah, IMAGE, ['run', 'api', '--iterations', '40', '--out', '/results/api.json'], {
        volumes,
        env: { BASE_URL: target.url },
      }),
    );
    expect(containerStderr(res)).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('api/browse');
    const file = path.join(results, 'api.json');
    // Written by the image's user, so a host that owns the folder as uid 1000 owns the file.
    expect(statSync(file).uid).toBe(NODE_UID);
    const result = readResults(file);
    expect(target.stats.requests - before).toBe(80);
    expect(result.summary.requests).toBe(80);
    expect(result.workflows.map((w) => [w.name, w.runs, w.succeeded])).toEqual([['api/browse', 40, 40]]);
    // The workflow was compiled where it is mounted, and the run recorded in its history there.
    expect(readdirSync(path.join(tests, '.go-heavy')).sort()).toEqual(['cache', 'history.ndjson']);
  });

  it("passes go-heavy's exit codes out: 99 for a failed threshold, 2 and one line for bad input", async () => {
    const tests = path.join(work, 'exit-codes');
    writeTests(tests, NODE_UID);
    const volumes = { [tests]: '/tests' };
    const env = { BASE_URL: target.url };
    const failed = await runImage(buildah, IMAGE, ['run', 'api', '--iterations', '3', '--quiet', '--threshold', 'api/browse runs > 1000'], { volumes, env });
    expect(failed.code).toBe(99);
    const bad = await runImage(buildah, IMAGE, ['run', 'api', '--users', '-1'], { volumes, env });
    expect(bad.code).toBe(2);
    expect(containerStderr(bad).trim().split('\n')).toEqual([expect.stringMatching(/^go-heavy: --users: .*got "-1"$/)]);
  });

  it('runs as the owner of the mounted folders, as `docker run --user "$(id -u):$(id -g)"` does', async () => {
    const { results, volumes } = mounts('other-user', OTHER_UID);
    const before = target.stats.requests;
    const res = await runImage(buildah, IMAGE, ['run', 'api', '--iterations', '5', '--quiet', '--out', '/results/api.json'], {
      volumes,
      env: { BASE_URL: target.url },
      user: `${OTHER_UID}:${OTHER_UID}`,
    });
    expect(containerStderr(res)).toBe('');
    expect(res.code).toBe(0);
    expect(statSync(path.join(results, 'api.json')).uid).toBe(OTHER_UID);
    expect(readResults(path.join(results, 'api.json')).summary.requests).toBe(10);
    expect(target.stats.requests - before).toBe(10);
  });
});
