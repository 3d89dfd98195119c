#!/usr/bin/env node
// The `go-heavy` command. Committed, not built: npm links a workspace's bin when it installs,
// before the build has made dist/, and skips a target that does not exist yet, so the bin must be
// a file that is always there. It only hands over to the built CLI.
//
// It hands over in a second Node process started with a smaller young generation
// (HEAP_FLAGS): under load V8 grows it to 32 MB of semi-spaces, which put peak RSS above 100 MB
// at 50 users. V8 reads that flag only when the heap is made, so it cannot be set from inside
// (v8.setFlagsFromString has no effect) and users should not need NODE_OPTIONS. A Node started
// with flags of its own (`node --inspect bin/go-heavy.js`), NODE_OPTIONS that size the young
// generation, or GO_HEAVY_NO_RESPAWN=1 run the CLI in this process instead.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { isatty } from 'node:tty';
import { fileURLToPath } from 'node:url';

/**
 * Semi-spaces of 8 MB instead of V8's 16: about 10 MB less RSS under load, at ~3 % of throughput.
 * No memory reducer: at a low rate V8 takes the process for idle and runs full collections to
 * shrink a heap that the run is about to use again, on CPU that the run should not cost.
 */
const HEAP_FLAGS = ['--max-semi-space-size=8', '--no-memory-reducer'];

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('go-heavy: the CLI is not built yet (apps/cli/dist/main.js is missing): run `npm run build` at the root of the repository\n');
  process.exit(1);
}

const tuned = process.execArgv.length > 0 || /--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? '') || process.env.GO_HEAVY_NO_RESPAWN === '1';
if (tuned) {
  await import(main.href);
} else {
  respawn();
}

function respawn() {
  const child = spawn(process.execPath, [...HEAP_FLAGS, fileURLToPath(main), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, GO_HEAVY_NO_RESPAWN: '1' },
  });
  // The child is in our process group: a Ctrl-C typed in a terminal reaches it directly, so
  // forwarding SIGINT (or SIGHUP) as well would count as a second Ctrl-C and cut the run short.
  // Those are forwarded only when no terminal sent them (stdin not a TTY: CI, `kill <pid>`);
  // SIGTERM, which terminals never send, always is. The first stops gracefully, a second cuts.
  const fromTerminal = isatty(0);
  const forward = (signal) => () => {
    if (signal === 'SIGTERM' || !fromTerminal) child.kill(signal);
  };
  const handlers = ['SIGINT', 'SIGTERM', 'SIGHUP'].map((signal) => [signal, forward(signal)]);
  for (const [signal, handler] of handlers) process.on(signal, handler);
  child.on('error', (err) => {
    process.stderr.write(`go-heavy: could not start ${process.execPath}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const [name, handler] of handlers) process.off(name, handler);
    // Ended by a signal: end the same way, so a shell sees what the child's exit meant.
    if (signal !== null) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
}
