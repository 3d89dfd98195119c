import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, truncate } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A private nginx for integration tests: its own process, config, logs and port, so what nginx
 * logged can be compared with what go-heavy reported. nginx is installed by the root `pretest`
 * (tools/system/ensure-system-deps.mjs).
 *
 * Locations: `= /fast` 200 "ok"; `/status/<code>` answers that code (200..599; others 400);
 * `= /echo` 200 "ok" for any method (the body is read and discarded); `/slow` proxied with
 * HTTP/1.1 keep-alive to `options.upstream` (502 when none was given); anything else 200.
 * Each finished request appends `$request_method $uri $status` to `accessLog`.
 */
export interface Nginx {
  url: string;
  port: number;
  accessLog: string;
  errorLog: string;
  /** Lines in the access log, once nginx has finished writing them. */
  requests(): Promise<number>;
  /** `"GET /fast"` → count, as `TargetStats.byPath` of support/target.ts. */
  byPath(): Promise<Map<string, number>>;
  /** Status code → count. */
  byStatus(): Promise<Map<number, number>>;
  /** Empties the access log (after waiting for pending lines), so the next test counts from 0. */
  reset(): Promise<void>;
  stop(): Promise<void>;
}

export interface NginxOptions {
  /** Base URL (`http://127.0.0.1:PORT`) of the server `/slow` is proxied to. */
  upstream?: string;
}

/** Header that keeps the readiness probe out of the access log. */
const PROBE_HEADER = 'x-nginx-probe';
const READY_TIMEOUT_MS = 5_000;
const STOP_KILL_MS = 5_000;
const BIND_ATTEMPTS = 5;

function nginxBinary(): string {
  const dirs = ['/usr/sbin', '/usr/local/sbin', '/sbin', ...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean)];
  for (const dir of dirs) {
    const file = path.join(dir, 'nginx');
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // next
    }
  }
  throw new Error('nginx is not installed: run `npm test` from the repository root (its pretest installs it) or `sudo apt-get install -y nginx-light`');
}

export async function startNginx(options: NginxOptions = {}): Promise<Nginx> {
  const bin = nginxBinary();
  let lastError = '';
  for (let attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
    const port = await freePort();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-nginx-'));
    try {
      return await launch(bin, dir, port, options);
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      lastError = (err as Error).message;
      // Another process took the port between our probe and nginx's bind: try another one.
      if (!(err instanceof BindError)) throw err;
    }
  }
  throw new Error(`nginx could not bind a port in ${BIND_ATTEMPTS} attempts: ${lastError}`);
}

class BindError extends Error {}

