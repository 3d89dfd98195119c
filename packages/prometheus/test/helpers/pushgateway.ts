// Starts the real prometheus-pushgateway (Debian's, installed by tools/system/ensure-system-deps.mjs)
// on a free loopback port, without persistence, and stops it.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';

const PUSHGATEWAY_BIN = '/usr/bin/prometheus-pushgateway';

/** A loopback port nothing listens on (bound, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface RunningPushgateway {
  /** `127.0.0.1:<port>` */
  address: string;
  /** Its `/metrics` page as text. */
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPushgateway(readyWithinMs = 10_000): Promise<RunningPushgateway> {
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const child: ChildProcess = spawn(PUSHGATEWAY_BIN, [`--web.listen-address=${address}`, '--persistence.file='], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? code}`;
  });
  child.once('error', (err) => {
    exited = `could not start: ${err.message}`;
  });

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null || exited !== null) return;
    const gone = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(timer);
  };

  const deadline = Date.now() + readyWithinMs;
  for (;;) {
    if (exited !== null) throw new Error(`${PUSHGATEWAY_BIN} ${exited}:\n${log}`);
    try {
      const res = await fetch(`http://${address}/-/ready`, { signal: AbortSignal.timeout(1000) });
      await res.text();
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${PUSHGATEWAY_BIN} not ready on ${address} within ${readyWithinMs} ms:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    address,
    async metrics() {
      const res = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(5000) });
      if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
      return res.text();
    },
    stop,
  };
}

/** Retries `check` until it stops throwing, for at most `withinMs`; rethrows its last error. */
export async function eventually<T>(check: () => T | Promise<T>, withinMs = 5000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
