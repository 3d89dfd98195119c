import type { CookieJar, HttpResponse, RequestMetrics } from '@go-heavy/core';
import { DeadlineExceededError } from '../deadline.js';
import type { DefaultHeaders, OutgoingHeaders } from '../headers.js';
import type { RedirectHandler, Transport } from '../transport.js';
import { DeadlineTimer, type Expiring } from './deadline-timer.js';
import { H1ClientClosedError, H1DestroyedError } from './errors.js';
import { H1Connection, type ConnectionOwner } from './h1-connection.js';
import { H1Request } from './h1-request.js';
import { RequestEncoder } from './request-head.js';
import { RequestQueue } from './request-queue.js';
import { now } from '../clock.js';

/** What a pool needs from the client it belongs to. */
export interface H1ClientState {
  /** True once the client was force-closed: failures from then on are `interrupted`. */
  readonly interrupted: boolean;
  /** The client's default request headers (their identity marks a cacheable head). */
  readonly headers: DefaultHeaders;
  /** Largest body kept, in bytes; a larger one fails the request as `response-too-large`. */
  readonly maxResponseBytes: number;
}

/**
 * go-heavy's HTTP/1.1 transport for one `http:` origin: up to `maxConnections` keep-alive
 * sockets, opened when needed, each carrying one request at a time. A request takes the most
 * recently freed idle socket (LIFO, so the warmest), else opens one if the limit allows, else
 * waits in a FIFO queue, the wait counting in its latency. A socket the server closes while idle
 * is dropped and the next request opens another. Timeouts are checked by one timer armed for
 * the earliest deadline (`DeadlineTimer`), not a timer per request. Idle sockets are unref'd
 * (they do not keep the process alive) when the whole pool is idle, not each time one goes idle:
 * under load a socket is idle for a microtask or two, and a ref/unref pair per request cost more
 * than that.
 *
 * A freed socket is reused at once, in the same tick: nothing is spent per request to guard
 * against a server that closes right after a keep-alive response (its FIN is read only on the
 * event loop's next poll, after the next request was written). Once a server has done that, the
 * pool turns wary: a freed socket waits until the event loop has polled it once more (one
 * `setImmediate` per pool per turn, not per request), so such a FIN drops it before it is reused,
 * and a request that finds no idle socket opens one or queues meanwhile. A request that still
 * meets a closed connection before any byte of its response goes out once more on a fresh one
 * when its method is idempotent (`h1-connection.ts`).
 */
export class H1Pool implements Transport, ConnectionOwner, Expiring {
  private readonly host: string;
  private readonly port: number;
  private readonly encoder: RequestEncoder;
  private readonly deadlines = new DeadlineTimer(this);
  /** Every open (or opening) connection; those not idle have a request in flight. */
  private readonly connections: H1Connection[] = [];
  private readonly idle: H1Connection[] = [];
  private readonly queue = new RequestQueue();
  private closing = false;
  /** The server closed a connection right after a keep-alive response: freed sockets settle first. */
  private wary = false;
  /** Freed since the last check phase, then freed before it: reused at the check phase after next. */
  private fresh: H1Connection[] = [];
  private settling: H1Connection[] = [];
  private spare: H1Connection[] = [];
  private settleScheduled = false;
  private drained: Promise<void> | undefined = undefined;
  private resolveDrained: (() => void) | undefined = undefined;

  constructor(
    origin: string,
    private readonly state: H1ClientState,
    private readonly maxConnections: number,
  ) {
    const url = new URL(origin);
    this.host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    this.port = url.port === '' ? 80 : Number(url.port);
    this.encoder = new RequestEncoder(url.host, state.headers);
  }

  /** @internal read by connections when a request fails. */
  get interrupted(): boolean {
    return this.state.interrupted;
  }

  send(
    metrics: RequestMetrics,
    method: string,
    path: string,
    origin: string,
    headers: OutgoingHeaders,
    body: string | Uint8Array | undefined,
    timeoutMs: number,
    cookies: CookieJar | undefined,
    discardBody: boolean,
    endpoint: string,
    redirect?: RedirectHandler,
  ): Promise<HttpResponse> {
    let data: Buffer;
    try {
      data = this.encoder.encode(method, path, headers, body);
    } catch (err) {
      return Promise.reject(err);
    }
    const encoder = this.encoder;
    const request = new H1Request(metrics, method, path, origin, cookies, data, encoder.largeBody, encoder.closeRequested, timeoutMs, now(), discardBody, this.state.maxResponseBytes, endpoint);
    request.redirect = redirect;
    if (this.closing) {
      request.fail(new H1ClientClosedError(), now() - request.start, this.state.interrupted);
      return request.promise;
    }
    const idle = this.idle.pop();
    if (idle !== undefined) idle.start(request);
    else if (this.connections.length < this.maxConnections) this.open().start(request);
    else this.queue.push(request);
    this.deadlines.watch(request.deadline);
    return request.promise;
  }

