// The second target: a tiny node:http server (bench/src/node-server.mjs) in its own child
// process, pinned to the servers' CPU, with the same interface as nginx.mjs's.
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_CPU, pinnedCommand } from './measure.mjs';
import { settle } from './nginx.mjs';
import { spawnTracked, within } from './procs.mjs';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node-server.mjs');
const READY_TIMEOUT_MS = 5_000;

function readCount(url) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 1_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('node target: /count timed out')));
    req.on('error', reject);
  });
}

/** `delayMs`: every answer comes that much later (a slow target). */
export async function startNodeTarget({ delayMs = 0 } = {}) {
  const [cmd, args] = pinnedCommand(SERVER_CPU, process.execPath, [SERVER, String(delayMs)]);
  const child = spawnTracked(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  const ports = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`node target did not start within ${READY_TIMEOUT_MS} ms: ${stderr.trim()}`)), READY_TIMEOUT_MS);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d;
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        try {
          resolve(JSON.parse(line));
        } catch {
          reject(new Error(`node target: unexpected output ${JSON.stringify(line)}`));
        }
      }
    });
    child.exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`node target exited (code ${code}, signal ${signal}): ${stderr.trim()}`));
    }, reject);
  }).catch((err) => {
    child.killGroup?.('SIGKILL');
    throw err;
  });
  const countUrl = `http://127.0.0.1:${ports.countPort}/count`;
  let stopped = null;
  return {
    name: 'node',
    url: `http://127.0.0.1:${ports.port}`,
    pid: child.pid,
    settledCount: () => settle(() => readCount(countUrl)),
    /** Client connections accepted on the load port since start. */
    accepted: async () => (await readCount(countUrl)).accepted,
    /** The most requests held at once since the last call (each call starts a new period). */
    peakInFlight: async () => (await readCount(`${countUrl}?reset-peak`)).peakInFlight,
    /** Requests received so far, at once (no settling): for a window's start and end under load. */
    count: async () => (await readCount(countUrl)).count,
    stop: () =>
      (stopped ??= (async () => {
        child.stdin.end();
        const done = await within(child.exited, 2_000);
        if (!done) child.killGroup('SIGKILL');
      })()),
  };
}
