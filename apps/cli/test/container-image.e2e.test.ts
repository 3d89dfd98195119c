// The Dockerfile, checked in seconds within `npm test`: its stages and final settings, that what
// it packs is every published package, that what it copies is not ignored, and the one design
// choice that could silently break, tests outside the CLI's install finding @go-heavy/* through
// NODE_PATH, run for real with the built CLI against a real server. The image itself is built and
// run with buildah by container-image.image-test.ts (`npm run test:image`, minutes long).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { startTarget } from './support/target.js';

const REPO = path.resolve(__dirname, '../../..');

interface Instruction {
  op: string;
  args: string;
}

/**
 * The Dockerfile's instructions, per stage: continuation lines joined, comments dropped. The
 * global arguments, those before the first FROM, come first as a stage of their own.
 */
function stages(text: string): Instruction[][] {
  const joined = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const out: Instruction[][] = [[]];
  for (const line of joined.split('\n')) {
    const m = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    if (m[1] === 'FROM') out.push([]);
    out.at(-1)!.push({ op: m[1]!, args: m[2]!.replace(/\s+/g, ' ').trim() });
  }
  return out;
}

describe('the Dockerfile', () => {
  const dockerfile = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8');
  const [global, build, final] = stages(dockerfile) as [Instruction[], Instruction[], Instruction[]];
  const args = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);

  it('has a build stage and a slim Node 20 run stage: non-root, /tests, go-heavy as entrypoint, /results', () => {
    expect(stages(dockerfile)).toHaveLength(3);
    // Both stages on one base, the official image unless the build names another
    // (container-image.image-test.ts builds on a stand-in made from the host's Node).
    expect(global).toEqual([{ op: 'ARG', args: 'NODE_IMAGE=node:20-bookworm-slim' }]);
    expect(args(build, 'FROM')).toEqual(['${NODE_IMAGE} AS build']);
    expect(args(final, 'FROM')).toEqual(['${NODE_IMAGE}']);
    // `node` is uid 1000 in the official Node images: the uid go-heavy k8s's pods run as.
    expect(args(final, 'USER')).toEqual(['node']);
    expect(args(final, 'WORKDIR')).toEqual(['/tests']);
    expect(JSON.parse(args(final, 'ENTRYPOINT')[0]!)).toEqual(['go-heavy']);
    expect(JSON.parse(args(final, 'VOLUME')[0]!)).toEqual(['/results']);
    expect(args(final, 'RUN').join(' ')).toMatch(/mkdir -p \/tests \/results && chown node:node \/tests \/results/);
    expect(args(final, 'ENV').join(' ')).toMatch(/NODE_PATH=\/opt\/go-heavy\/node_modules/);
    // The entrypoint's name is the CLI package's bin, linked onto the PATH.
    expect(Object.keys(JSON.parse(readFileSync(path.join(REPO, 'apps/cli/package.json'), 'utf8')).bin)).toEqual(['go-heavy']);
    expect(args(final, 'RUN').join(' ')).toContain('ln -s /opt/go-heavy/node_modules/.bin/go-heavy /usr/local/bin/go-heavy');
    // The run stage takes only the packed packages from the build stage.
    expect(args(final, 'COPY')).toEqual(['--from=build /packs /tmp/packs']);
  });

  it('packs exactly the published packages, the libraries under packages/ and the CLI', () => {
    const run = args(build, 'RUN').join(' ');
    const selectors = [...run.matchAll(/--workspace=(\S+)/g)].map((m) => m[1]!);
    expect(run).toMatch(/npm ci /);
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', ...selectors.map((s) => `--workspace=${s}`)], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    ) as Array<{ name: string }>;
    const published = [...readdirSync(path.join(REPO, 'packages')).map((dir) => JSON.parse(readFileSync(path.join(REPO, 'packages', dir, 'package.json'), 'utf8')).name as string), 'go-heavy'];
    expect(packed.map((p) => p.name).sort()).toEqual(published.sort());
  });

  it('copies the workspace but not what .dockerignore keeps out: installs, builds, results, secrets', () => {
    expect(args(build, 'COPY')).toEqual(['. .']);
    const ignored = readFileSync(path.join(REPO, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'));
    expect(ignored).toEqual(expect.arrayContaining(['.git', '**/node_modules', '**/dist', '**/.go-heavy', '.env', '**/.env']));
    // What the build needs is not ignored.
    for (const needed of ['package.json', 'package-lock.json', 'packages', 'apps', 'tools', 'nx.json', 'tsconfig.base.json', 'tsup.preset.ts']) {
      expect(ignored).not.toContain(needed);
    }
  });

  describe('the layout it gives: tests in /tests, the CLI and its packages elsewhere', () => {
    let target: Awaited<ReturnType<typeof startTarget>>;
    // Outside the repository, so no node_modules up the tree: only NODE_PATH can find @go-heavy/*.
    const tests = mkdtempSync(path.join(tmpdir(), 'go-heavy-image-tests-'));
    beforeAll(async () => {
      target = await startTarget();
      mkdirSync(path.join(tests, 'services/api'), { recursive: true });
      writeFileSync(path.join(tests, 'heavy.config.ts'), `import { defineConfig } from '@go-heavy/config';\nexport default defineConfig({ users: 1 });\n`);
      writeFileSync(path.join(tests, 'services/api/ok.ts'), `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/fast'); } });\n`);
    });
    afterAll(async () => {
      await target.close();
      rmSync(tests, { recursive: true, force: true });
    });
    const run = (env: Record<string, string>) =>
      runCli(['run', 'api/ok', '--iterations', '3', '--quiet', '--no-history', '--out', 'out/r.json'], { cwd: tests, env: { BASE_URL: target.url, NODE_PATH: '', ...env } });

    it('with the NODE_PATH the image sets, workflows and config import @go-heavy/* and run', async () => {
      const before = target.stats.requests;
      const res = await run({ NODE_PATH: path.join(REPO, 'node_modules') });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      expect(target.stats.requests - before).toBe(3);
    });

    it('without it they cannot: the ENV line is what makes mounted tests work', async () => {
      const res = await run({});
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(/Cannot find module '@go-heavy\/(config|core)'/);
    });
  });
});
