import type { Notification } from '../contracts/notifications.js';

/** One message kept until its `waitFor` comes. */
interface Entry {
  readonly key: string;
  readonly message: Notification;
  readonly expiresAt: number;
  taken: boolean;
  /** The next message kept with the same key. */
  next: Entry | undefined;
}

/**
 * Messages that arrived before anyone waited for them, kept for a bounded time (`ttlMs`) and
 * in a bounded number (`max`), handed out per key in their order of arrival. Every message
 * put here leaves once: taken, expired, pushed out when full, or drained at the end.
 * Entries expire in the order they came (one TTL for all), so a queue holds them in expiry order.
 */
export class EarlyBuffer {
  /** Per key, the oldest entry not yet taken (the rest chained by `next`). */
  private readonly heads = new Map<string, Entry>();
  /** Chain tails, to append in O(1). */
  private readonly tails = new Map<string, Entry>();
  /** Every entry in arrival (and expiry) order; taken ones are skipped when reached. */
  private queue: Entry[] = [];
  private head = 0;
  /** Entries kept and not taken. */
  size = 0;

  constructor(
    readonly ttlMs: number,
    readonly max: number,
  ) {}

  /** Keeps `message`; returns 1 when a kept message had to be pushed out to make room, else 0. */
  put(key: string, message: Notification, time: number): number {
    let evicted = 0;
    if (this.size >= this.max) {
      const oldest = this.oldest();
      if (oldest !== undefined) {
        this.drop(oldest);
        evicted = 1;
      }
    }
    const entry: Entry = { key, message, expiresAt: time + this.ttlMs, taken: false, next: undefined };
    const tail = this.tails.get(key);
    if (tail === undefined) this.heads.set(key, entry);
    else tail.next = entry;
    this.tails.set(key, entry);
    this.queue.push(entry);
    this.size++;
    return evicted;
  }

  /** The oldest message kept for `key`, removed, or undefined. */
  take(key: string): Notification | undefined {
    const entry = this.heads.get(key);
    if (entry === undefined) return undefined;
    this.unlink(entry);
    return entry.message;
  }

  /** Drops what expired by `time`; returns how many. */
  expire(time: number): number {
    let n = 0;
    for (let e = this.oldest(); e !== undefined && e.expiresAt <= time; e = this.oldest()) {
      this.drop(e);
      n++;
    }
    return n;
  }

  /** When the oldest kept message expires, or Infinity. */
  nextExpiry(): number {
    return this.oldest()?.expiresAt ?? Infinity;
  }

  /** Empties the buffer; returns how many messages were still kept. */
  drain(): number {
    const n = this.size;
    this.heads.clear();
    this.tails.clear();
    this.queue = [];
    this.head = 0;
    this.size = 0;
    return n;
  }

  /** The oldest entry not taken; taken ones before it leave the queue on the way. */
  private oldest(): Entry | undefined {
    while (this.head < this.queue.length && this.queue[this.head]!.taken) this.head++;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return this.queue[this.head];
  }

  /** Removes the oldest entry, which is also the head of its key's chain. */
  private drop(entry: Entry): void {
    this.unlink(entry);
    this.head++;
  }

  /** Marks the head of a key's chain taken and moves the chain on. */
  private unlink(entry: Entry): void {
    entry.taken = true;
    this.size--;
    if (entry.next === undefined) {
      this.heads.delete(entry.key);
      this.tails.delete(entry.key);
    } else {
      this.heads.set(entry.key, entry.next);
    }
  }
}
