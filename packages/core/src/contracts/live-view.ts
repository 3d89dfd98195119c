import type { CustomMetricResult, RequestResult, RunResult, Stats, StepResult, TaggedResult, TrendMetricResult, WorkflowResult } from './run-result.js';

/** A {@link TaggedResult} without its buckets and histogram. */
export type LiveTagged = Omit<TaggedResult, 'buckets' | 'histogram'>;

/** A {@link CustomMetricResult} as the live view has it: a trend without its encoded histogram. */
export type LiveMetric = Exclude<CustomMetricResult, TrendMetricResult> | Omit<TrendMetricResult, 'histogram'>;

/** The counts and latency percentiles of one level: {@link Stats} without `buckets` and the encoded histograms. */
export type LiveStats = Omit<Stats, 'buckets' | 'histogram' | 'succeededHistogram'>;

/** A {@link RequestResult} without its buckets and histogram. */
export type LiveRequest = Omit<RequestResult, 'buckets' | 'histogram' | 'succeededHistogram'>;

/** A {@link StepResult} without its buckets and histogram, nor those of its requests. */
export type LiveStep = Omit<StepResult, 'buckets' | 'histogram' | 'succeededHistogram' | 'requests' | 'metrics'> & { requests: LiveRequest[]; metrics?: LiveMetric[] };

/** A {@link WorkflowResult} without the buckets and histograms of any level. */
export type LiveWorkflow = Omit<WorkflowResult, 'buckets' | 'histogram' | 'succeededHistogram' | 'steps' | 'metrics' | 'tagged'> & { steps: LiveStep[]; metrics?: LiveMetric[]; tagged?: LiveTagged[] };

/**
 * The results so far as live consumers need them (a progress line, the dashboard, Prometheus,
 * `abortOnFail` thresholds): every count and latency percentile of a {@link RunResult}, without
 * what only the end needs: the latency `buckets` and the encoded `histogram` of every level,
 * which cost a walk and a compression of each histogram. A {@link RunResult} is a `LiveView`, so
 * code written for the view (threshold evaluation, an exporter) also takes the final results.
 */
export type LiveView = Omit<RunResult, 'workflows' | 'metrics' | 'tagged'> & { workflows: LiveWorkflow[]; metrics?: LiveMetric[]; tagged?: LiveTagged[] };