async function launch(bin: string, dir: string, port: number, options: NginxOptions): Promise<Nginx> {
  const accessLog = path.join(dir, 'access.log');
  const errorLog = path.join(dir, 'error.log');
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(accessLog, '');
  writeFileSync(conf, config(dir, port, accessLog, errorLog, options.upstream));

  const child = spawn(bin, ['-p', dir, '-c', conf, '-e', errorLog, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  void exited.then((info) => (exitInfo = info));
  // If the test process dies without stop(), don't leave nginx behind (SIGTERM: master stops its workers).
  const onExit = () => child.kill('SIGTERM');
  process.once('exit', onExit);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let ready = false;
  while (!exitInfo && Date.now() < deadline) {
    if (await probe(url)) {
      ready = true;
      break;
    }
    await sleep(25);
  }
  if (!ready) {
    process.removeListener('exit', onExit);
    await stopChild(child, exited);
    const log = stderr + safeRead(errorLog);
    const info = exitInfo as { code: number | null; signal: NodeJS.Signals | null } | null;
    const why = info ? `exited (code ${info.code}, signal ${info.signal})` : `did not answer within ${READY_TIMEOUT_MS} ms`;
    const message = `nginx on port ${port} ${why}:\n${log.trim()}`;
    throw /Address already in use/.test(log) ? new BindError(message) : new Error(message);
  }

  const lines = async (): Promise<string[]> => {
    const text = await readFile(accessLog, 'utf8');
    return text.split('\n').filter((l) => l.length > 0);
  };
  // nginx writes a request's line when it finalises the request, which may be just after the
  // client has read the response: wait until the count holds still for 100 ms (at most 2 s).
  const settled = async (): Promise<string[]> => {
    const until = Date.now() + 2_000;
    let current = await lines();
    let stableSince = Date.now();
    while (Date.now() < until) {
      await sleep(20);
      const next = await lines();
      if (next.length !== current.length) {
        current = next;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= 100) {
        break;
      }
    }
    return current;
  };
  const count = async <K>(key: (fields: string[]) => K): Promise<Map<K, number>> => {
    const map = new Map<K, number>();
    for (const line of await settled()) {
      const k = key(line.split(' '));
      map.set(k, (map.get(k) ?? 0) + 1);
    }
    return map;
  };

  let stopped: Promise<void> | null = null;
  return {
    url,
    port,
    accessLog,
    errorLog,
    requests: async () => (await settled()).length,
    byPath: () => count((f) => `${f[0]} ${f[1]}`),
    byStatus: () => count((f) => Number(f[2])),
    reset: async () => {
      await settled();
      // nginx appends (O_APPEND), so its next line lands at the start of the emptied file.
      await truncate(accessLog, 0);
    },
    stop: () =>
      (stopped ??= (async () => {
        process.removeListener('exit', onExit);
        await stopChild(child, exited);
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
}

function config(dir: string, port: number, accessLog: string, errorLog: string, upstream?: string): string {
  const statuses: string[] = [];
  for (let code = 200; code <= 599; code++) {
    // 3xx answers carry a Location; the others a short body. Both keep the connection alive
    // (a bare `return 500;` would make nginx close it).
    const body = code >= 301 && code <= 308 && code !== 304 ? '/' : `"${code}\\n"`;
    statuses.push(`    location = /status/${code} { return ${code} ${body}; }`);
  }
  let slow = '    location /slow { return 502 "no upstream given to startNginx\\n"; }';
  let upstreamBlock = '';
  if (upstream) {
    const { host } = new URL(upstream);
    upstreamBlock = `
  upstream slow_upstream {
    server ${host};
    keepalive 64;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
  }`;
    slow = `    location /slow {
      proxy_pass http://slow_upstream;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_next_upstream off;
    }`;
  }
  const user = typeof process.getuid === 'function' && process.getuid() === 0 ? 'user root;\n' : '';
  return `${user}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${errorLog} warn;
worker_shutdown_timeout 2s;

events {
  worker_connections 4096;
}

http {
  default_type text/plain;
  client_body_temp_path ${dir}/client_body_temp;
  proxy_temp_path ${dir}/proxy_temp;
  fastcgi_temp_path ${dir}/fastcgi_temp;
  uwsgi_temp_path ${dir}/uwsgi_temp;
  scgi_temp_path ${dir}/scgi_temp;

  log_format simple '$request_method $uri $status';
  map $http_${PROBE_HEADER.replace(/-/g, '_')} $loggable {
    ""      1;
    default 0;
  }
  # No buffer=: each line is written when its request finishes.
  access_log ${accessLog} simple if=$loggable;

  keepalive_timeout 65s;
  keepalive_requests 1000000;
  server_tokens off;
${upstreamBlock}
  server {
    listen 127.0.0.1:${port};
    server_name _;

    location = /fast { return 200 "ok"; }
    location = /echo { return 200 "ok"; }
${statuses.join('\n')}
    location ~ ^/status/(\\d+)$ { return 400 "status $1 is not served: 200..599 only\\n"; }
${slow}
    location / { return 200 "ok"; }
  }
}
`;
}

/** A node server for nginx's `/slow` to proxy to: answers 200 "slow" after `delayMs`. */
export async function startSlowUpstream(delayMs: number): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        res.end('slow');
      }, delayMs);
      timers.add(timer);
    });
  });
  // Longer than nginx's upstream keepalive_timeout (60 s), so nginx never reuses a connection
  // that this server is closing.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function probe(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(`${url}/fast`, { agent: false, headers: { [PROBE_HEADER]: '1' }, timeout: 500 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** SIGQUIT (graceful), SIGTERM after 2 s, SIGKILL (with the workers) after 5 s. */
async function stopChild(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGQUIT');
  const term = setTimeout(() => child.kill('SIGTERM'), 2_000);
  let killTimer: NodeJS.Timeout | undefined;
  const killed = new Promise<void>((resolve) => {
    killTimer = setTimeout(() => {
      for (const pid of childrenOf(child.pid!)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.kill('SIGKILL');
      resolve();
    }, STOP_KILL_MS);
  });
  await Promise.race([exited, killed]);
  clearTimeout(term);
  clearTimeout(killTimer);
  await exited;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
