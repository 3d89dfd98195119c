import type { ServerResponse } from 'node:http';

/**
 * One Server-Sent Events message as the stream carries it: `event: NAME`, one `data:` line per
 * line of `data` (a browser's `EventSource` joins them back with `\n`), then a blank line.
 * `data` of JSON.stringify has no line break and takes one line. Throws on an event name that
 * is empty or holds a line break or a colon, which would corrupt the stream.
 */
export function sseEvent(event: string, data: string): string {
  if (event === '' || /[\r\n:]/.test(event)) throw new Error(`bad Server-Sent Events event name ${JSON.stringify(event)}`);
  const lines = data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `event: ${event}\n${lines.join('')}\n`;
}

/** A comment line (`: text`), which `EventSource` ignores: a heartbeat that keeps proxies and idle timers from closing the stream. */
export function sseComment(text: string): string {
  return `${text
    .split(/\r\n|\r|\n/)
    .map((line) => `: ${line}\n`)
    .join('')}\n`;
}

/** The reconnection delay a browser should wait after losing the stream, as its first field. */
export function sseRetry(ms: number): string {
  return `retry: ${Math.max(0, Math.round(ms))}\n\n`;
}

/** The response headers of an event stream: never cached, never buffered by a proxy. */
export const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  'x-content-type-options': 'nosniff',
} as const;

/**
 * The open event streams of a server: `send` writes one message to each, `end` ends them all.
 * A stream leaves the set when its client goes away.
 */
export class SseClients {
  private readonly open = new Set<ServerResponse>();

  get size(): number {
    return this.open.size;
  }

  /** Keeps `res` (whose headers and first messages are written) until its connection closes. */
  add(res: ServerResponse): void {
    this.open.add(res);
    res.once('close', () => this.open.delete(res));
  }

  /** Writes `chunk` (a framed message) to every open stream. */
  send(chunk: string): void {
    for (const res of this.open) res.write(chunk);
  }

  /**
   * Like {@link send}, but skips a stream that has not yet taken what was written before (a slow
   * or suspended page). For messages that each carry the whole state: that page gets the next
   * one, rather than snapshots piling up in memory here.
   */
  offer(chunk: string): void {
    for (const res of this.open) {
      if (!res.writableNeedDrain) res.write(chunk);
    }
  }

  /** Writes `chunk`, if any, then ends every stream. */
  end(chunk?: string): void {
    for (const res of this.open) res.end(chunk);
    this.open.clear();
  }
}
