import { formatTags, metricKindClash, NO_REDACTION, type CustomMetricKind, type Redactor, type RequestTags, type StepMetrics } from '@go-heavy/core';
import { CheckCounts } from './check-counts.js';
import { createSeries, type CustomSeries } from './custom-metric.js';
import { toMicros } from './histogram.js';
import { LevelCounter } from './level-counter.js';
import { RequestHandle } from './request-handle.js';
import type { RunCounters } from './run-counters.js';

/** One step of one workflow: its own runs and latencies, the requests made inside it and its custom metrics. */
export class StepHandle implements StepMetrics {
  readonly level = new LevelCounter();
  /** Every request handle, in the order first used (the maps below group by method). */
  readonly requests: RequestHandle[] = [];
  /** Custom metrics by name as shown (redacted), in the order first used. */
  readonly metrics = new Map<string, CustomSeries>();
  /** The same series by the name they were asked by. */
  private readonly metricByName = new Map<string, CustomSeries>();
  /** method -> endpoint (+ tags) -> handle: looked up without building a key string for untagged requests. */
  private readonly byMethod = new Map<string, Map<string, RequestHandle>>();
  /** The handle `request()` returned last, and the endpoint and tags it was asked by (before redaction). */
  private last: RequestHandle | undefined = undefined;
  private lastEndpoint = '';
  private lastTags: RequestTags | undefined = undefined;
  /** The checks made while this step was the innermost one running. */
  readonly checks: CheckCounts;

  constructor(
    readonly name: string,
    private readonly run: RunCounters,
    private readonly redactor: Redactor = NO_REDACTION,
  ) {
    this.checks = new CheckCounts(redactor);
  }

  /** The handle for this method, endpoint and tags (shown redacted); the same object on every call. */
  request(method: string, endpoint: string, tags?: RequestTags): RequestHandle {
    // Most calls ask for the request asked for last: three comparisons instead of two lookups.
    const last = this.last;
    if (last !== undefined && endpoint === this.lastEndpoint && tags === this.lastTags && method === last.method) return last;
    let byEndpoint = this.byMethod.get(method);
    if (byEndpoint === undefined) {
      byEndpoint = new Map();
      this.byMethod.set(method, byEndpoint);
    }
    // Tags make a series of their own: keyed by the endpoint and the tags as shown (sorted keys).
    const tagText = formatTags(tags);
    const key = tagText === '' ? endpoint : `${endpoint}\u0000${tagText}`;
    let handle = byEndpoint.get(key);
    if (handle === undefined) {
      handle = new RequestHandle(method, this.redactor.text(endpoint), this.run, tagText === '' ? undefined : this.shownTags(tags!));
      byEndpoint.set(key, handle);
      this.requests.push(handle);
    }
    this.last = handle;
    this.lastEndpoint = endpoint;
    this.lastTags = tags;
    return handle;
  }

  /** A check made while this step was the innermost one running. */
  recordCheck(name: string, ok: boolean): void {
    this.checks.record(name, ok);
  }

  /** One execution of the step that took `latencyMs` milliseconds. */
  record(latencyMs: number, ok: boolean): void {
    this.level.record(toMicros(latencyMs), ok);
  }

  /** The series of the custom metric `name` in this step; throws when the recorder knows the name as another kind. */
  metric(kind: CustomMetricKind, name: string): CustomSeries {
    let series = this.metricByName.get(name);
    if (series !== undefined && series.kind === kind) return series;
    const known = this.run.metricKinds.get(name);
    if (known !== undefined && known !== kind) throw metricKindClash(name, known, kind);
    this.run.metricKinds.set(name, kind);
    const shown = this.redactor.text(name);
    series = this.metrics.get(shown);
    if (series === undefined || series.kind !== kind) {
      series = createSeries(kind, shown);
      this.metrics.set(shown, series);
    }
    this.metricByName.set(name, series);
    return series;
  }

  /** A copy of the tags with their values redacted, keys sorted. */
  private shownTags(tags: RequestTags): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(tags).sort()) out[key] = this.redactor.text(tags[key]!);
    return out;
  }
}
