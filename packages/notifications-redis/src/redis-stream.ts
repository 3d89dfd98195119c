import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { NotificationSink, NotificationSource } from '@go-heavy/core';
import { connect, parsePayload, type RedisTarget } from './connect.js';

export interface RedisStreamOptions {
  /** `redis://host:port/db` or ioredis options; default `redis://127.0.0.1:6379`. */
  redis?: RedisTarget;
  /** The stream key to read (`XREAD`). */
  stream: string;
  /**
   * The entry's field holding the message, parsed as JSON when it is JSON. Default: none, the
   * body is every field of the entry as an object (`{ id: 'p-1', status: 'settled' }`).
   */
  field?: string;
  /** Entries read per `XREAD`; default 500. */
  count?: number;
  /** How long one `XREAD` blocks waiting for entries, in ms; default 1000. */
  blockMs?: number;
}

/**
 * A Redis stream as a notification source: every entry added after `start` (from the stream's
 * last entry then) is one notification, `meta` = `{ stream, entryId }`. Reads with `XREAD BLOCK`
 * on a connection of its own, no consumer group: each test sees every entry.
 */
export function redisStream(options: RedisStreamOptions): NotificationSource {
  return new RedisStreamSource(options);
}

class RedisStreamSource implements NotificationSource {
  readonly name: string;
  private client: Redis | undefined;
  private reading: Promise<void> | undefined;
  private closing = false;

  constructor(private readonly options: RedisStreamOptions) {
    if (typeof options?.stream !== 'string' || options.stream === '') throw new TypeError('redisStream(options): stream: expected a stream key');
    for (const key of ['count', 'blockMs'] as const) {
      const v = options[key];
      if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new TypeError(`redisStream(options): ${key}: expected a positive integer; got ${JSON.stringify(v)}`);
    }
    this.name = `redis:${options.stream}`;
  }

  async start(sink: NotificationSink): Promise<void> {
    const client = await connect(this.options.redis ?? 'redis://127.0.0.1:6379', this.name);
    this.client = client;
    // From the last entry now: nothing added after start is missed, nothing older is replayed.
    const last = await client.xrevrange(this.options.stream, '+', '-', 'COUNT', 1);
    const from = last[0]?.[0] ?? '0-0';
    this.reading = this.read(client, sink, from);
  }

  async close(): Promise<void> {
    this.closing = true;
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    // A blocked XREAD ends when its connection does.
    client.disconnect();
    await this.reading;
  }

  private async read(client: Redis, sink: NotificationSink, from: string): Promise<void> {
    const { stream, field } = this.options;
    const count = this.options.count ?? 500;
    const blockMs = this.options.blockMs ?? 1000;
    let lastId = from;
    while (!this.closing) {
      let reply: Array<[string, Array<[string, string[]]>]> | null;
      try {
        reply = (await client.xread('COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, lastId)) as typeof reply;
      } catch {
        // Closed, or the connection dropped: ioredis reconnects, the next read goes on from lastId.
        if (this.closing) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      if (reply === null) continue;
      for (const [, entries] of reply) {
        for (const [entryId, fields] of entries) {
          lastId = entryId;
          sink.deliver({ source: this.name, body: bodyOf(fields, field), meta: { stream, entryId }, receivedAt: performance.now() });
        }
      }
    }
  }
}

/** The entry's fields as an object, or the one field asked for, parsed. */
function bodyOf(fields: string[], field: string | undefined): unknown {
  if (field !== undefined) {
    for (let i = 0; i < fields.length; i += 2) if (fields[i] === field) return parsePayload(fields[i + 1] ?? '');
    return undefined;
  }
  const out: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) out[fields[i]!] = fields[i + 1] ?? '';
  return out;
}
