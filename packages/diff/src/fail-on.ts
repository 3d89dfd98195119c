import { DIFF_STATS, type DiffGate, type DiffRow, type DiffStat, type StatChange } from '@go-heavy/core';
import { entityLabel } from './measured.js';

/** A parsed `--fail-on` bound: how far a statistic may move in its bad direction. */
export interface FailOnRule {
  expr: string;
  stat: DiffStat;
  /** Signed as written: `+10` for `p95 +10%`, `-5` for `runs/s -5%`. */
  bound: number;
  unit: DiffGate['unit'];
}

/** A `--fail-on` expression that is not one: the message says what was expected. */
export class FailOnSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FailOnSyntaxError';
  }
}

const LATENCY = new Set<DiffStat>(['min', 'avg', 'max', 'p10', 'p25', 'p50', 'p75', 'p90', 'p95', 'p99', 'p100']);
const EXPECTED = 'expected "<stat> <+|-><amount><unit>", like "p95 +10%", "p99 +20ms", "error-rate +1pp" or "runs/s -5%"';

/**
 * Parses `p95 +10%` (p95 may rise by 10 % at most), `p99 +20ms` (by 20 ms), `error-rate +1pp`
 * (by one percentage point), `runs/s -5%` (may fall by 5 %), `runs -100` (by 100 runs). The sign
 * says which way is a regression and must be the statistic's bad direction. Units: `%` of the
 * baseline for every statistic; `ms` or `s` for latencies; `pp` for the error rate; none for
 * runs and runs/s (their own unit). Throws {@link FailOnSyntaxError} naming what was expected.
 */
export function parseFailOn(expr: string): FailOnRule {
  const m = /^\s*([a-z0-9/-]+)\s*([+-])\s*(\d+(?:\.\d+)?)\s*(%|pp|ms|s)?\s*$/i.exec(expr);
  if (!m) throw new FailOnSyntaxError(`${EXPECTED}, got ${JSON.stringify(expr)}`);
  const name = m[1]!.toLowerCase();
  const stat = (name === 'mean' ? 'avg' : name === 'rps' ? 'runs/s' : name) as DiffStat;
  if (!(DIFF_STATS as readonly string[]).includes(stat)) throw new FailOnSyntaxError(`unknown statistic "${m[1]}" in ${JSON.stringify(expr)}: expected one of ${DIFF_STATS.join(', ')}`);
  const sign = m[2] === '+' ? 1 : -1;
  const worseSign = stat === 'runs' || stat === 'runs/s' ? -1 : 1;
  if (sign !== worseSign)
    throw new FailOnSyntaxError(`${JSON.stringify(expr)}: ${stat} gets worse as it ${worseSign > 0 ? 'rises' : 'falls'}: expected "${stat} ${worseSign > 0 ? '+' : '-'}${m[3]}${m[4] ?? ''}"`);
  let amount = Number(m[3]);
  const written = m[4]?.toLowerCase();
  let unit: DiffGate['unit'];
  if (written === '%') unit = '%';
  else if (written === 'pp') {
    if (stat !== 'error-rate')
      throw new FailOnSyntaxError(`${JSON.stringify(expr)}: pp (percentage points) is the error rate's unit: expected a % or ${LATENCY.has(stat) ? 'ms' : 'no unit'} for ${stat}`);
    unit = 'pp';
  } else if (written === 'ms' || written === 's') {
    if (!LATENCY.has(stat)) throw new FailOnSyntaxError(`${JSON.stringify(expr)}: ${written} is a latency's unit: expected ${stat === 'error-rate' ? 'pp or %' : '% or no unit'} for ${stat}`);
    unit = 'ms';
    if (written === 's') amount *= 1000;
  } else {
    if (LATENCY.has(stat)) throw new FailOnSyntaxError(`${JSON.stringify(expr)}: a latency's bound needs a unit: expected % or ms, like "${stat} +10%"`);
    unit = stat === 'error-rate' ? 'pp' : 'abs';
  }
  return { expr: expr.trim(), stat, bound: sign * amount, unit };
}

/**
 * Each rule against every row measured in both runs: a row fails a rule when its statistic
 * moved in the bad direction by more than the bound (relative bounds skip rows whose baseline
 * is 0, which have no relative change).
 */
export function evaluateGates(rows: readonly DiffRow[], rules: readonly FailOnRule[]): DiffGate[] {
  return rules.map((rule) => {
    const failures: DiffGate['failures'] = [];
    for (const row of rows) {
      const change = row.changes.find((c) => c.stat === rule.stat);
      if (change !== undefined && exceeds(change, rule)) failures.push({ row: entityLabel(row), change });
    }
    return { expr: rule.expr, stat: rule.stat, bound: rule.bound, unit: rule.unit, ok: failures.length === 0, failures };
  });
}

function exceeds(change: StatChange, rule: FailOnRule): boolean {
  const moved = rule.unit === '%' ? change.pct : change.delta;
  if (moved === null) return false;
  // Both signed the same way: +10 allows up to +10, -5 allows down to -5.
  return rule.bound > 0 ? moved > rule.bound : moved < rule.bound;
}
