import { connect, type Socket } from 'node:net';
import { DeadlineExceededError } from '../deadline.js';
import { H1SocketClosedError } from './errors.js';
import type { H1Request } from './h1-request.js';
import { H1Response } from './h1-response.js';
import { COMPLETE, NEED_MORE, ResponseParser } from './response-parser.js';
import { isClosedByServer, isIdempotent } from './retry-policy.js';
import { now } from '../clock.js';

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** True once the client was force-closed: failures count as `interrupted`. */
  readonly interrupted: boolean;
  /** The connection finished a response and can carry another request. */
  release(connection: H1Connection): void;
  /** The connection is gone (closed by either side, failed, or destroyed). */
  remove(connection: H1Connection): void;
  /**
   * The connection, reused, closed before any byte of the response to `request` came, and the
   * request may go out again: it is gone, and `request` goes out on a fresh connection instead.
   */
  retry(connection: H1Connection, request: H1Request): void;
  /** The server closed a connection right after a response that said it would stay open. */
  closesAfterResponses(): void;
}

/** TCP keep-alive probes start after this much silence, as undici's do. */
const KEEP_ALIVE_DELAY_MS = 60_000;

/**
 * A request written within this long of the connection's previous response, then met by the
 * server's close, shows a server that closes after its responses (rather than an idle timeout
 * that happened to strike while a request was on its way).
 */
const CLOSE_AFTER_RESPONSE_MS = 10;

/**
 * Every connection's socket reads into this one buffer (`onread`), and each read is copied out
 * at once into a pooled Buffer of its own size: Node then makes no ArrayBuffer per read and the
 * bytes skip the Readable stream machinery ('data' events, read-more ticks). Sharing is safe:
 * reads are delivered one at a time, and nothing keeps a reference to this buffer.
 */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * One keep-alive socket carrying one request at a time (no pipelining). Its listeners are bound
 * once, when the socket opens; the response is parsed as its bytes arrive, and the request is
 * settled the moment the last byte is in (no extra event-loop turn). A connection that cannot be
 * trusted after a response (`connection: close`, a close-delimited body, bytes beyond the
 * response, any error) is destroyed instead of being released.
 *
 * When the server closes or resets a reused connection before any byte of the response, the
 * request is handed back to the pool to go out once more on a fresh connection if its method is
 * idempotent (`retry-policy.ts`); otherwise it fails. A fresh connection, a response begun, a
 * timeout or a forced close never lead to a retry.
 */
export class H1Connection {
  readonly socket: Socket;
  /** The request in flight, or null while idle. */
  request: H1Request | null = null;
  private readonly parser = new ResponseParser();
  private gone = false;
  /** A response completed on this connection: the requests after it reuse it. */
  private reused = false;
  /** A byte of the response to the request in flight arrived. */
  private answered = false;
  /** `performance.now()` when the previous response completed. */
  private freedAt = 0;
  /** The socket was unref'd while idle (`unref`): the next request references it again. */
  private unreferenced = false;

  constructor(
    private readonly owner: ConnectionOwner,
    host: string,
    port: number,
  ) {
    this.socket = connect({
      host,
      port,
      noDelay: true,
      keepAlive: true,
      keepAliveInitialDelay: KEEP_ALIVE_DELAY_MS,
      onread: { buffer: READ_BUFFER, callback: this.onRead },
    });
    this.socket.on('end', this.onEnd);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onClose);
  }

  /** Sends `request`: written at once (Node buffers it while the socket still connects). */
  start(request: H1Request): void {
    this.request = request;
    this.answered = false;
    this.parser.reset(request.noBody, request.discardBody, request.maxBodyBytes);
    if (this.unreferenced) {
      this.unreferenced = false;
      this.socket.ref();
    }
    if (request.largeBody === undefined) {
      this.socket.write(request.data);
    } else {
      // Two buffers, one writev.
      this.socket.cork();
      this.socket.write(request.data);
      this.socket.write(request.largeBody);
      this.socket.uncork();
    }
  }

  /** Lets the process exit while this idle connection stays open, as undici's idle sockets do. */
  unref(): void {
    if (this.unreferenced) return;
    this.unreferenced = true;
    this.socket.unref();
  }

  /** Fails the request in flight as a timeout and drops the connection. */
  timeout(now: number): void {
    const request = this.detach();
    this.destroy();
    request.fail(new DeadlineExceededError(request.timeoutMs), now - request.start, this.owner.interrupted);
  }

  /** Fails the request in flight, if any, with `err`, and drops the connection. */
  abort(err: Error): void {
    if (this.request === null) this.destroy();
    else this.failRequest(err);
  }

  /** True once the connection was destroyed or left the pool. */
  get closed(): boolean {
    return this.gone;
  }

  /** Closes the socket and leaves the pool at once. Idempotent. */
  destroy(): void {
    if (this.gone) return;
    this.gone = true;
    this.socket.destroy();
    this.owner.remove(this);
  }

  private readonly onRead = (nread: number): boolean => {
    // Copied: the parser and the response keep references into their chunks.
    const chunk = Buffer.allocUnsafe(nread);
    READ_BUFFER.copy(chunk, 0, 0, nread);
    this.onData(chunk);
    return true;
  };

  private onData(chunk: Buffer): void {
    const request = this.request;
    // Bytes nobody asked for: the connection is out of step with the server.
    if (request === null) return this.destroy();
    this.answered = true;
    const result = this.parser.execute(chunk);
    if (result === NEED_MORE) return;
    if (result === COMPLETE) this.complete(request, this.parser.end === chunk.length);
    else this.failRequest(this.parser.error!);
  }

  private readonly onEnd = (): void => {
    const request = this.request;
    if (request !== null && this.parser.finish() === COMPLETE) this.complete(request, false);
    else if (request !== null) this.failRequest(new H1SocketClosedError());
    else this.destroy();
  };

  private readonly onError = (err: Error): void => {
    if (this.request !== null) this.failRequest(err);
    else this.destroy();
  };

  private readonly onClose = (): void => {
    if (this.request !== null) this.failRequest(new H1SocketClosedError());
    else this.destroy();
  };

  /** The response is in: settles the request, then frees or drops the connection. */
  private complete(request: H1Request, nothingAfter: boolean): void {
    const time = now();
    const response = new H1Response(this.parser, request.origin, request.path, request.method, time - request.start);
    const hasSetCookie = this.parser.head.hasSetCookie;
    this.request = null;
    this.reused = true;
    this.freedAt = time;
    // Extra bytes after a complete response cannot be another response without pipelining.
    if (nothingAfter && this.parser.reusable && !request.closeRequested) {
      this.owner.release(this);
    } else {
      this.destroy();
    }
    request.succeed(response, hasSetCookie);
  }

  private failRequest(err: Error): void {
    const request = this.detach();
    if (this.reused && !this.answered && !this.owner.interrupted && isClosedByServer(err)) {
      // No answer at all: the server closed this connection while the request was on its way.
      if (request.start - this.freedAt < CLOSE_AFTER_RESPONSE_MS) this.owner.closesAfterResponses();
      if (!request.retried && isIdempotent(request.method)) {
        this.gone = true;
        this.socket.destroy();
        if (request.retry()) this.owner.retry(this, request);
        else this.owner.remove(this);
        return;
      }
    }
    const latencyMs = now() - request.start;
    this.destroy();
    request.fail(err, latencyMs, this.owner.interrupted);
  }

  private detach(): H1Request {
    const request = this.request!;
    this.request = null;
    return request;
  }
}
