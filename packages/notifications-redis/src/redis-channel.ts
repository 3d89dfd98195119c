import { performance } from 'node:perf_hooks';
import type { Redis } from 'ioredis';
import type { NotificationSink, NotificationSource } from '@go-heavy/core';
import { connect, parsePayload, type RedisTarget } from './connect.js';

export interface RedisChannelOptions {
  /** `redis://host:port/db` or ioredis options; default `redis://127.0.0.1:6379`. */
  redis?: RedisTarget;
  /** The channel to subscribe to (`SUBSCRIBE`), or a pattern with `pattern: true` (`PSUBSCRIBE`). */
  channel: string;
  pattern?: boolean;
}

/**
 * Redis pub/sub as a notification source: every message published on the channel is one
 * notification, its body parsed as JSON when it is JSON, `meta` = `{ channel }`. Pub/sub keeps
 * nothing: messages published before `start` resolves, or while disconnected, are not seen.
 */
export function redisChannel(options: RedisChannelOptions): NotificationSource {
  return new RedisChannelSource(options);
}

class RedisChannelSource implements NotificationSource {
  readonly name: string;
  private client: Redis | undefined;

  constructor(private readonly options: RedisChannelOptions) {
    if (typeof options?.channel !== 'string' || options.channel === '') throw new TypeError('redisChannel(options): channel: expected a channel name');
    this.name = `redis:${options.channel}`;
  }

  async start(sink: NotificationSink): Promise<void> {
    const client = await connect(this.options.redis ?? 'redis://127.0.0.1:6379', this.name);
    this.client = client;
    const deliver = (channel: string, text: string): void => {
      sink.deliver({ source: this.name, body: parsePayload(text), meta: { channel }, receivedAt: performance.now() });
    };
    if (this.options.pattern) {
      client.on('pmessage', (_pattern: string, channel: string, text: string) => deliver(channel, text));
      await client.psubscribe(this.options.channel);
    } else {
      client.on('message', deliver);
      await client.subscribe(this.options.channel);
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client === undefined) return;
    await client.quit().catch(() => client.disconnect());
  }
}
