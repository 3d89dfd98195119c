import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server saw, to hold go-heavy's counts against. */
export interface RestartStats {
  /** Requests that reached the handler. */
  received: number;
  /**
   * Responses written to a live socket. Counted at `end()`: its bytes reach the kernel before
   * the next timer callback (a kill) runs, so the client gets them even if the socket dies.
   */
  answered: number;
  /** Requests received but not answered when the server was killed: cut by the kill. */
  cutAtKill: number;
  /** `Date.now()` of the first request, of the kill and of the restart (0 until then). */
  firstAt: number;
  killedAt: number;
  restartedAt: number;
}

export interface RestartableTarget {
  url: string;
  stats: RestartStats;
  /** Once the first request arrived, kill after `killAfterMs`, restart `downMs` later. */
  schedule(killAfterMs: number, downMs: number): void;
  /** Resolves when the scheduled restart happened. */
  restarted: Promise<void>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that the test kills as a crash would (the listener closed,
 * every open socket destroyed, requests in progress never answered) and starts again on the same
 * port. Each request is answered `delayMs` after its body ended (or after its `?delay=` in ms),
 * so that some are always in progress when the kill comes.
 */
export async function startRestartableTarget(delayMs: number): Promise<RestartableTarget> {
  const stats: RestartStats = { received: 0, answered: 0, cutAtKill: 0, firstAt: 0, killedAt: 0, restartedAt: 0 };
  let plan: { killAfterMs: number; downMs: number } | undefined;
  let timers: NodeJS.Timeout[] = [];
  let onRestarted!: () => void;
  const restarted = new Promise<void>((resolve) => (onRestarted = resolve));

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    stats.received++;
    if (stats.firstAt === 0) {
      stats.firstAt = Date.now();
      if (plan) timers.push(setTimeout(kill, plan.killAfterMs));
    }
    const delay = Number(/[?&]delay=(\d+)/.exec(req.url ?? '')?.[1] ?? delayMs);
    req.resume();
    req.on('end', () => {
      timers.push(
        setTimeout(() => {
          if (req.socket.destroyed) return;
          res.end('ok');
          stats.answered++;
        }, delay),
      );
    });
  };

  const listen = (port: number): Promise<http.Server> =>
    new Promise((resolve, reject) => {
      const s = http.createServer(handler);
      s.keepAliveTimeout = 60_000;
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });

  let server = await listen(0);
  const { port } = server.address() as AddressInfo;

  function kill(): void {
    stats.killedAt = Date.now();
    // Counted before the sockets go: these were received and will never be answered.
    stats.cutAtKill = stats.received - stats.answered;
    server.close();
    server.closeAllConnections();
    timers.push(
      setTimeout(async () => {
        server = await listen(port);
        stats.restartedAt = Date.now();
        onRestarted();
      }, plan!.downMs),
    );
  }

  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    restarted,
    schedule(killAfterMs, downMs) {
      plan = { killAfterMs, downMs };
    },
    close: () =>
      new Promise((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers = [];
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
