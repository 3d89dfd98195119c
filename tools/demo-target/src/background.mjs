#!/usr/bin/env node
// `npm run demo:start` / `npm run demo:stop`: the demo shop in the background, so the README's
// commands run one after another in one terminal, on any OS.
//   start: starts src/main.mjs detached on 127.0.0.1:$PORT (default 8080, where the examples'
//          env.default files point), waits until it listens, and returns.
//   stop:  stops it and prints what it counted.
// The pid and the server's output live in <repo>/.go-heavy/ (git-ignored).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const stateDir = path.resolve(here, '../../../.go-heavy');
const pidFile = path.join(stateDir, 'demo-target.pid');
const logFile = path.join(stateDir, 'demo-target.log');
/** Bounds of every wait: a start or a stop that takes longer has gone wrong. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

const say = (line) => process.stdout.write(`${line}\n`);
const fail = (line) => {
  process.stderr.write(`demo target: ${line}\n`);
  process.exit(1);
};

const command = process.argv[2];
if (command === 'start') await start();
else if (command === 'stop') await stop();
else fail(`expected start or stop, got ${JSON.stringify(command ?? '')}`);

async function start() {
  const running = readState();
  if (running && alive(running.pid)) return say(`demo target already running on ${running.url} (pid ${running.pid}); npm run demo:stop stops it`);
  const port = process.env.PORT ?? '8080';
  mkdirSync(stateDir, { recursive: true });
  const out = openSync(logFile, 'w');
  const child = spawn(process.execPath, [path.join(here, 'main.mjs'), '--port', port], { detached: true, stdio: ['ignore', out, out] });
  closeSync(out);
  let exited = false;
  child.on('exit', () => (exited = true));
  const deadline = Date.now() + WAIT_MS;
  let url;
  while (!url && !exited && Date.now() < deadline) {
    await sleep(POLL_MS);
    url = /listening on (http:\/\/\S+)/.exec(readLog())?.[1];
  }
  if (!url) {
    if (!exited) child.kill('SIGKILL');
    const log = readLog();
    if (/EADDRINUSE/.test(log)) fail(`port ${port} is in use: stop what holds it, or pick another: PORT=8081 npm run demo:start, then BASE_URL=http://127.0.0.1:8081 for go-heavy`);
    fail(
      `did not start within ${WAIT_MS / 1000} s: ${
        log
          .trim()
          .split('\n')
          .find((l) => /Error/.test(l)) ??
        log.trim().split('\n')[0] ??
        'no output'
      }`,
    );
  }
  writeFileSync(pidFile, JSON.stringify({ pid: child.pid, url }));
  child.unref();
  say(`demo target listening on ${url} (pid ${child.pid}); npm run demo:stop stops it`);
}

async function stop() {
  const running = readState();
  if (!running || !alive(running.pid)) {
    rmSync(pidFile, { force: true });
    return say('demo target: none running (npm run demo:start starts one)');
  }
  process.kill(running.pid, 'SIGTERM');
  const deadline = Date.now() + WAIT_MS;
  while (alive(running.pid) && Date.now() < deadline) await sleep(POLL_MS);
  if (alive(running.pid)) process.kill(running.pid, 'SIGKILL');
  rmSync(pidFile, { force: true });
  const log = readLog();
  const counters = log.slice(log.indexOf('{'));
  let requests = '?';
  try {
    requests = JSON.parse(counters).requests;
  } catch {
    // Killed before it could print its counters: say it stopped all the same.
  }
  say(`demo target on ${running.url} stopped; it received ${requests} requests`);
}

function readState() {
  try {
    const state = JSON.parse(readFileSync(pidFile, 'utf8'));
    return Number.isInteger(state.pid) ? state : undefined;
  } catch {
    return undefined;
  }
}

/** True when `pid` runs, and on Linux only when it is our server (a pid may be reused). */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const cmdline = `/proc/${pid}/cmdline`;
  return !existsSync(cmdline) || readFileSync(cmdline, 'utf8').includes('main.mjs');
}

function readLog() {
  try {
    return readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
