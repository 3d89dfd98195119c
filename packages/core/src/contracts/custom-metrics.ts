/**
 * Custom metrics: what a workflow records through `ctx.metrics`, besides its requests.
 * The user-facing handles and the sink a {@link StepMetrics} hands out for each of them.
 */

/** The kinds of custom metric: a running total, a share of true, a distribution of values. */
export type CustomMetricKind = 'counter' | 'rate' | 'trend';

/** The custom metric kinds, in the order the reports list them. */
export const CUSTOM_METRIC_KINDS: readonly CustomMetricKind[] = ['counter', 'rate', 'trend'];

/** Longest custom metric name, in UTF-16 units. */
export const MAX_METRIC_NAME_LENGTH = 100;

/** A running total, such as orders placed or bytes uploaded. */
export interface CounterMetric {
  /** Adds `n` (default 1), a finite number >= 0; anything else throws, naming the metric. */
  add(n?: number): void;
}

/** A share of true values, such as cache hits among lookups. */
export interface RateMetric {
  /** Counts one value: `ok` true (a pass) or false. */
  add(ok: boolean): void;
}

/** A distribution of values in your own unit (a queue depth, a size): min, max, mean and percentiles. */
export interface TrendMetric {
  /**
   * Adds one value, a finite number >= 0, kept to 0.001 and within 0.1 % (3 significant digits)
   * in the percentiles; min, max and mean are exact. Anything else throws, naming the metric.
   */
  add(value: number): void;
}

/**
 * `ctx.metrics`: custom metrics recorded under the step running when `add` is called (the
 * iteration's default step outside any step, `(init)` / `(cleanup)` in those hooks), rolled up
 * to the workflow and the run. A name (1 to 100 characters, no leading or trailing space, no
 * control character) belongs to one kind for the whole run: using it with another kind throws,
 * naming both. Resolve a handle once (`const depth = ctx.metrics.trend('queue depth')`) or call
 * these each time: both are cheap, and `add` allocates nothing.
 */
export interface CustomMetrics {
  counter(name: string): CounterMetric;
  rate(name: string): RateMetric;
  trend(name: string): TrendMetric;
}

/**
 * Where one custom metric of one step is recorded: handed out by `StepMetrics.metric`, once per
 * step and name. Values arrive validated: a counter's amount >= 0, a rate's 1 (true) or 0
 * (false), a trend's value >= 0, all finite. Must not allocate.
 */
export interface CustomMetricSink {
  add(value: number): void;
}
