import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { CorrelationHub } from '@go-heavy/core';
import { redisChannel, redisStream } from '@go-heavy/notifications-redis';

/** A real redis-server on a free loopback port, nothing saved, stopped in afterAll. */
let server: ChildProcess;
let url: string;
let publisher: Redis;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

beforeAll(async () => {
  const port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  publisher = new Redis(url, { lazyConnect: true, retryStrategy: () => null });
  publisher.on('error', () => {});
  // Up to 10 s for the server to take connections.
  for (let i = 0; ; i++) {
    try {
      await publisher.connect();
      break;
    } catch (err) {
      if (i >= 100) throw err;
      await delay(100);
    }
  }
});

afterAll(async () => {
  publisher?.disconnect();
  server?.kill();
});

describe('redisChannel', () => {
  it("routes every message published on the channel to its own key's wait, early ones included", async () => {
    const hub = new CorrelationHub();
    await hub.subscribe(redisChannel({ redis: url, channel: 'payments' }));
    const n = 1000;
    // The first half is published before anyone waits: early arrivals.
    for (let i = 0; i < n / 2; i++) await publisher.publish('payments', JSON.stringify({ id: `p-${i}`, n: i }));
    await publisher.publish('other-channel', JSON.stringify({ id: 'p-0' }));
    const waits = Array.from({ length: n }, (_, i) => hub.waitFor<{ id: string; n: number }>(`p-${i}`, { timeout: '20s' }));
    for (let i = n / 2; i < n; i++) await publisher.publish('payments', JSON.stringify({ id: `p-${i}`, n: i }));
    await publisher.publish('payments', 'not json, no key');
    const got = await Promise.all(waits);
    got.forEach((m, i) => {
      expect(m.body).toEqual({ id: `p-${i}`, n: i });
      expect(m.source).toBe('redis:payments');
      expect(m.meta).toEqual({ channel: 'payments' });
    });
    // The keyless message was published last: wait (bounded) until it is counted.
    for (let i = 0; i < 100 && hub.result().received < n + 1; i++) await delay(20);
    await hub.close();
    expect(hub.result()).toEqual({ sources: ['redis:payments'], received: n + 1, waits: n, matched: n, early: expect.any(Number), late: 0, unmatched: 1, expired: 0, timedOut: 0, interrupted: 0 });
    // Published before the waits, read by the hub before they came (all but a few on a slow machine).
    expect(hub.result().early).toBeGreaterThan(0);
  });
});

describe('redisStream', () => {
  it('reads entries added after start, each to its key, and ignores what was there before', async () => {
    await publisher.xadd('jobs', '*', 'id', 'old', 'status', 'stale');
    const hub = new CorrelationHub();
    await hub.subscribe(redisStream({ redis: url, stream: 'jobs', blockMs: 200 }));
    const n = 500;
    for (let i = 0; i < n / 2; i++) await publisher.xadd('jobs', '*', 'id', `j-${i}`, 'status', 'done');
    const waits = Array.from({ length: n }, (_, i) => hub.waitFor<Record<string, string>>(`j-${i}`, { timeout: '20s' }));
    for (let i = n / 2; i < n; i++) await publisher.xadd('jobs', '*', 'id', `j-${i}`, 'status', 'done');
    const got = await Promise.all(waits);
    got.forEach((m, i) => {
      expect(m.body).toEqual({ id: `j-${i}`, status: 'done' });
      expect(m.meta).toMatchObject({ stream: 'jobs', entryId: expect.stringMatching(/^\d+-\d+$/) });
    });
    await expect(hub.waitFor('old', { timeout: 300 })).rejects.toMatchObject({ category: 'timeout' });
    await hub.close();
    expect(hub.result()).toMatchObject({ sources: ['redis:jobs'], received: n, matched: n, timedOut: 1 });
  });

  it('parses one field as JSON with `field`', async () => {
    const hub = new CorrelationHub();
    await hub.subscribe(redisStream({ redis: url, stream: 'events', field: 'payload', blockMs: 200 }));
    const wait = hub.waitFor<{ correlationId: string; ok: boolean }>('c-1', { timeout: '10s' });
    await publisher.xadd('events', '*', 'payload', JSON.stringify({ correlationId: 'c-1', ok: true }));
    expect((await wait).body).toEqual({ correlationId: 'c-1', ok: true });
    await hub.close();
  });
});

describe('start failures', () => {
  it('name the source and the server in one line', async () => {
    const port = await freePort();
    const hub = new CorrelationHub();
    await expect(hub.subscribe(redisChannel({ redis: `redis://127.0.0.1:${port}`, channel: 'x' }))).rejects.toThrow(
      new RegExp(`^redis:x: cannot connect to redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED`),
    );
    await hub.close();
    expect(() => redisStream({ stream: 'jobs', count: 0 })).toThrow('redisStream(options): count: expected a positive integer; got 0');
  });
});
