import type { JsHistogram } from 'hdr-histogram-js';
import type { CustomMetricKind, CustomMetricSink } from '@go-heavy/core';
import { createLatencyHistogram, MAX_RECORDED_US } from './histogram.js';

/** Trend values are kept in the histogram as integers of this many units per unit (0.001 resolution). */
export const TREND_SCALE = 1000;

/** One custom metric of one step (or, rolled up, of a workflow or the run). Adding allocates nothing. */
export type CustomSeries = CounterSeries | RateSeries | TrendSeries;

/** A running total. */
class CounterSeries implements CustomMetricSink {
  readonly kind = 'counter' as const;
  /** The sum of the amounts added. */
  total = 0;

  constructor(readonly name: string) {}

  add(value: number): void {
    this.total += value;
  }

  addInto(into: CounterSeries): void {
    into.total += this.total;
  }
}

/** A share of true values: `add(1)` for true, `add(0)` for false. */
class RateSeries implements CustomMetricSink {
  readonly kind = 'rate' as const;
  count = 0;
  passes = 0;

  constructor(readonly name: string) {}

  add(value: number): void {
    this.count++;
    this.passes += value;
  }

  addInto(into: RateSeries): void {
    into.count += this.count;
    into.passes += this.passes;
  }
}

/**
 * A distribution of values >= 0 in the user's unit: the exact count, sum, min and max, and an HDR
 * histogram of the values × {@link TREND_SCALE} (3 significant digits) for the percentiles.
 */
export class TrendSeries implements CustomMetricSink {
  readonly kind = 'trend' as const;
  readonly histogram: JsHistogram = createLatencyHistogram();
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  /**
   * The most decimals (0 to 3) any value had: percentiles are rounded to it, so a trend of whole
   * numbers reports whole percentiles (4, not the histogram's 4.001) and one of cents, cents.
   */
  decimals = 0;

  constructor(readonly name: string) {}

  add(value: number): void {
    if (this.decimals < MAX_DECIMALS && !hasDecimals(value, this.decimals)) this.decimals = decimalsOf(value);
    const scaled = Math.round(value * TREND_SCALE);
    // Values past ~1.1e9 are clamped in the histogram only; min, max and mean stay exact.
    this.histogram.recordValue(scaled < MAX_RECORDED_US ? scaled : MAX_RECORDED_US);
    this.count++;
    this.sum += value;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  addInto(into: TrendSeries): void {
    into.histogram.add(this.histogram);
    into.count += this.count;
    into.sum += this.sum;
    if (this.min < into.min) into.min = this.min;
    if (this.max > into.max) into.max = this.max;
    if (this.decimals > into.decimals) into.decimals = this.decimals;
  }
}

/** The resolution of the histogram: values are kept to 0.001. */
const MAX_DECIMALS = 3;
const POWERS = [1, 10, 100, 1000];

/** True when `value` needs at most `decimals` decimals (up to float noise: 1.1 × 10 is 11.000000000000002). */
function hasDecimals(value: number, decimals: number): boolean {
  const shifted = value * POWERS[decimals]!;
  return Math.abs(shifted - Math.round(shifted)) <= 1e-9 * Math.max(1, shifted);
}

/** How many decimals (0 to 3) `value` needs. */
export function decimalsOf(value: number): number {
  let d = 0;
  while (d < MAX_DECIMALS && !hasDecimals(value, d)) d++;
  return d;
}

/** A new, empty series of this kind. */
export function createSeries(kind: CustomMetricKind, name: string): CustomSeries {
  return kind === 'counter' ? new CounterSeries(name) : kind === 'rate' ? new RateSeries(name) : new TrendSeries(name);
}

/** Adds `from` into `into`, two series of the same kind. */
export function addSeries(from: CustomSeries, into: CustomSeries): void {
  (from.addInto as (into: CustomSeries) => void)(into);
}
