import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isLoopbackHost } from '../loopback-host.js';
import { RESULTS_SCHEMA_VERSION, type LiveView, type ProgressUpdate, type Reporter, type RunResult, type RunStartInfo } from '@go-heavy/core';
import { renderReportPage } from '../html/render-html-report.js';
import { SSE_HEADERS, SseClients, sseComment, sseEvent, sseRetry } from './sse.js';

/** Options of {@link dashboardReporter}. */
export interface DashboardReporterOptions {
  /** The TCP port; 0 (the default) takes a free one, which `onListening` tells. */
  port?: number;
  /** The address to listen on: the loopback only, so the page and its Stop button stay on this machine. */
  host?: '127.0.0.1';
  /** Called once the server listens, with the page's URL (`http://127.0.0.1:PORT`). */
  onListening?(url: string): void;
  /**
   * Called when the page asks to stop the run (the first time only), just before the reporter
   * calls `requestStop()`: the CLI says so and exits as after Ctrl-C.
   */
  onStop?(): void;
  /** Milliseconds between heartbeat comments on each event stream. Default 15 000. */
  heartbeatMs?: number;
}

/** The paths the dashboard serves. */
const DASHBOARD_ROUTES = { page: '/', events: '/events', stop: '/stop' } as const;

/** A little under the engine's one second between progress updates, so timer jitter never skips one. */
const MIN_SEND_GAP_MS = 950;
/** How long `close()` lets connections end by themselves before it cuts them. */
const CLOSE_GRACE_MS = 500;
/** How long a browser waits before reconnecting a lost event stream. */
const RETRY_MS = 2_000;

/** A result and its JSON, serialised once for every client. */
interface Serialised {
  /** The live view during the run, the final results at the end. */
  result: LiveView;
  json: string;
  /** Date.now() when it was taken. */
  at: number;
}

/**
 * The live dashboard: at `onStart` it starts an HTTP server on 127.0.0.1 that serves
 *
 * - `GET /`: the HTML report's page in live mode (status line, "Stop run" button), drawn from
 *   the latest results;
 * - `GET /events`: Server-Sent Events. At each `onProgress` (once a second) the live view of the
 *   results so far (`update.view()`: no buckets nor histograms) as `event: result`, at most one per second and only while someone
 *   listens; `event: status` with data `stopping` once a stop was asked; the final `RunResult`
 *   as `event: end` at `onEnd`, after which the stream ends. A new client gets the latest state
 *   at once; a comment every 15 s keeps idle streams open;
 * - `POST /stop`: calls `RunStartInfo.requestStop()` (the run stops as on Ctrl-C: no new
 *   iterations, graceful stop, results) and answers 202; 409 once the run has ended.
 *
 * Any other path is 404. Requests must name the server in `Host` (`127.0.0.1:PORT` or
 * `localhost:PORT`), and a stop request with an `Origin` must come from the page itself, so
 * other web sites open in the same browser can neither read the run nor stop it. `close()`
 * ends the open streams and closes the server within half a second. Snapshots are taken on the
 * engine's thread; with no page open, `onProgress` does nothing.
 */
