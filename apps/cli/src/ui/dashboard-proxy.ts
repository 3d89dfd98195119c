import http, { type IncomingMessage, type ServerResponse } from 'node:http';

/** One message of a dashboard's event stream. */
export interface DashboardMessage {
  event: 'result' | 'end';
  /** The message's data: the live view (`result`) or the final results (`end`), as JSON. */
  json: string;
}

/**
 * The dashboard's current state: the first `result` or `end` message of its `/events` stream
 * (a new client gets the latest state at once), read then dropped. Undefined when the dashboard
 * cannot be reached or says nothing within `timeoutMs`.
 */
export function currentView(dashboardUrl: string, timeoutMs = 5_000): Promise<DashboardMessage | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const done = (message: DashboardMessage | undefined): void => {
      clearTimeout(timer);
      req.destroy();
      resolve(message);
    };
    const timer = setTimeout(() => done(undefined), timeoutMs);
    const req = http.get(`${dashboardUrl}/events`, { agent: false }, (res) => {
      if (res.statusCode !== 200) return done(undefined);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        for (const block of text.split('\n\n').slice(0, -1)) {
          const event = /^event: (result|end)$/m.exec(block)?.[1] as DashboardMessage['event'] | undefined;
          if (event) {
            const json = block
              .split('\n')
              .filter((line) => line.startsWith('data: '))
              .map((line) => line.slice(6))
              .join('\n');
            return done({ event, json });
          }
        }
      });
      res.on('end', () => done(undefined));
    });
    req.on('error', () => done(undefined));
  });
}

/**
 * Relays the dashboard's event stream to `res`, as it comes: the live page of the UI listens to
 * the run's dashboard through the UI's own origin (its policy lets it connect nowhere else).
 * Resolves false, having written nothing, when the dashboard cannot be reached (it closes as
 * the run ends); the relay ends when either side does.
 */
export function relayEvents(dashboardUrl: string, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    const upstream = http.get(`${dashboardUrl}/events`, { agent: false }, (up) => {
      if (up.statusCode !== 200) {
        up.resume();
        return resolve(false);
      }
      req.socket.setNoDelay(true);
      res.writeHead(200, {
        'content-type': up.headers['content-type'] ?? 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      up.pipe(res);
      resolve(true);
    });
    upstream.on('error', () => {
      if (!res.headersSent) resolve(false);
      else res.end();
    });
    res.on('close', () => upstream.destroy());
  });
}
