import type { CounterMetric, CustomMetricKind, CustomMetrics, CustomMetricSink, RateMetric, TrendMetric } from '../contracts/custom-metrics.js';
import type { StepMetrics } from '../contracts/metrics.js';
import { checkMetricName, metricKindClash } from './metric-name.js';

/** What `ctx.metrics` records through: the step running now, and whether the iteration was abandoned. */
export interface MetricOwner {
  readonly currentStep: StepMetrics;
  /** An abandoned iteration was recorded already: its late values count for nothing, like its checks. */
  readonly expired: boolean;
}

/**
 * `ctx.metrics` of one user context: one handle per name, made on first use and kept for the
 * context's life. Each handle remembers the step it last recorded in and that step's sink, so
 * `add` in the same step is a comparison and a call: nothing is allocated.
 */
export class UserMetrics implements CustomMetrics {
  private readonly byName = new Map<string, MetricHandle>();
  /** The handle asked for last: most calls repeat it (a loop adding to one metric). */
  private last: MetricHandle | undefined = undefined;

  constructor(private readonly owner: MetricOwner) {}

  counter(name: string): CounterMetric {
    return this.handle('counter', name) as CounterHandle;
  }

  rate(name: string): RateMetric {
    return this.handle('rate', name) as RateHandle;
  }

  trend(name: string): TrendMetric {
    return this.handle('trend', name) as TrendHandle;
  }

  private handle(kind: CustomMetricKind, name: string): MetricHandle {
    const last = this.last;
    if (last !== undefined && last.name === name && last.kind === kind) return last;
    let handle = this.byName.get(name);
    if (handle === undefined) {
      checkMetricName(name);
      handle = kind === 'counter' ? new CounterHandle(name, this.owner) : kind === 'rate' ? new RateHandle(name, this.owner) : new TrendHandle(name, this.owner);
      this.byName.set(name, handle);
    } else if (handle.kind !== kind) {
      throw metricKindClash(name, handle.kind, kind);
    }
    this.last = handle;
    return handle;
  }
}

/** One name's handle: finds the sink of the current step, re-resolving only when the step changed. */
abstract class MetricHandle {
  abstract readonly kind: CustomMetricKind;
  private step: StepMetrics | undefined = undefined;
  private sink: CustomMetricSink | undefined = undefined;

  constructor(
    readonly name: string,
    private readonly owner: MetricOwner,
  ) {}

  protected record(value: number): void {
    const owner = this.owner;
    if (owner.expired) return;
    const step = owner.currentStep;
    if (step !== this.step) {
      this.sink = step.metric(this.kind, this.name);
      this.step = step;
    }
    this.sink!.add(value);
  }

  protected invalid(method: string, expected: string, value: unknown): RangeError {
    const shown = typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value === 'string' ? JSON.stringify(value) : typeof value;
    return new RangeError(`ctx.metrics.${this.kind}(${JSON.stringify(this.name)}).${method}(): expected ${expected}, got ${shown}`);
  }
}

class CounterHandle extends MetricHandle implements CounterMetric {
  readonly kind = 'counter' as const;

  add(n = 1): void {
    if (typeof n !== 'number' || !(n >= 0) || n === Infinity) throw this.invalid('add', 'a finite number >= 0', n);
    this.record(n);
  }
}

class RateHandle extends MetricHandle implements RateMetric {
  readonly kind = 'rate' as const;

  add(ok: boolean): void {
    if (typeof ok !== 'boolean') throw this.invalid('add', 'true or false', ok);
    this.record(ok ? 1 : 0);
  }
}

class TrendHandle extends MetricHandle implements TrendMetric {
  readonly kind = 'trend' as const;

  add(value: number): void {
    if (typeof value !== 'number' || !(value >= 0) || value === Infinity) throw this.invalid('add', 'a finite number >= 0', value);
    this.record(value);
  }
}
