import type { CorrelationKey, Notification, NotificationOptions, Notifications, NotificationSink, NotificationSource, WaitForOptions, WebhookOptions } from '../contracts/notifications.js';
import type { NotificationsResult } from '../contracts/run-result.js';
import { now } from '../clock.js';
import { defaultKey } from './default-key.js';
import { EarlyBuffer } from './early-buffer.js';
import { formatWait, NotificationWaitError } from './notification-errors.js';
import { DEFAULT_WAIT_MS, parseWaitMs } from './parse-wait.js';
import { WaiterHeap } from './waiter-heap.js';
import { WakeTimer } from './wake-timer.js';
import { WebhookSource, webhookOptionsText } from './webhook-source.js';

/** How long, and how many, messages that arrived before their `waitFor` are kept by default. */
export const DEFAULT_EARLY_TTL_MS = 60_000;
export const DEFAULT_EARLY_MAX = 100_000;

/** One `waitFor` in progress. */
interface Waiter {
  key: string;
  deadline: number;
  heapIndex: number;
  start: number;
  limitMs: number;
  resolve(message: Notification): void;
  reject(err: Error): void;
}

/**
 * The test's correlation hub, behind `ctx.notifications`: sources deliver messages, each is routed
 * by its key to the `waitFor` of that key, kept for a while when it came first, or counted (late,
 * unmatched, expired) when nobody claims it. One per test, shared by every user of every
 * workflow; one timer for every wait and kept message, armed for the earliest deadline.
 */
export class CorrelationHub implements Notifications, NotificationSink {
  private readonly waiters = new Map<string, Waiter>();
  private readonly deadlines = new WaiterHeap<Waiter>();
  private early: EarlyBuffer = new EarlyBuffer(DEFAULT_EARLY_TTL_MS, DEFAULT_EARLY_MAX);
  /** Keys whose wait timed out, with when they are forgotten, oldest first: to count late messages. */
  private readonly timedOutKeys = new Map<string, number>();
  private readonly timer = new WakeTimer((time) => this.expire(time));
  private key: CorrelationKey = defaultKey;
  private readonly sources: Array<{ source: NotificationSource; started: Promise<void> }> = [];
  private webhook: { source: WebhookSource; options: string; started: Promise<string> } | undefined;
  private cutShort = false;
  private closed = false;
  private readonly counts: Omit<NotificationsResult, 'sources'> = { received: 0, waits: 0, matched: 0, early: 0, late: 0, unmatched: 0, expired: 0, timedOut: 0, interrupted: 0 };

  /** `signal` aborts when the run is cut short: waits still pending then reject as `interrupted`. */
  constructor(signal?: AbortSignal) {
    signal?.addEventListener('abort', () => this.interruptAll(), { once: true });
  }

  configure(options: NotificationOptions): void {
    if (options === null || typeof options !== 'object') throw new TypeError('ctx.notifications.configure(options): expected an object');
    if (options.key !== undefined) this.key = checkKeyFn(options.key, 'ctx.notifications.configure({ key })');
    if (options.keepEarlyFor !== undefined || options.keepEarlyMax !== undefined) {
      const ttl = parseWaitMs(options.keepEarlyFor, 'ctx.notifications.configure({ keepEarlyFor })', this.early.ttlMs);
      const max = options.keepEarlyMax ?? this.early.max;
      if (!Number.isInteger(max) || max < 1) throw new TypeError(`ctx.notifications.configure({ keepEarlyMax }): expected an integer >= 1; got ${JSON.stringify(max)}`);
      if (this.early.size > 0) throw new Error('ctx.notifications.configure(): call it in init, before messages arrive');
      this.early = new EarlyBuffer(ttl, max);
    }
  }

  listenWebhook(options: WebhookOptions = {}): Promise<string> {
    const text = webhookOptionsText(options);
    if (this.webhook !== undefined) {
      if (this.webhook.options === text) return this.webhook.started;
      throw new Error(`ctx.notifications.listenWebhook(${text}): the test already listens with ${this.webhook.options}; one webhook receiver per test`);
    }
    const source = new WebhookSource(options);
    const started = this.startSource(source, options.key).then(() => source.url!);
    started.catch(() => undefined);
    this.webhook = { source, options: text, started };
    return started;
  }

  subscribe(source: NotificationSource, options: { key?: CorrelationKey } = {}): Promise<void> {
    if (source === null || typeof source !== 'object' || typeof source.start !== 'function' || typeof source.close !== 'function') {
      throw new TypeError('ctx.notifications.subscribe(source): expected a NotificationSource (name, start(sink), close())');
    }
    return this.startSource(source, options.key);
  }

  get url(): string {
    const url = this.webhook?.source.url;
    if (url === undefined) {
      throw new Error(
        this.webhook === undefined
          ? 'ctx.notifications.url: no webhook receiver; call ctx.notifications.listenWebhook() in init'
          : 'ctx.notifications.url: the webhook receiver is not listening yet; await ctx.notifications.listenWebhook()',
      );
    }
    return url;
  }

  /** True once a source was started: the results then carry the counts. */
  get used(): boolean {
    return this.sources.length > 0;
  }

  /** Resolves once every source started; rejects with the first that failed to. */
  async ready(): Promise<void> {
    await Promise.all(this.sources.map((s) => s.started));
  }

