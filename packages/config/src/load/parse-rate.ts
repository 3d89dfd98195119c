import { ConfigError } from '../config-error.js';
import { shown } from './shown.js';

const SECONDS_PER: Record<string, number> = { s: 1, m: 60, h: 3600 };
const RATE = /^(\d+(?:\.\d+)?|\.\d+)(?:\/(s|m|h))?$/;

/**
 * Reads a rate written as `100` (per second), `100/s`, `600/m` or `3600/h`, or given as a
 * number (per second), into iterations per second. Returns null when `value` is not a rate or
 * is negative; zero is returned as is (a stage may target 0).
 */
export function readRate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const m = RATE.exec(value.trim());
  if (!m) return null;
  const rate = Number(m[1]) / SECONDS_PER[m[2] ?? 's']!;
  // Hundreds of digits read as Infinity: not a rate anyone can start.
  return Number.isFinite(rate) ? rate : null;
}

/** True when `value` is a string written with a rate unit (`50/s`, `600/m`, `10/h`). */
export function hasRateUnit(value: unknown): boolean {
  return typeof value === 'string' && /\/\s*[smh]\s*$/.test(value);
}

/**
 * The open model's `--rate`: iterations started per second, above zero. Throws a
 * {@link ConfigError} `<what>: expected a rate like 100, 100/s or 600/m, got "-1"`.
 */
export function parseRate(value: unknown, what: string): number {
  const rate = readRate(value);
  if (rate === null || rate <= 0) {
    throw new ConfigError(`${what}: expected a rate like 100, 100/s or 600/m, got ${shown(value)}`);
  }
  return rate;
}
