// A private nginx for one bench run: its own temp dir, config and ports, one worker pinned to the
// servers' CPU. `GET /` answers 200 "ok" on the load port; stub_status lives on a second port, so
// reading it never counts as load on the load server (nginx's `requests` figure is global, so our
// own reads are counted and subtracted: see received()).
import { accessSync, constants, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { SERVER_CPU, pinned, pinnedCommand } from './measure.mjs';
import { freePorts, makeTempDir, removeTempDir, sleep, spawnTracked, waitFor, within } from './procs.mjs';

const BINARIES = ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/sbin/nginx', '/usr/bin/nginx'];
const READY_TIMEOUT_MS = 5_000;
const BIND_ATTEMPTS = 5;

export function nginxBinary() {
  for (const file of BINARIES) {
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  return null;
}

function config(dir, port, statusPort, workers) {
  const user = process.getuid?.() === 0 ? 'user root;\n' : '';
  // More connections than any run's --max-users (the open model's --rate 5000 defaults to 5000):
  // a target refusing connections would turn a load generator falling behind into errors.
  return `${user}worker_processes ${workers};
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_shutdown_timeout 2s;
worker_rlimit_nofile 16384;

events {
  worker_connections 8192;
}

http {
  default_type text/plain;
  access_log off;
  server_tokens off;
  keepalive_timeout 300s;
  keepalive_requests 10000000;
  client_body_temp_path ${dir}/client_body_temp;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;

  server {
    listen 127.0.0.1:${port} backlog=4096;
    location / { return 200 "ok"; }
  }

  server {
    listen 127.0.0.1:${statusPort};
    location = /nginx_status { stub_status; }
  }
}
`;
}

/** `{ active, accepts, requests }` from stub_status, or null when it does not answer. */
function readStatus(statusUrl) {
  return new Promise((resolve) => {
    const req = http.get(statusUrl, { agent: false, timeout: 1_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const active = /Active connections:\s*(\d+)/.exec(body);
        const counts = /^\s*(\d+)\s+(\d+)\s+(\d+)\s*$/m.exec(body);
        resolve(active && counts ? { active: Number(active[1]), accepts: Number(counts[1]), requests: Number(counts[3]) } : null);
      });
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/**
 * `workers`: nginx worker processes (1 unless given), pinned to CPUs 0 … workers − 1 where the
 * bench pins (the workers section's `--nginx-workers`, for a machine where one nginx core would
 * be the limit).
 */
export async function startNginx({ workers = 1 } = {}) {
  const bin = nginxBinary();
  if (!bin) throw new Error('nginx is not installed: run `sudo node tools/system/ensure-system-deps.mjs` (or `apt-get install -y nginx-light`)');
  let lastError = '';
  for (let attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
    const dir = makeTempDir('nginx');
    try {
      return await launch(bin, dir, workers, ...(await freePorts(2)));
    } catch (err) {
      removeTempDir(dir);
      lastError = err.message;
      if (!/Address already in use/.test(lastError)) throw err;
    }
  }
  throw new Error(`nginx could not bind its ports in ${BIND_ATTEMPTS} attempts: ${lastError}`);
}

async function launch(bin, dir, workers, port, statusPort) {
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(conf, config(dir, port, statusPort, workers));
  const cpus = workers > 1 ? `${SERVER_CPU}-${Number(SERVER_CPU) + workers - 1}` : SERVER_CPU;
  const [cmd, args] = pinnedCommand(cpus, bin, ['-p', dir, '-c', conf, '-e', path.join(dir, 'error.log'), '-g', 'daemon off;']);
  const child = spawnTracked(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  let exited = null;
  child.exited.then(
    (info) => (exited = info),
    (err) => (exited = { error: err }),
  );

  const statusUrl = `http://127.0.0.1:${statusPort}/nginx_status`;
  // Each status read that got an answer is one request in nginx's global count.
  let ownReads = 0;
  const status = async () => {
    const s = await readStatus(statusUrl);
    if (s) ownReads++;
    return s;
  };
  const ready = await waitFor(async () => exited !== null || (await status()) !== null, { timeoutMs: READY_TIMEOUT_MS });
  if (!ready || exited !== null) {
    child.killGroup?.('SIGKILL');
    await within(child.exited, 2_000);
    let log = stderr;
    try {
      log += readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      // no log
    }
    const why = exited ? `exited (${exited.error?.message ?? `code ${exited.code}, signal ${exited.signal}`})` : `did not answer within ${READY_TIMEOUT_MS} ms`;
    throw new Error(`nginx ${why}: ${log.trim().split('\n').slice(-3).join(' | ')}`);
  }

  /**
   * Requests nginx received on the load port since start, and connections it accepted there:
   * its counts minus our own status reads (one connection and one request each).
   */
  const received = async () => {
    const s = await status();
    if (!s) throw new Error('nginx stub_status did not answer');
    return { count: s.requests - ownReads, active: s.active - 1, accepted: s.accepts - ownReads };
  };

  let stopped = null;
  return {
    name: 'nginx',
    workers,
    /** The CPUs nginx is pinned to (`0`, `0-3`), or null when the bench does not pin. */
    cpus: pinned ? cpus : null,
    url: `http://127.0.0.1:${port}`,
    statusUrl,
    pid: child.pid,
    /**
     * Waits (at most 3 s) until no client connection is open and the count holds still for
     * 100 ms, then returns the count: a finished tool's last requests are all in.
     */
    settledCount: () => settle(received),
    /** Client connections accepted on the load port since start. */
    accepted: async () => (await received()).accepted,
    /** Client connections open on the load port now. */
    active: async () => (await received()).active,
    /** Requests received so far, at once (no settling): for a window's start and end under load. */
    count: async () => (await received()).count,
    stop: () =>
      (stopped ??= (async () => {
        child.killGroup('SIGQUIT');
        const done = await within(child.exited, 3_000);
        if (!done) {
          child.killGroup('SIGKILL');
          await within(child.exited, 2_000);
        }
        removeTempDir(dir);
      })()),
  };
}

/** Shared by both targets: `read()` → `{ count, active }`. */
export async function settle(read, { timeoutMs = 3_000, stableMs = 100 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let stableSince = Date.now();
  while (Date.now() < deadline) {
    await sleep(20);
    const next = await read();
    if (next.count !== last.count) stableSince = Date.now();
    last = next;
    if (last.active <= 0 && Date.now() - stableSince >= stableMs) break;
  }
  return last.count;
}
