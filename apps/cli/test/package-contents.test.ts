import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const ROOT_LICENSE = readFileSync(path.join(REPO, 'LICENSE'), 'utf8');

interface Manifest {
  name: string;
  private?: boolean;
  license?: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: unknown;
  dependencies?: Record<string, string>;
}

/** Every published workspace: the libraries under packages/ and the CLI (not tools/ or bench/). */
const PUBLISHED = [...readdirSync(path.join(REPO, 'packages')).map((dir) => `packages/${dir}`), 'apps/cli'].map((dir) => ({
  dir,
  manifest: JSON.parse(readFileSync(path.join(REPO, dir, 'package.json'), 'utf8')) as Manifest,
}));

/** Files a package may ship besides package.json, README.md and LICENSE. */
const SHIPPED = /^dist\/[^/]+\.(c?js|d\.c?ts|c?js\.map)$/;
/**
 * core also ships the results JSON Schema, which its `exports` name; the CLI its committed bin
 * launcher, which must exist before dist/ is built so that npm links it at install time.
 */
const EXTRA: Record<string, readonly string[]> = { '@go-heavy/core': ['schema/results.schema.json'], 'go-heavy': ['bin/go-heavy.js'] };

/** The files `main`, `module`, `types`, `bin` and `exports` point at, without the leading `./`. */
function entryPoints(m: Manifest): string[] {
  const out = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') out.add(value.replace(/^\.\//, ''));
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk([m.main, m.module, m.types, m.bin, m.exports]);
  return [...out];
}

describe('published packages', () => {
  // One `npm pack --dry-run` for all of them: the file lists npm would publish (after a build).
  const packed = new Map<string, string[]>(
    (
      JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--loglevel=error', ...PUBLISHED.flatMap((p) => ['-w', p.manifest.name])], { cwd: REPO, encoding: 'utf8' })) as Array<{
        name: string;
        files: Array<{ path: string }>;
      }>
    ).map((p) => [p.name, p.files.map((f) => f.path).sort()]),
  );

  it('are the ten libraries and the CLI, none of them private', () => {
    expect(PUBLISHED.map((p) => p.manifest.name).sort()).toEqual([
      '@go-heavy/config',
      '@go-heavy/core',
      '@go-heavy/diff',
      '@go-heavy/history',
      '@go-heavy/http-client',
      '@go-heavy/metrics',
      '@go-heavy/notifications-redis',
      '@go-heavy/openapi',
      '@go-heavy/prometheus',
      '@go-heavy/reporter',
      'go-heavy',
    ]);
    expect(PUBLISHED.filter((p) => p.manifest.private === true)).toEqual([]);
  });

  it.each(PUBLISHED.map((p) => [p.manifest.name, p] as const))('%s ships only dist/, README.md, LICENSE and package.json', (name, { manifest }) => {
    const files = packed.get(name)!;
    expect(files).toBeDefined();
    const extra = EXTRA[name] ?? [];
    const stray = files.filter((f) => !['package.json', 'README.md', 'LICENSE', ...extra].includes(f) && !SHIPPED.test(f));
    expect(stray).toEqual([]);
    for (const required of ['package.json', 'README.md', 'LICENSE', ...extra, ...entryPoints(manifest)]) expect(files).toContain(required);
  });

  it.each(PUBLISHED.map((p) => [p.manifest.name, p] as const))('%s says MIT and carries the MIT licence text', (_name, { dir, manifest }) => {
    expect(manifest.license).toBe('MIT');
    expect(readFileSync(path.join(REPO, dir, 'LICENSE'), 'utf8')).toBe(ROOT_LICENSE);
  });

  it('the repository has the licence and a code of conduct, linked from the README and CONTRIBUTING', () => {
    expect(ROOT_LICENSE).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the go-heavy authors\n/);
    expect(readFileSync(path.join(REPO, 'CODE_OF_CONDUCT.md'), 'utf8')).toContain('conduct@go-heavy.dev');
    for (const doc of ['README.md', 'CONTRIBUTING.md']) {
      const text = readFileSync(path.join(REPO, doc), 'utf8');
      expect(text).toContain('(CODE_OF_CONDUCT.md)');
      expect(text).toContain('(LICENSE)');
    }
  });
});

describe('what installing go-heavy runs', () => {
  interface LockEntry {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
    hasInstallScript?: boolean;
    link?: boolean;
    resolved?: string;
  }
  const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

  /** Where `name` required from the lock entry at `from` resolves: node_modules up the folders. */
  function resolve(from: string, name: string): string | undefined {
    for (let dir = from; ; dir = dir.includes('/node_modules/') ? dir.slice(0, dir.lastIndexOf('/node_modules/')) : '') {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (lock.packages[candidate] !== undefined) return candidate;
      if (dir === '') return undefined;
    }
  }

  it('no dependency of a published package builds native code or runs an install script, except esbuild checking its prebuilt binary', () => {
    const seen = new Set<string>();
    const queue = PUBLISHED.map((p) => p.dir);
    // Bounded: each lock entry is visited once.
    while (queue.length > 0) {
      const at = queue.pop()!;
      if (seen.has(at)) continue;
      seen.add(at);
      const entry = lock.packages[at]!;
      if (entry.link === true && entry.resolved !== undefined) {
        queue.push(entry.resolved);
        continue;
      }
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        const found = resolve(at, name);
        // An optional dependency for another platform is not in the lock's tree.
        if (found !== undefined) queue.push(found);
      }
    }
    const withScripts = [...seen].filter((p) => lock.packages[p]?.hasInstallScript === true).map((p) => p.slice(p.lastIndexOf('node_modules/') + 13));
    expect(withScripts).toEqual(['esbuild']);
    expect([...seen].some((p) => p.endsWith('node_modules/undici'))).toBe(true);
    expect(existsSync(path.join(REPO, 'node_modules/better-sqlite3'))).toBe(false);
  });
});