  waitFor<Body = unknown>(key: string | number, options?: WaitForOptions): Promise<Notification<Body>> {
    if (typeof key !== 'string' && typeof key !== 'number') return Promise.reject(new TypeError(`ctx.notifications.waitFor(key): expected a string or a number; got ${typeof key}`));
    const id = String(key);
    let limitMs: number;
    try {
      limitMs = parseWaitMs(options?.timeout, 'ctx.notifications.waitFor(key, { timeout })', DEFAULT_WAIT_MS);
    } catch (err) {
      return Promise.reject(err);
    }
    if (this.waiters.has(id)) return Promise.reject(new Error(`ctx.notifications.waitFor(${JSON.stringify(id)}): already waiting for this key; one wait per key at a time`));
    this.counts.waits++;
    this.timedOutKeys.delete(id);
    const kept = this.early.take(id);
    if (kept !== undefined) {
      this.counts.matched++;
      this.counts.early++;
      return Promise.resolve(kept as Notification<Body>);
    }
    if (this.cutShort || this.closed) {
      this.counts.interrupted++;
      return Promise.reject(new NotificationWaitError('interrupted', id, 0, formatWait(limitMs)));
    }
    return new Promise<Notification<Body>>((resolve, reject) => {
      const start = now();
      const waiter: Waiter = { key: id, deadline: start + limitMs, heapIndex: -1, start, limitMs, resolve: resolve as (m: Notification) => void, reject };
      this.waiters.set(id, waiter);
      this.deadlines.push(waiter);
      this.timer.watch(waiter.deadline);
    });
  }

  deliver(message: Notification, key: CorrelationKey = this.key): void {
    this.counts.received++;
    let id: string | undefined;
    try {
      const k = key(message);
      id = k === undefined || k === null ? undefined : String(k);
    } catch {
      id = undefined;
    }
    if (id === undefined || this.closed) {
      this.counts.unmatched++;
      return;
    }
    const waiter = this.waiters.get(id);
    if (waiter !== undefined) {
      this.waiters.delete(id);
      this.deadlines.remove(waiter);
      this.counts.matched++;
      waiter.resolve(message);
      return;
    }
    const time = now();
    const forgetAt = this.timedOutKeys.get(id);
    if (forgetAt !== undefined && forgetAt > time) {
      this.counts.late++;
      return;
    }
    this.counts.expired += this.early.put(id, message, time);
    this.timer.watch(time + this.early.ttlMs);
  }

  /** The counts so far, for the results. */
  result(): NotificationsResult {
    return { sources: this.sources.map((s) => s.source.name), ...this.counts };
  }

  /**
   * At the end of the test: closes every source, fails waits still pending as interrupted and
   * counts messages still kept as unmatched. Resolves to the errors of sources that failed to close.
   */
  async close(): Promise<unknown[]> {
    if (this.closed) return [];
    this.closed = true;
    const errors: unknown[] = [];
    for (const { source, started } of this.sources) {
      try {
        await started.catch(() => undefined);
        await source.close();
      } catch (err) {
        errors.push(err);
      }
    }
    this.interruptAll();
    this.timer.stop();
    this.counts.unmatched += this.early.drain();
    this.timedOutKeys.clear();
    return errors;
  }

  private startSource(source: NotificationSource, key: CorrelationKey | undefined): Promise<void> {
    if (this.closed) throw new Error('ctx.notifications: the test has ended');
    const keyFn = key === undefined ? undefined : checkKeyFn(key, `ctx.notifications (${source.name}): key`);
    const sink: NotificationSink = keyFn === undefined ? this : { deliver: (message) => this.deliver(message, keyFn) };
    const started = Promise.resolve().then(() => source.start(sink));
    // Handled here so a call that is not awaited raises no unhandled rejection; ready() reports it.
    started.catch(() => undefined);
    this.sources.push({ source, started });
    return started;
  }

  /** The timer fired: fails waits past their deadline, forgets expired messages; returns the next deadline. */
  private expire(time: number): number {
    for (let w = this.deadlines.peek(); w !== undefined && w.deadline <= time; w = this.deadlines.peek()) {
      this.deadlines.pop();
      this.waiters.delete(w.key);
      this.counts.timedOut++;
      this.rememberTimedOut(w.key, time);
      w.reject(new NotificationWaitError('timeout', w.key, time - w.start, formatWait(w.limitMs)));
    }
    this.counts.expired += this.early.expire(time);
    return Math.min(this.deadlines.peek()?.deadline ?? Infinity, this.early.nextExpiry());
  }

  private rememberTimedOut(key: string, time: number): void {
    // Oldest first, one time limit for all: forget from the front what is past its time, and
    // keep the map within the buffer's bound.
    for (const [k, forgetAt] of this.timedOutKeys) {
      if (forgetAt > time && this.timedOutKeys.size < this.early.max) break;
      this.timedOutKeys.delete(k);
    }
    this.timedOutKeys.set(key, time + this.early.ttlMs);
  }

  private interruptAll(): void {
    this.cutShort = true;
    const time = now();
    for (const w of this.deadlines.drain()) {
      this.waiters.delete(w.key);
      this.counts.interrupted++;
      w.reject(new NotificationWaitError('interrupted', w.key, time - w.start, formatWait(w.limitMs)));
    }
  }
}

function checkKeyFn(key: CorrelationKey, what: string): CorrelationKey {
  if (typeof key !== 'function') throw new TypeError(`${what}: expected a function (message) => key`);
  return key;
}
