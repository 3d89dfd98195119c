import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import { runCli, type CliResult } from './cli.js';

/** `go-heavy ui` running from the built CLI, and a bounded way to reach it. */
export interface RunningUi {
  /** `http://127.0.0.1:PORT`. */
  url: string;
  port: number;
  child: ChildProcess;
  /** Resolves when the CLI exits. */
  done: Promise<CliResult>;
  output(): string;
}

/** Starts `go-heavy ui --root ROOT --port 0` and waits (at most 20 s) for its URL. */
export async function startUi(root: string, env: Record<string, string> = {}, extra: string[] = []): Promise<RunningUi> {
  let child: ChildProcess | undefined;
  let out = '';
  const done = runCli(['ui', '--root', root, '--port', '0', ...extra], {
    env,
    timeoutMs: 120_000,
    onSpawn: (c) => {
      child = c;
      c.stdout!.on('data', (d) => (out += d));
      c.stderr!.on('data', (d) => (out += d));
    },
  });
  let exited = false;
  void done.then(() => (exited = true));
  const until = Date.now() + 20_000;
  for (;;) {
    const m = /at (http:\/\/127\.0\.0\.1:(\d+)) /.exec(out);
    if (m) return { url: m[1]!, port: Number(m[2]), child: child!, done, output: () => out };
    if (exited || Date.now() > until) throw new Error(`go-heavy ui did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** An answer: status, headers, body. */
export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with the path sent as written (no client normalisation) and the given headers. */
export function request(base: string, rawPath: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`${rawPath}: timed out`)));
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A form body, URL-encoded. */
export function formBody(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** The session token of the UI, as its run form carries it. */
export async function uiToken(base: string, service: string): Promise<string> {
  const page = await request(base, `/services/${encodeURIComponent(service)}/run`);
  const m = /name="token" value="([0-9a-f]{64})"/.exec(page.body);
  if (!m) throw new Error(`no token in the run form: ${page.status} ${page.body.slice(0, 300)}`);
  return m[1]!;
}
