import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Notification, NotificationSink, NotificationSource, WebhookOptions } from '../contracts/notifications.js';
import { now } from '../clock.js';

const DEFAULT_PATH = '/notifications';
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_MAX_BODY = 1024 * 1024;

/**
 * go-heavy's built-in receiver (`ctx.notifications.listenWebhook()`): an HTTP server the system
 * under test calls back. Each POST or PUT to its path is one message, answered 202 once handed to
 * the hub; its body is parsed as JSON when it is JSON, else kept as text, and `meta` carries
 * `{ method, path, query, headers }`. Other paths get 404 and other methods 405 (not messages).
 */
export class WebhookSource implements NotificationSource {
  readonly name = 'webhook';
  private readonly path: string;
  private readonly host: string;
  private readonly port: number;
  private readonly maxBody: number;
  private server: Server | undefined;
  private sink: NotificationSink | undefined;
  /** Where the system under test should send its notifications; set once listening. */
  url: string | undefined;

  constructor(private readonly options: WebhookOptions = {}) {
    const problem = webhookProblem(options);
    if (problem !== undefined) throw new TypeError(`ctx.notifications.listenWebhook(): ${problem}`);
    this.path = options.path ?? DEFAULT_PATH;
    this.host = options.host ?? DEFAULT_HOST;
    this.port = options.port ?? 0;
    this.maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  }

  async start(sink: NotificationSink): Promise<void> {
    this.sink = sink;
    const server = createServer(this.handle);
    // The system under test may keep its connections open; they must not hold the run's end.
    server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => {
        const why = err.code === 'EADDRINUSE' ? 'the port is in use' : err.message;
        reject(new Error(`ctx.notifications.listenWebhook(): cannot listen on ${this.host}:${this.port}: ${why}`));
      });
      server.listen(this.port, this.host, () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    const host = this.host.includes(':') ? `[${this.host}]` : this.host === '0.0.0.0' ? '127.0.0.1' : this.host;
    this.url = this.options.publicUrl ?? `http://${host}:${port}${this.path}`;
  }

  close(): Promise<void> {
    const server = this.server;
    if (server === undefined) return Promise.resolve();
    this.server = undefined;
    return new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (path !== this.path) return reply(res, 404, `no webhook here; notifications go to ${this.path}`);
    if (req.method !== 'POST' && req.method !== 'PUT') {
      res.setHeader('allow', 'POST, PUT');
      return reply(res, 405, 'POST or PUT a notification');
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > this.maxBody) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) return reply(res, 413, `body larger than ${this.maxBody} bytes`);
      const text = Buffer.concat(chunks).toString('utf8');
      const message: Notification = {
        source: this.name,
        body: parseBody(text, req.headers['content-type']),
        meta: { method: req.method, path, query: q === -1 ? '' : url.slice(q + 1), headers: req.headers },
        receivedAt: now(),
      };
      this.sink?.deliver(message);
      reply(res, 202, '');
    });
    req.on('error', () => res.destroy());
  };
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain');
  res.end(text);
}

/** JSON when it says so or looks like it, else the text as is. */
function parseBody(text: string, contentType: string | undefined): unknown {
  const first = text.trimStart()[0];
  if (contentType?.includes('json') || first === '{' || first === '[') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** What is wrong with the options, or undefined. */
function webhookProblem(o: WebhookOptions): string | undefined {
  if (o === null || typeof o !== 'object') return 'expected an options object';
  if (o.path !== undefined && (typeof o.path !== 'string' || !o.path.startsWith('/'))) return `path: expected a path starting with '/'; got ${JSON.stringify(o.path)}`;
  if (o.host !== undefined && (typeof o.host !== 'string' || o.host === '')) return `host: expected an interface address such as '127.0.0.1' or '0.0.0.0'; got ${JSON.stringify(o.host)}`;
  if (o.port !== undefined && !(Number.isInteger(o.port) && o.port >= 0 && o.port <= 65535)) return `port: expected an integer from 0 to 65535; got ${JSON.stringify(o.port)}`;
  if (o.publicUrl !== undefined && !/^https?:\/\//.test(String(o.publicUrl))) return `publicUrl: expected an http(s) URL; got ${JSON.stringify(o.publicUrl)}`;
  if (o.maxBodyBytes !== undefined && !(Number.isInteger(o.maxBodyBytes) && o.maxBodyBytes > 0)) return `maxBodyBytes: expected a positive integer; got ${JSON.stringify(o.maxBodyBytes)}`;
  if (o.key !== undefined && typeof o.key !== 'function') return 'key: expected a function (message) => key';
  return undefined;
}

/** The options as compared between two `listenWebhook` calls and shown in messages. */
export function webhookOptionsText(o: WebhookOptions): string {
  const { key, ...rest } = o ?? {};
  return JSON.stringify({ ...rest, ...(key !== undefined && { key: 'function' }) });
}
