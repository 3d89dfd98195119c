// Child processes and temp dirs of a bench run, so that nothing outlives it.
//
// Every child is spawned in its own process group (`detached`), so killing the group also kills
// what it started (`taskset` → `/usr/bin/time` → the tool; nginx's master → its worker). On exit,
// on a failure and on SIGINT/SIGTERM/SIGHUP every group still alive gets SIGKILL and every temp
// dir is removed. Every wait is bounded.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const groups = new Set();
const tempDirs = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Synchronous, so it also works from `process.on('exit')`. */
export function cleanupAll() {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
  groups.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on('exit', cleanupAll);
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
]) {
  process.on(signal, () => {
    process.stderr.write(`\nbench: ${signal}, stopping every child process\n`);
    cleanupAll();
    process.exit(code);
  });
}

export function makeTempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `go-heavy-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/**
 * Spawns `command` in a new process group that `cleanupAll()` kills.
 * The returned child has `exited`: a promise of `{ code, signal }`.
 */
export function spawnTracked(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: true });
  if (child.pid === undefined) {
    // spawn failed (ENOENT…): the 'error' event carries the reason.
    child.exited = new Promise((_, reject) => child.once('error', reject));
    child.exited.catch(() => {});
    return child;
  }
  groups.add(child.pid);
  child.exited = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      // The group may still hold grandchildren (a tool's own children): end them too.
      killGroup(child.pid, 'SIGKILL');
      groups.delete(child.pid);
      resolve({ code, signal });
    });
  });
  child.exited.catch(() => {});
  child.killGroup = (signal = 'SIGKILL') => killGroup(child.pid, signal);
  return child;
}

/**
 * Runs a command to completion and collects its output. Rejects (after killing its group) if it
 * runs longer than `timeoutMs`. Resolves with `{ code, signal, stdout, stderr, wallMs }` whatever
 * the exit code. `onSpawn(child)` is called once the child is spawned (its pid for /proc reads).
 */
export async function run(command, args, { timeoutMs, env, cwd, onSpawn } = {}) {
  const started = process.hrtime.bigint();
  const child = spawnTracked(command, args, { env: env ?? process.env, cwd });
  onSpawn?.(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr?.setEncoding('utf8').on('data', (d) => (stderr += d));
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      child.killGroup?.('SIGKILL');
      reject(new Error(`${path.basename(command)} ${args.join(' ')}: still running after ${timeoutMs} ms, killed`));
    }, timeoutMs);
  });
  try {
    const { code, signal } = await Promise.race([child.exited, timeout]);
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    // Let the pipes drain (they close right after exit; bounded anyway).
    await within(Promise.all([closed(child.stdout), closed(child.stderr)]), 1_000);
    return { code, signal, stdout, stderr, wallMs };
  } finally {
    clearTimeout(timer);
  }
}

function closed(stream) {
  if (!stream || stream.closed || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', resolve));
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits for `promise` at most `ms`: true if it settled in time. Leaves no timer behind. */
export async function within(promise, ms) {
  let timer;
  const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** `n` distinct free loopback ports (held together while probing, so they differ). */
export async function freePorts(n) {
  const servers = [];
  try {
    for (let i = 0; i < n; i++) {
      const server = net.createServer();
      servers.push(server);
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
    }
    return servers.map((s) => s.address().port);
  } finally {
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve()))));
  }
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then returns the last value). */
export async function waitFor(fn, { timeoutMs, intervalMs = 25 }) {
  const deadline = Date.now() + timeoutMs;
  let value;
  for (;;) {
    value = await fn();
    if (value || Date.now() >= deadline) return value;
    await sleep(intervalMs);
  }
}
