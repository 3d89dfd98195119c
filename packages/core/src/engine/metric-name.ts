import { MAX_METRIC_NAME_LENGTH, type CustomMetricKind } from '../contracts/custom-metrics.js';

/** True when `text` holds a control character (below U+0020, or DEL). */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** Throws a TypeError saying what was expected when `name` cannot name a custom metric. */
export function checkMetricName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || name.trim() === '')
    throw new TypeError(`ctx.metrics: expected a metric name (a non-empty string), got ${typeof name === 'string' ? JSON.stringify(name) : typeof name}`);
  if (name.length > MAX_METRIC_NAME_LENGTH) throw new TypeError(`ctx.metrics: metric name "${name.slice(0, 20)}…" is ${name.length} characters long: expected at most ${MAX_METRIC_NAME_LENGTH}`);
  if (name !== name.trim() || hasControlCharacter(name)) throw new TypeError(`ctx.metrics: metric name ${JSON.stringify(name)}: expected no leading or trailing space and no control characters`);
}

/** The error for a name used with two kinds; recorders throw the same. */
export function metricKindClash(name: string, was: CustomMetricKind, now: CustomMetricKind): TypeError {
  return new TypeError(`ctx.metrics: "${name}" is a ${was}, so it cannot be used as a ${now}: one name, one kind`);
}
