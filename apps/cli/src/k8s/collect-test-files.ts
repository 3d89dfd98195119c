import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '@go-heavy/config';

/** One file of the project, as the pods need it: its path under the root, and its content. */
export interface TestFile {
  /** Relative to the project root, with `/` separators (`services/shop/search.ts`). */
  path: string;
  /** The content when it is UTF-8 text. */
  text?: string;
  /** The content, base64, when it is not (a ConfigMap keeps such files in `binaryData`). */
  base64?: string;
}

/** What a pod needs besides the service folder: the root's config and default env. */
const ROOT_FILES = ['heavy.config.ts', 'heavy.config.js', 'heavy.config.mjs', 'env.default', 'package.json', 'tsconfig.json'];

/** Left out everywhere: secrets (`.env`, `.env.local`…), installed packages, go-heavy's cache and results. */
const SKIP_DIRS = new Set(['node_modules', '.go-heavy', '.git']);

/** `import … from './x'`, `export … from '../y'`, `import('./z')`, `require('./w')`: relative specifiers. */
const RELATIVE_IMPORT = /(?:from\s*|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * The files a pod needs to run `service`: the root's `heavy.config.*`, `env.default`,
 * `package.json` and `tsconfig.json` when they exist, every file of the service's folder (data
 * files included, dot-files such as `.env` left out: secrets go in a Kubernetes Secret), the
 * files its sources import by relative path (`../../common/…`), followed from file to file, and
 * each `include` (a file or folder under the root). Sorted by path. A relative import that leaves
 * the root is a usage error: the pod could not have it.
 */
export function collectTestFiles(root: string, service: string, include: readonly string[] = []): TestFile[] {
  const files = new Map<string, Buffer>();
  const pending: string[] = [];
  const add = (absolute: string, why: string): void => {
    const relative = path.relative(root, absolute);
    if (relative.startsWith('..') || path.isAbsolute(relative)) throw new ConfigError(`${why}: ${absolute} is outside the project root ${root}: the pods only get files under it`);
    const key = relative.split(path.sep).join('/');
    if (files.has(key)) return;
    files.set(key, readFileSync(absolute));
    if (SOURCE.test(absolute)) pending.push(absolute);
  };
  const addTree = (absolute: string, why: string): void => {
    if (statSync(absolute).isFile()) return add(absolute, why);
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
      addTree(path.join(absolute, entry.name), why);
    }
  };
  for (const name of ROOT_FILES) if (existsSync(path.join(root, name))) add(path.join(root, name), name);
  addTree(path.join(root, 'services', service), `services/${service}`);
  for (const item of include) {
    const absolute = path.resolve(root, item);
    if (!existsSync(absolute)) throw new ConfigError(`--include: no file or folder ${item} under ${root}`);
    addTree(absolute, '--include');
  }
  // Follow relative imports, bounded by the files that exist: each file is read once.
  while (pending.length > 0) {
    const file = pending.pop()!;
    for (const match of files.get(path.relative(root, file).split(path.sep).join('/'))!.toString('utf8').matchAll(RELATIVE_IMPORT)) {
      const target = resolveImport(path.dirname(file), match[1]!);
      const display = path.relative(root, file);
      if (target !== undefined) add(target, `${display} imports ${match[1]}`);
    }
  }
  return [...files.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([p, bytes]) => asTestFile(p, bytes));
}

function asTestFile(file: string, bytes: Buffer): TestFile {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? { path: file, text } : { path: file, base64: bytes.toString('base64') };
}

/** The file a relative specifier names, as esbuild finds it (`./x.js` may be `./x.ts`); undefined if none. */
function resolveImport(dir: string, specifier: string): string | undefined {
  const base = path.resolve(dir, specifier);
  const stem = base.replace(/\.(js|mjs|cjs)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${base}.ts`, `${base}.js`, `${base}.mjs`, `${base}.json`, path.join(base, 'index.ts'), path.join(base, 'index.js')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}
