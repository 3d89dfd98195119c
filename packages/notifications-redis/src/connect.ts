import { Redis, type RedisOptions } from 'ioredis';

/** Where a source connects: a `redis://` URL, or ioredis options. */
export type RedisTarget = string | RedisOptions;

/**
 * A connection of the source's own (a subscribed connection can do nothing else), connected
 * before `start` resolves. A failure names the source and the server in one line.
 */
export async function connect(target: RedisTarget, source: string): Promise<Redis> {
  const client = typeof target === 'string' ? new Redis(target, { lazyConnect: true }) : new Redis({ ...target, lazyConnect: true });
  let lastError: Error | undefined;
  // Without a listener, a dropped connection would crash the run; ioredis reconnects by itself.
  client.on('error', (err: Error) => {
    lastError = err;
  });
  try {
    await client.connect();
  } catch (err) {
    client.disconnect();
    const where = typeof target === 'string' ? target : `${target.host ?? '127.0.0.1'}:${target.port ?? 6379}`;
    throw new Error(`${source}: cannot connect to ${where}: ${(lastError ?? (err as Error)).message}`);
  }
  return client;
}

/** JSON when it parses, else the text as is. */
export function parsePayload(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[' && first !== '"') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
