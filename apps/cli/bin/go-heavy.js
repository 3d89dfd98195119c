#!/usr/bin/env node
// The `go-heavy` command. Committed, not built: npm links a workspace's bin when it installs,
// before the build has made dist/, and skips a target that does not exist yet, so the bin must be
// a file that is always there. It only hands over to the built CLI.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('go-heavy: the CLI is not built yet (apps/cli/dist/main.js is missing): run `npm run build` at the root of the repository\n');
  process.exit(1);
}
await import(main.href);
