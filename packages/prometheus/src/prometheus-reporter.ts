import type { LiveView, ProgressUpdate, Reporter, RunResult, RunStartInfo } from '@go-heavy/core';
import { buildRegistry } from './build-registry.js';
import { groupUrl, pushgatewayUrl, putMetrics } from './pushgateway.js';

/** The default time between two pushes during a run, in milliseconds. */
export const DEFAULT_INTERVAL_MS = 5000;

/** How long one push may take before it counts as failed, in milliseconds. */
export const PUSH_TIMEOUT_MS = 5000;

export interface PrometheusReporterOptions {
  /** The Pushgateway: `host:port`, or an `http(s)://` URL (a path prefix is kept), or a `URL`. */
  pushgateway: string | URL;
  /** The service under test; the Pushgateway job is `go-heavy-<service>`. */
  service: string;
  /** Adds the grouping label `namespace` (f1's `PROMETHEUS_NAMESPACE`) to every metric; empty = none. */
  namespace?: string;
  /** Adds the grouping label `id` (f1's `PROMETHEUS_LABEL_ID`) to every metric; empty = none. */
  id?: string;
  /** The least time between two pushes during the run, in milliseconds; default 5000. */
  intervalMs?: number;
  /**
   * Receives one message, from `close()`, when pushes failed (how many, and why). Default:
   * `console.warn`. Never called on the load's hot path.
   */
  warn?: (message: string) => void;
}

/** How the pushes of a reporter went so far. */
export interface PushStats {
  /** Pushes started (at start, every interval, at the end); a view that threw counts as one. */
  attempted: number;
  /** Pushes the gateway accepted (2xx). */
  succeeded: number;
  /** Pushes that failed: no connection, no answer within 5 s, or a status other than 2xx. */
  failed: number;
}

/** The Reporter returned by {@link prometheusReporter}. */
export interface PrometheusReporter extends Reporter {
  readonly name: 'prometheus';
  /** The Pushgateway group the reporter replaces on every push (credentials left out). */
  readonly groupUrl: string;
  onStart(info: RunStartInfo): void;
  onProgress(update: ProgressUpdate): void;
  onEnd(result: RunResult): Promise<void>;
  close(): Promise<void>;
  pushStats(): PushStats;
}

/**
 * A reporter that pushes the run's metrics (see README.md) to a Prometheus Pushgateway with a
 * PUT to `/metrics/job/go-heavy-<service>[/namespace/<ns>][/id/<id>]`, which replaces the group:
 *
 * - `onStart`: `go_heavy_run_info` alone, so the previous run's numbers leave the group at once;
 * - `onProgress`: the results so far from `update.view()` (counts and percentiles; no
 *   histogram is encoded) once `update.elapsedSec` reaches the
 *   next multiple of `intervalMs` (5 s, 10 s, …), and only when the previous push has finished
 *   (a push that waited leaves at least half an interval before the next); the push runs in
 *   the background, so `onProgress` costs one view (shared with the other reporters) and one registry per interval, and
 *   nothing in the other seconds;
 * - `onEnd(result)`: waits for a push in flight, then pushes the complete results and waits for it;
 * - `close()`: waits for a push in flight, then reports failed pushes once through `warn`.
 *
 * Every metric is built in a registry of its own, never prom-client's global one. Each push is
 * bounded by {@link PUSH_TIMEOUT_MS}. No hook throws or rejects: a gateway that is down only
 * costs the exported metrics. Throws at once on invalid options.
 */
export function prometheusReporter(options: PrometheusReporterOptions): PrometheusReporter {
  return new PushReporter(options);
}

class PushReporter implements PrometheusReporter {
  readonly name = 'prometheus' as const;
  readonly groupUrl: string;
  private readonly url: URL;
  private readonly intervalSec: number;
  private readonly warn: (message: string) => void;
  private inflight: Promise<void> | null = null;
  /** Pushes during the run fall on a grid of `intervalSec`, so tick jitter does not stretch it. */
  private nextPushSec: number;
  private lastPushSec = 0;
  private ended = false;
  private attempted = 0;
  private succeeded = 0;
  private failed = 0;
  private firstError: string | null = null;
  private lastError: string | null = null;
  private reported = false;

