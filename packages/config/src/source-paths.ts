import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, Plugin } from 'esbuild';

/** Module-local names the bundle gives each source file's own location. */
const DIRNAME = '__goHeavyDirname';
const FILENAME = '__goHeavyFilename';
const META_URL = '__goHeavyImportMetaUrl';

/**
 * Replacements that make `__dirname`, `__filename`, `import.meta.url`, `import.meta.dirname` and
 * `import.meta.filename` name the source file that uses them, not the cached bundle: with
 * {@link sourcePathsPlugin}, each bundled file declares the three names for itself, and esbuild's
 * scope hoisting keeps every file's declarations apart (renamed where they would clash). A file
 * that declares its own `__dirname` keeps it: `define` only replaces free identifiers.
 */
export const SOURCE_PATH_DEFINES: Record<string, string> = {
  __dirname: DIRNAME,
  __filename: FILENAME,
  'import.meta.url': META_URL,
  'import.meta.dirname': DIRNAME,
  'import.meta.filename': FILENAME,
};

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'jsx' };

/** Names that a file must mention for its location to be declared in it. */
const MENTIONS = /__dirname|__filename|import\.meta/;

/**
 * Loads each bundled source file that mentions `__dirname`, `__filename` or `import.meta` with
 * its own location declared in front, on the first line so that line numbers in stack traces and
 * source maps stay those of the file (declarations it does not use are dropped by esbuild). Only
 * the columns of line 1 move: `firstLineShift` records by how much, per file, for messages.
 */
export function sourcePathsPlugin(firstLineShift: Map<string, number>): Plugin {
  return {
    name: 'go-heavy-source-paths',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/, namespace: 'file' }, async (args) => {
        const loader = LOADERS[path.extname(args.path)];
        if (loader === undefined) return undefined;
        const source = await readFile(args.path, 'utf8');
        if (!MENTIONS.test(source)) return { contents: source, loader };
        const declare = `var ${DIRNAME} = ${JSON.stringify(path.dirname(args.path))}, ${FILENAME} = ${JSON.stringify(args.path)}, ${META_URL} = ${JSON.stringify(pathToFileURL(args.path).href)};`;
        firstLineShift.set(args.path, declare.length);
        // A hashbang must come first: kept as a comment, on its line.
        const body = source.startsWith('#!') ? `//${source.slice(2)}` : source;
        return { contents: declare + body, loader };
      });
    },
  };
}
