/**
 * Asynchronous notifications correlated to iterations (`ctx.notifications`): a source (a webhook,
 * a queue) delivers messages, the test's correlation hub routes each one, by its key, to the
 * iteration waiting for it.
 */

/** One message a source received. */
export interface Notification<Body = unknown> {
  /** The source it came from: `webhook`, `redis:payments`… */
  readonly source: string;
  /** The payload: parsed JSON when it is JSON, else its text. */
  readonly body: Body;
  /** What the transport adds (HTTP headers, a channel, a stream entry id), as the source documents it. */
  readonly meta: Readonly<Record<string, unknown>>;
  /** `performance.now()` when the source received it, in milliseconds. */
  readonly receivedAt: number;
}

/** The correlation key of a message, or undefined when it has none (counted as unmatched). */
export type CorrelationKey = (message: Notification) => string | number | undefined;

/** Where a {@link NotificationSource} hands its messages: the test's correlation hub. */
export interface NotificationSink {
  /**
   * A message arrived. `key` overrides the hub's key function for this source. Never throws and
   * never blocks: the hub matches, buffers or counts the message at once.
   */
  deliver(message: Notification, key?: CorrelationKey): void;
}

/**
 * Something that receives notifications (a webhook, a Redis channel, a Kafka topic) and delivers
 * them to the hub: the extension point behind `ctx.notifications.subscribe(source)`. Started once
 * per test, from a workflow's `init`; closed at the end of the run, after the cleanups.
 */
export interface NotificationSource {
  /** Shown in the results and the summary (`redis:payments`). */
  readonly name: string;
  /** Starts receiving and delivering to `sink`; resolves once messages can arrive. */
  start(sink: NotificationSink): Promise<void>;
  /** Stops receiving; resolves once nothing more will be delivered. */
  close(): Promise<void>;
}

/** `ctx.notifications.listenWebhook(options)`. */
export interface WebhookOptions {
  /** Path the system under test POSTs (or PUTs) to; default `/notifications`. */
  path?: string;
  /** Interface to listen on; default `127.0.0.1`. `0.0.0.0` to be reachable from other machines. */
  host?: string;
  /** Port; default 0 (a free one, chosen by the system). */
  port?: number;
  /** The URL to hand out instead of `http://host:port/path` (behind NAT, a proxy, a Kubernetes service). */
  publicUrl?: string;
  /** Correlation key of this receiver's messages; default the hub's (`body.id`, else `body.correlationId`). */
  key?: CorrelationKey;
  /** Largest body accepted, in bytes; default 1 MiB (larger ones get 413 and are not delivered). */
  maxBodyBytes?: number;
}

/** `ctx.notifications.waitFor(key, options)`. */
export interface WaitForOptions {
  /** How long to wait: milliseconds, or `'10s'`, `'500ms'`, `'2m'`. Default 30 s. */
  timeout?: number | string;
}

/** `ctx.notifications.configure(options)`. */
export interface NotificationOptions {
  /** The key function for sources without their own; default `body.id`, else `body.correlationId` (numbers become strings). */
  key?: CorrelationKey;
  /**
   * How long a message that arrived before its `waitFor` is kept (and a timed-out key
   * remembered, to count its message as late): milliseconds or `'60s'`. Default 60 s.
   */
  keepEarlyFor?: number | string;
  /** How many such messages are kept at most (default 100 000); beyond, the oldest is dropped and counted as expired. */
  keepEarlyMax?: number;
}

/** What `init` can do with the test's notifications. */
export interface NotificationSetup {
  /**
   * Starts go-heavy's webhook receiver (once per test: a second call with the same options
   * returns the same receiver, other options throw). Resolves to its URL once it listens; need
   * not be awaited, as iterations start only after it listens (a failure to listen fails the test).
   */
  listenWebhook(options?: WebhookOptions): Promise<string>;
  /** Starts a source of your own; like `listenWebhook`, need not be awaited. */
  subscribe(source: NotificationSource, options?: { key?: CorrelationKey }): Promise<void>;
  /** Sets the key function and the bounds of the early-message buffer; call it in `init`. */
  configure(options: NotificationOptions): void;
  /** The webhook receiver's URL to hand to the system under test. Throws before it listens. */
  readonly url: string;
}

/** `ctx.notifications`: shared by every user of every workflow of the test. */
export interface Notifications extends NotificationSetup {
  /**
   * Resolves with the message whose key is `key`, even when it arrived before this call (early
   * messages are kept for a bounded time). Rejects with an error of category `timeout` after the
   * timeout (failing the step it runs in), or `interrupted` when the run is cut short. One wait
   * per key at a time; messages with the same key are handed out in their order of arrival.
   */
  waitFor<Body = unknown>(key: string | number, options?: WaitForOptions): Promise<Notification<Body>>;
}