  /** @internal a connection finished its response: reused now, or once settled when the pool is wary. */
  release(connection: H1Connection): void {
    if (this.wary && !this.closing) {
      this.fresh.push(connection);
      this.scheduleSettle();
    } else {
      this.reuse(connection);
    }
  }

  /** @internal a reused connection closed before any byte of the response: `request` goes out on a fresh one. */
  retry(connection: H1Connection, request: H1Request): void {
    const at = this.connections.indexOf(connection);
    if (at !== -1) this.connections.splice(at, 1);
    // In the place of the one gone, ahead of any queued request: a retry is never queued behind
    // them, nor sent on a reused connection.
    this.open().start(request);
  }

  /** @internal the server closed a connection right after a keep-alive response. */
  closesAfterResponses(): void {
    this.wary = true;
  }

  /** @internal the check-phase step of a wary pool: reuses the connections freed before the last one. */
  settle(): void {
    this.settleScheduled = false;
    const ready = this.settling;
    this.settling = this.fresh;
    this.fresh = this.spare;
    for (let i = 0; i < ready.length; i++) {
      const connection = ready[i]!;
      // Closed meanwhile: its FIN was read, which is what the wait was for.
      if (!connection.closed) this.reuse(connection);
    }
    ready.length = 0;
    this.spare = ready;
    if (this.settling.length > 0) this.scheduleSettle();
  }

  private scheduleSettle(): void {
    if (this.settleScheduled) return;
    this.settleScheduled = true;
    setImmediate(settleStep, this);
  }

  /** Next queued request, else idle (or closed when closing). */
  private reuse(connection: H1Connection): void {
    if (this.queue.length > 0) {
      connection.start(this.queue.shift());
    } else if (this.closing) {
      connection.destroy();
    } else {
      this.idle.push(connection);
      // While other requests are in flight, the next request most likely takes this socket
      // back at once. Once none is, idle sockets stop keeping the process alive.
      if (this.idle.length === this.connections.length) {
        for (let i = 0; i < this.idle.length; i++) this.idle[i]!.unref();
      }
    }
  }

  /** @internal a connection is gone: forget it, and give a waiting request a new one. */
  remove(connection: H1Connection): void {
    const at = this.connections.indexOf(connection);
    if (at !== -1) this.connections.splice(at, 1);
    const idleAt = this.idle.lastIndexOf(connection);
    if (idleAt !== -1) this.idle.splice(idleAt, 1);
    if (this.queue.length > 0 && this.connections.length < this.maxConnections) {
      this.open().start(this.queue.shift());
    }
    this.checkDrained();
  }

  /** @internal the deadline timer's check: fails what is past its deadline, returns the next deadline. */
  expire(now: number): number {
    // Backwards: a timed-out connection leaves `connections` as it is destroyed (and one opened
    // for a queued request is appended after the index being visited).
    for (let i = this.connections.length - 1; i >= 0; i--) {
      const connection = this.connections[i]!;
      const request = connection.request;
      if (request !== null && request.deadline <= now) connection.timeout(now);
    }
    if (this.queue.length > 0) {
      for (const request of this.queue.removeWhere((r) => r.deadline <= now)) {
        request.fail(new DeadlineExceededError(request.timeoutMs), now - request.start, this.state.interrupted);
      }
    }
    let next = Infinity;
    for (let i = 0; i < this.connections.length; i++) {
      const request = this.connections[i]!.request;
      if (request !== null && request.deadline < next) next = request.deadline;
    }
    return Math.min(next, this.queue.earliestDeadline());
  }

  close(): Promise<void> {
    this.closing = true;
    for (const connection of this.idle.slice()) connection.destroy();
    return this.whenDrained();
  }

  destroy(): Promise<void> {
    this.closing = true;
    const err = new H1DestroyedError();
    const time = now();
    for (const request of this.queue.drain()) request.fail(err, time - request.start, this.state.interrupted);
    for (const connection of this.connections.slice()) connection.abort(err);
    return this.whenDrained();
  }

  private open(): H1Connection {
    const connection = new H1Connection(this, this.host, this.port);
    this.connections.push(connection);
    return connection;
  }

  private whenDrained(): Promise<void> {
    this.drained ??= new Promise<void>((resolve) => {
      this.resolveDrained = resolve;
    });
    this.checkDrained();
    return this.drained;
  }

  private checkDrained(): void {
    if (!this.closing || this.connections.length > 0 || this.queue.length > 0) return;
    this.deadlines.stop();
    this.resolveDrained?.();
  }
}

/** Module-level, so scheduling a settle step needs no closure: the pool travels as its argument. */
function settleStep(pool: H1Pool): void {
  pool.settle();
}
