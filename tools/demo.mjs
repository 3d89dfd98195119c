#!/usr/bin/env node
// `npm run demo`: starts the demo target on a free loopback port, runs the example `shop`
// service against it (2 s warm-up + 8 s measured), prints the summary, stops the server.
// Extra arguments are passed to `go-heavy run` (e.g. `npm run demo -- --users 20`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startDemoTarget } from './demo-target/src/server.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(repo, 'apps/cli/dist/main.js');
const target = await startDemoTarget();
process.stderr.write(`demo target listening on ${target.url}\n`);

const args = [cli, 'run', 'shop', '--root', path.join(repo, 'examples'), '--users', '5', '--duration', '8s', '--warmup', '2s', ...process.argv.slice(2)];
const child = spawn(process.execPath, args, { stdio: 'inherit', env: { ...process.env, BASE_URL: target.url } });
// Ctrl-C reaches the child through the terminal's process group; the demo just waits for it.
process.on('SIGINT', () => {});
const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 130 : 1))));
const seen = target.stats().requests;
await target.close();
process.stderr.write(`demo target received ${seen} requests\n`);
process.exit(code);
