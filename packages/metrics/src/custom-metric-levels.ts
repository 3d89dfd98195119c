import type { CustomMetricResult, LiveMetric } from '@go-heavy/core';
import type { CustomSeries } from './custom-metric.js';
import { metricResults, rollUpSeries } from './custom-metric-results.js';
import type { StepHandle } from './step-handle.js';
import type { WorkflowHandle } from './workflow-handle.js';

/** `{ metrics }` to spread into a level's result, or `{}` when it recorded none (the field is optional). */
type MetricsField = { metrics?: CustomMetricResult[] } | { metrics?: LiveMetric[] };

function field(results: CustomMetricResult[] | LiveMetric[] | undefined): MetricsField {
  return results === undefined ? {} : { metrics: results };
}

/** The custom metrics recorded in one step. */
export function stepMetrics(step: StepHandle, durationMs: number, complete: boolean): MetricsField {
  return field(metricResults([...step.metrics.values()], durationMs, complete));
}

/** A workflow's custom metrics: its steps', added up by name. */
export function workflowMetrics(wf: WorkflowHandle, durationMs: number, complete: boolean): MetricsField {
  return field(metricResults(rollUpSeries(stepsOf(wf)), durationMs, complete));
}

/** The run's custom metrics: every workflow's steps', added up by name. */
export function runMetrics(workflows: readonly WorkflowHandle[], durationMs: number, complete: boolean): MetricsField {
  return field(metricResults(rollUpSeries(workflows.flatMap(stepsOf)), durationMs, complete));
}

function stepsOf(wf: WorkflowHandle): Array<Iterable<CustomSeries>> {
  return [...wf.steps.values()].map((step) => step.metrics.values());
}
