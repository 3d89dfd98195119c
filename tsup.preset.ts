import type { Options } from 'tsup';

/** How every library package builds: ESM + CJS + types from src/index.ts, for Node 20. */
export const libraryBuild: Options = {
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'node20',
};
