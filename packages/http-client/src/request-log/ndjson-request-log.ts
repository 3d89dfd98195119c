import { constants as fsConstants, createWriteStream, mkdirSync, openSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { toLogEntry } from './log-entry.js';
import { Redactor } from './redactor.js';
import type { RequestLog, RequestLogRecord, RequestLogStats } from './request-log.js';

/** Options of {@link createNdjsonRequestLog}. */
export interface NdjsonRequestLogOptions {
  /** The file to write (created, or emptied when it exists unless `append`; its folder is created too). */
  path: string;
  /**
   * Keep what the file holds and add lines at its end (default false: empty it first). For
   * several logs sharing one file, such as the worker threads of one run: see the class comment.
   */
  append?: boolean;
  /** Bodies (request and response) are cut to this many bytes (default 4096; 0 keeps none of them). */
  bodyLimit?: number;
  /** The share of requests logged, in (0, 1] (default 1: every one), drawn at random per request. */
  sample?: number;
  /** Log only requests that failed: no response, or a status of 400 or above (default false). */
  failedOnly?: boolean;
  /** Header names whose values are replaced by `[REDACTED]`, besides authorization, proxy-authorization, cookie and set-cookie. */
  redactHeaders?: readonly string[];
  /** Secret values (tokens, passwords) replaced by `[REDACTED]` wherever they appear: URLs, headers, bodies, errors. */
  redactValues?: readonly string[];
  /**
   * Bytes the log may hold in memory while the disk is behind (default 16 MiB). Beyond that,
   * lines are dropped and counted rather than slowing the requests down.
   */
  maxBufferedBytes?: number;
}

const DEFAULT_BODY_LIMIT = 4096;
const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
/** Records waiting for the next flush (one event-loop turn) beyond which they are dropped. */
const MAX_PENDING_RECORDS = 10_000;

/**
 * A {@link RequestLog} writing one JSON object per line (see `RequestLogEntry`) to a file.
 * The file is opened at once, so a path that cannot be written fails here, before the run.
 *
 * Never blocks the requests: `write` only queues the record; once per event-loop turn
 * (`setImmediate`) the queued records are formatted (redacted, bodies cut) and written in one
 * `write` to an fs WriteStream. While the disk is behind by more than `maxBufferedBytes`, or
 * after a write error, lines are dropped and counted in `close()`'s stats instead.
 *
 * The file is opened with O_APPEND and each write holds whole lines only, so several logs may
 * share it (one per worker thread, or process): on a local file system each O_APPEND write lands
 * whole at the end, never interleaved with another's, so every line stays whole. (Not on NFS,
 * where O_APPEND is not atomic.)
 */
export function createNdjsonRequestLog(options: NdjsonRequestLogOptions): RequestLog {
  return new NdjsonRequestLog(options);
}

class NdjsonRequestLog implements RequestLog {
  private readonly bodyLimit: number;
  private readonly sample: number;
  private readonly failedOnly: boolean;
  private readonly maxBufferedBytes: number;
  private readonly redactor: Redactor;
  private readonly stream: WriteStream;
  private queue: RequestLogRecord[] = [];
  private flushing: NodeJS.Immediate | undefined = undefined;
  private written = 0;
  private dropped = 0;
  private error: string | undefined = undefined;
  private closing: Promise<RequestLogStats> | undefined = undefined;

  constructor(options: NdjsonRequestLogOptions) {
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    if (!Number.isInteger(this.bodyLimit) || this.bodyLimit < 0) {
      throw new RangeError(`bodyLimit must be a whole number of bytes, 0 or more, got ${String(options.bodyLimit)}`);
    }
    this.sample = options.sample ?? 1;
    if (typeof this.sample !== 'number' || !(this.sample > 0 && this.sample <= 1)) {
      throw new RangeError(`sample must be a number above 0 and at most 1, got ${String(options.sample)}`);
    }
    this.maxBufferedBytes = options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES;
    if (!Number.isInteger(this.maxBufferedBytes) || this.maxBufferedBytes < 1) {
      throw new RangeError(`maxBufferedBytes must be a whole number above 0, got ${String(options.maxBufferedBytes)}`);
    }
    this.failedOnly = options.failedOnly === true;
    this.redactor = new Redactor(options.redactHeaders, options.redactValues);
    mkdirSync(path.dirname(path.resolve(options.path)), { recursive: true });
    const { O_WRONLY, O_CREAT, O_TRUNC, O_APPEND } = fsConstants;
    const fd = openSync(options.path, O_WRONLY | O_CREAT | O_APPEND | (options.append === true ? 0 : O_TRUNC));
    this.stream = createWriteStream(options.path, { fd });
    this.stream.on('error', (err) => {
      this.error ??= err.message;
    });
  }

  sampled(): boolean {
    return this.sample >= 1 || Math.random() < this.sample;
  }

  keeps(status: number | null): boolean {
    return !this.failedOnly || status === null || status >= 400;
  }

  write(record: RequestLogRecord): void {
    if (this.closing !== undefined || this.queue.length >= MAX_PENDING_RECORDS) {
      this.dropped++;
      return;
    }
    this.queue.push(record);
    this.flushing ??= setImmediate(this.flush);
  }

  close(): Promise<RequestLogStats> {
    if (this.closing !== undefined) return this.closing;
    if (this.flushing !== undefined) clearImmediate(this.flushing);
    this.flush();
    this.closing = new Promise<void>((resolve) => {
      if (this.stream.closed) return resolve();
      this.stream.once('close', resolve);
      this.stream.end();
    }).then(() => ({ written: this.written, dropped: this.dropped, ...(this.error !== undefined ? { error: this.error } : {}) }));
    return this.closing;
  }

  /** Formats and writes what was queued since the last turn, or drops it when the disk is behind. */
  private readonly flush = (): void => {
    this.flushing = undefined;
    const records = this.queue;
    if (records.length === 0) return;
    this.queue = [];
    if (this.error !== undefined || this.stream.destroyed || this.stream.writableLength >= this.maxBufferedBytes) {
      this.dropped += records.length;
      return;
    }
    let chunk = '';
    let lines = 0;
    for (const record of records) {
      try {
        chunk += `${JSON.stringify(toLogEntry(record, this.bodyLimit, this.redactor))}\n`;
        lines++;
      } catch {
        this.dropped++;
      }
    }
    if (lines === 0) return;
    this.stream.write(chunk, (err) => {
      if (err) this.dropped += lines;
      else this.written += lines;
    });
  };
}
