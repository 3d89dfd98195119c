import { defineConfig } from 'tsup';

// The CLI is ESM only (yargs 18 is ESM only); the packages stay external so a user's
// workflows and the CLI share one copy of @go-heavy/core.
export default defineConfig({
  // worker.js: the script of each worker thread of `run --workers`.
  entry: { main: 'src/main.ts', worker: 'src/workers/worker-entry.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: true,
  target: 'node20',
  // __filename in ESM, so sources can resolve files beside the CLI the same way under jest (CJS).
  shims: true,
  banner: { js: '#!/usr/bin/env node' },
});
