import { createHash } from 'node:crypto';
import { access, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
import { build, stop, type Message } from 'esbuild';
import { ConfigError } from './config-error.js';
import { SOURCE_PATH_DEFINES, sourcePathsPlugin } from './source-paths.js';

/**
 * Loads a TypeScript (or JavaScript) module written by a user, with no build step of theirs:
 * esbuild bundles the file with its relative imports (`common/`, `utils/`), leaves packages to
 * Node's resolution, and the result is cached under `<root>/.go-heavy/cache` by content hash,
 * so that packages resolve from the user's project and an unchanged file is not rewritten; the
 * cache keeps only the latest bundle of each source file. `__dirname`, `__filename` and
 * `import.meta.url` in each bundled file are that file's, as if it ran where it is written.
 * The bundle is CommonJS and loaded with `require`, which works the same from the ESM CLI, from
 * a CommonJS host and under test runners; `@go-heavy/core` brands workflows with a global symbol,
 * so its CJS and ESM copies agree.
 */
/** Source file -> its bundle in the cache, for the files loaded by this process. */
const bundles = new Map<string, string>();

/**
 * The cached bundle of a file {@link loadUserModule} loaded, or undefined: worker threads
 * (`--workers`) `require` it instead of bundling the file again.
 */
export function bundledModuleOf(file: string): string | undefined {
  return bundles.get(file);
}

export async function loadUserModule(file: string, root: string): Promise<Record<string, unknown>> {
  const display = path.relative(process.cwd(), file) || file;
  let code: string;
  const firstLineShift = new Map<string, number>();
  try {
    const out = await build({
      entryPoints: [file],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      packages: 'external',
      // Our packages must stay shared with the CLI even where a tsconfig maps them to sources.
      external: ['@go-heavy/*'],
      // The bundle runs from the cache folder: each file's own location is compiled in instead.
      define: SOURCE_PATH_DEFINES,
      plugins: [sourcePathsPlugin(firstLineShift)],
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    code = out.outputFiles[0]!.text;
  } catch (err) {
    throw new ConfigError(describeBuildFailure(err, display, firstLineShift));
  }
  const cacheDir = path.join(root, '.go-heavy', 'cache');
  // One entry per source file: `<name>-<hash of its path>-<hash of its bundle>.cjs`.
  const prefix = `${path.basename(file).replace(/\.[^.]+$/, '')}-${createHash('sha1').update(file).digest('hex').slice(0, 8)}-`;
  const cached = path.join(cacheDir, `${prefix}${createHash('sha1').update(code).digest('hex').slice(0, 16)}.cjs`);
  for (let attempt = 0; ; attempt++) {
    if (!(await exists(cached))) {
      try {
        await mkdir(cacheDir, { recursive: true });
        // Write then rename, so a concurrent run never requires a half-written file.
        const partial = `${cached}.${process.pid}.tmp`;
        await writeFile(partial, code);
        await rename(partial, cached);
      } catch (err) {
        // A read-only checkout or mount (a container's /tests), or a file named .go-heavy: a user's setup, told in one line.
        const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
        const folder = path.relative(process.cwd(), cacheDir) || cacheDir;
        throw new ConfigError(
          `${display}: cannot write its compiled copy to ${folder} (${reason}): go-heavy compiles workflows and configs into <root>/.go-heavy/cache; make that folder writable (in a container: mount the tests writable, or run as their owner with --user)`,
        );
      }
      // The cache would otherwise grow by one file per edit, forever: older bundles of this source go.
      await pruneOlderBundles(cacheDir, prefix, path.basename(cached));
    }
    try {
      // esbuild's CJS output keeps ESM semantics: `default` holds the default export.
      const mod = createRequire(cached)(cached) as Record<string, unknown>;
      bundles.set(file, cached);
      return mod;
    } catch (err) {
      // Pruned by a concurrent run of another version of the file between our check and require.
      if (attempt === 0 && (err as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND' && !(await exists(cached))) continue;
      const message = err instanceof Error ? err.message.split('\n', 1)[0] : String(err);
      throw new ConfigError(`${display}: failed to load: ${message}`);
    }
  }
}

/**
 * Stops esbuild's service process once every user module is loaded. Left running, it pings this
 * process every second for the whole run, which a low-rate run pays for. A later
 * {@link loadUserModule} starts it again.
 */
export async function releaseModuleLoader(): Promise<void> {
  await stop();
}

/** Removes the cached bundles of one source file other than `keep`; best effort. */
async function pruneOlderBundles(cacheDir: string, prefix: string, keep: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(cacheDir);
  } catch {
    return;
  }
  await Promise.all(entries.filter((name) => name.startsWith(prefix) && name.endsWith('.cjs') && name !== keep).map((name) => rm(path.join(cacheDir, name), { force: true })));
}

function describeBuildFailure(err: unknown, display: string, firstLineShift: Map<string, number>): string {
  const errors = (err as { errors?: Message[] }).errors;
  const first = errors?.[0];
  if (!first) return `${display}: could not be compiled: ${err instanceof Error ? err.message : String(err)}`;
  const at = first.location;
  // Line 1 of a file that mentions __dirname or import.meta starts with its declared location.
  const column = at ? at.column - (at.line === 1 ? (firstLineShift.get(path.resolve(at.file)) ?? 0) : 0) : 0;
  const where = at ? `${at.file}:${at.line}:${Math.max(column, 0) + 1}` : display;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return `${where}: ${first.text}${more}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
