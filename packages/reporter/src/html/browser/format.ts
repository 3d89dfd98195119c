// Browser code: bundled by esbuild into the page's inline script (see ../browser-bundles.d.ts).
// Turning numbers into text: the duration and number formats are the console report's own
// modules, so the HTML report reads like it; missing values (a live, partial result) read "-".
import { formatDuration, trimZeros } from '../../format-duration.js';
import { formatCount, formatPercent, formatRate, plural } from '../../format-number.js';

// The console's own description of the load: the page and the Load line say the same.
export { describeLoad, formatLoad, formatProfile } from '../../describe-load.js';
export { formatCount, formatDuration, formatPercent, formatRate, plural };
export const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
/** Run data is JSON of any shape: a list, else empty. */
export const arr = (v: unknown): any[] => (Array.isArray(v) ? v : []); // eslint-disable-line @typescript-eslint/no-explicit-any -- run data is untyped JSON until the page reads a field
/** Run data is JSON of any shape: an object, else empty. */
export const obj = (v: unknown): any => (v !== null && typeof v === 'object' ? v : {}); // eslint-disable-line @typescript-eslint/no-explicit-any -- run data is untyped JSON until the page reads a field

/** A plain number with at most 3 decimals ("9.9", "1234"), for threshold values. */
export const formatValue = (n) => (isNum(n) ? String(Number(n.toFixed(3))) : '-');

/** An axis label for a count: "0", "2.5", "750", "12k", "1.5M". */
export function formatAxisCount(n) {
  if (!isNum(n)) return '';
  if (Math.abs(n) >= 1e6) return trimZeros((n / 1e6).toFixed(1)) + 'M';
  if (Math.abs(n) >= 1e4) return trimZeros((n / 1e3).toFixed(1)) + 'k';
  return String(Number(n.toFixed(2)));
}

/** "p50 0.1 ms, p99 1.2 ms, max 3.4 ms over 5000 starts". */
export function formatSchedulerLag(scheduler) {
  const lag = obj(scheduler.lagMs);
  return 'p50 ' + formatDuration(lag.p50) + ', p99 ' + formatDuration(lag.p99) + ', max ' + formatDuration(lag.max) + ' over ' + formatCount(scheduler.starts) + ' starts';
}

/** "2.0 s: 1234 iterations, 3702 requests, not in the statistics". */
export function formatWarmup(warmup) {
  return (
    (isNum(warmup.durationMs) ? (warmup.durationMs / 1000).toFixed(1) + ' s' : '-') +
    ': ' +
    formatCount(warmup.iterations) +
    ' iterations, ' +
    formatCount(warmup.requests) +
    ' requests, not in the statistics'
  );
}

/** An ISO time as "2026-11-25 10:00:00 UTC" (the same for every reader, whatever their zone). */
export function formatStartedAt(iso) {
  const date = new Date(iso);
  if (typeof iso !== 'string' || Number.isNaN(date.getTime())) return '-';
  return date.toISOString().slice(0, 19).replace('T', ' ') + ' UTC';
}

/** "<= 5 ms" per bucket, as the console distribution labels them (a bound JSON turned to null reads "> previous"). */
export function bucketLabel(buckets, i) {
  const bound = buckets[i].leMs;
  if (isNum(bound)) return '≤ ' + formatDuration(bound, { trim: true });
  const previous = i > 0 ? buckets[i - 1].leMs : null;
  return isNum(previous) ? '> ' + formatDuration(previous, { trim: true }) : 'all';
}