export function dashboardReporter(options: DashboardReporterOptions = {}): Reporter {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new RangeError(`dashboard: port: expected a whole number from 0 to 65535 (0 takes a free one), got ${String(port)}`);
  }
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new RangeError(`dashboard: host: only 127.0.0.1 is served, got ${JSON.stringify(host)}`);
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  const clients = new SseClients();
  let server: Server | null = null;
  let heartbeat: NodeJS.Timeout | undefined;
  let info: RunStartInfo | null = null;
  let starting: Serialised | null = null;
  let latest: Serialised | null = null;
  let lastUpdate: ProgressUpdate | null = null;
  let lastSentAt = 0;
  let final: Serialised | null = null;
  let stopping = false;

  const serialise = (result: LiveView): Serialised => ({ result, json: JSON.stringify(result), at: Date.now() });

  /** The newest state: the final result, else a view at most a second old, else the empty start. */
  function current(): Serialised {
    if (final) return final;
    if (lastUpdate && (latest === null || Date.now() - latest.at >= MIN_SEND_GAP_MS)) latest = serialise(lastUpdate.view());
    return latest ?? starting!;
  }

  function handle(req: IncomingMessage, res: ServerResponse): void {
    const listening = (server?.address() as AddressInfo | null)?.port;
    if (!isLoopbackHost(req.headers.host, listening)) return void plain(res, 403, 'Forbidden: the dashboard answers only to 127.0.0.1 and localhost\n');
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === DASHBOARD_ROUTES.page) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return void plain(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
      const body = renderReportPage(current().result, { live: true });
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'DENY',
        'content-security-policy': "frame-ancestors 'none'",
      });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    if (path === DASHBOARD_ROUTES.events) {
      if (req.method !== 'GET') return void plain(res, 405, 'Method Not Allowed\n', { allow: 'GET' });
      req.socket.setNoDelay(true);
      res.writeHead(200, SSE_HEADERS);
      res.write(sseRetry(RETRY_MS));
      if (final) return void res.end(sseEvent('end', final.json));
      if (stopping) res.write(sseEvent('status', 'stopping'));
      res.write(sseEvent('result', current().json));
      clients.add(res);
      return;
    }
    if (path === DASHBOARD_ROUTES.stop) {
      if (req.method !== 'POST') return void plain(res, 405, 'Method Not Allowed\n', { allow: 'POST' });
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${req.headers.host}`) return void plain(res, 403, 'Forbidden: a stop must come from the dashboard page\n');
      req.resume();
      if (final) return void plain(res, 409, 'The run has ended.\n');
      if (!stopping) {
        stopping = true;
        options.onStop?.();
        clients.send(sseEvent('status', 'stopping'));
        info?.requestStop();
      }
      return void plain(res, 202, 'Stopping: running iterations get the graceful stop to finish.\n');
    }
    plain(res, 404, 'Not Found\n');
  }

  return {
    name: 'dashboard',

    async onStart(runInfo: RunStartInfo) {
      info = runInfo;
      starting = serialise(startingResult(runInfo));
      const created = createServer(handle);
      await new Promise<void>((resolve, reject) => {
        created.once('error', (err: NodeJS.ErrnoException) => {
          const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.code === 'EACCES' ? 'permission denied' : err.message;
          reject(new Error(`dashboard: cannot listen on ${host}:${port}: ${why}`));
        });
        created.listen(port, host, () => resolve());
      });
      // Past the listen, a server error (an accept failing) must not end the run: the page just stops updating.
      created.on('error', () => undefined);
      server = created;
      heartbeat = setInterval(() => clients.offer(sseComment('heartbeat')), heartbeatMs);
      heartbeat.unref();
      options.onListening?.(`http://${host}:${(created.address() as AddressInfo).port}`);
    },

    onProgress(update: ProgressUpdate) {
      lastUpdate = update;
      if (final || clients.size === 0) return;
      const now = Date.now();
      if (now - lastSentAt < MIN_SEND_GAP_MS) return;
      lastSentAt = now;
      latest = serialise(update.view());
      clients.offer(sseEvent('result', latest.json));
    },

    onEnd(result: RunResult) {
      final = serialise(result);
      lastUpdate = null;
      clients.end(sseEvent('end', final.json));
    },

    async close() {
      clearInterval(heartbeat);
      clients.end();
      const closing = server;
      server = null;
      if (!closing) return;
      await new Promise<void>((resolve) => {
        const cut = setTimeout(() => closing.closeAllConnections(), CLOSE_GRACE_MS);
        closing.close(() => {
          clearTimeout(cut);
          resolve();
        });
        closing.closeIdleConnections();
      });
    },
  };
}

/** The page's data before the first second has been measured: the run's identity and load, nothing counted. */
function startingResult(info: RunStartInfo): RunResult {
  return {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    testId: info.testId,
    startedAt: info.startedAt.toISOString(),
    durationMs: 0,
    load: info.load,
    summary: { workflowsSucceeded: 0, workflowsFailed: 0, workflowsInterrupted: 0, requests: 0, droppedIterations: 0, interrupted: false, abortedBy: null },
    warmup: null,
    scheduler: null,
    workflows: [],
    timeline: [],
    thresholds: [],
  };
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...headers });
  res.end(text);
}