  constructor(options: PrometheusReporterOptions) {
    if (typeof options.service !== 'string' || options.service.trim() === '') {
      throw new TypeError('prometheus: option service: expected the name of the service under test (the job is go-heavy-<service>)');
    }
    const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    if (typeof intervalMs !== 'number' || !Number.isFinite(intervalMs) || intervalMs <= 0) {
      throw new TypeError(`prometheus: option intervalMs: expected a number of milliseconds > 0, got ${String(intervalMs)}`);
    }
    const grouping: Array<[string, string]> = [['job', `go-heavy-${options.service}`]];
    for (const label of ['namespace', 'id'] as const) {
      const value = options[label];
      if (value === undefined || value === '') continue;
      if (typeof value !== 'string') throw new TypeError(`prometheus: option ${label}: expected a string, got ${typeof value}`);
      grouping.push([label, value]);
    }
    this.url = groupUrl(pushgatewayUrl(options.pushgateway), grouping);
    const shown = new URL(this.url.href);
    shown.username = '';
    shown.password = '';
    this.groupUrl = shown.href;
    this.intervalSec = intervalMs / 1000;
    this.nextPushSec = this.intervalSec;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  onStart(info: RunStartInfo): void {
    this.push(info.testId, null);
  }

  onProgress(update: ProgressUpdate): void {
    const now = update.elapsedSec;
    // A push delayed by the one before it still leaves half an interval before the next.
    if (this.ended || this.inflight !== null || now < this.nextPushSec || now - this.lastPushSec < this.intervalSec / 2) return;
    this.lastPushSec = now;
    this.nextPushSec = (Math.floor(now / this.intervalSec) + 1) * this.intervalSec;
    let result: LiveView;
    try {
      result = update.view();
    } catch (error) {
      this.attempted++;
      this.recordFailure(`view failed: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.push(result.testId, result);
  }

  async onEnd(result: RunResult): Promise<void> {
    this.ended = true;
    await this.settle();
    // Started after the one in flight ended, so the complete results are the last to land.
    this.push(result.testId, result);
    await this.settle();
  }

  async close(): Promise<void> {
    this.ended = true;
    await this.settle();
    if (this.failed > 0 && !this.reported) {
      this.reported = true;
      const last = this.lastError !== this.firstError ? `; last: ${this.lastError}` : '';
      const message = `prometheus: ${this.failed} of ${this.attempted} pushes to ${this.groupUrl} failed (first: ${this.firstError}${last}); ` + 'the run and its results are not affected';
      try {
        this.warn(message);
      } catch {
        // A throwing warn must not fail the run either.
      }
    }
  }

  pushStats(): PushStats {
    return { attempted: this.attempted, succeeded: this.succeeded, failed: this.failed };
  }

  /** Starts one push in the background; `this.inflight` settles (never rejects) when it is done. */
  private push(testId: string, result: LiveView | null): void {
    this.attempted++;
    const done = this.send(testId, result).then(
      () => {
        this.succeeded++;
      },
      (error: unknown) => this.recordFailure(error instanceof Error ? error.message : String(error)),
    );
    const tracked = done.finally(() => {
      if (this.inflight === tracked) this.inflight = null;
    });
    this.inflight = tracked;
  }

  private async send(testId: string, result: LiveView | null): Promise<void> {
    const registry = buildRegistry(testId, result);
    const body = await registry.metrics();
    await putMetrics(this.url, body, registry.contentType, PUSH_TIMEOUT_MS);
  }

  private async settle(): Promise<void> {
    while (this.inflight !== null) await this.inflight;
  }

  private recordFailure(reason: string): void {
    this.failed++;
    this.firstError ??= reason;
    this.lastError = reason;
  }
}
