import { DIFF_SCHEMA_VERSION, DIFF_STATS, type DiffRow, type DiffStat, type RunDiff, type StatChange } from '@go-heavy/core';
import { entityKey, type DiffSource, type MeasuredEntity } from './measured.js';
import { decodeHistogram, withinNoise, type NoiseInput } from './noise.js';

/** Statistics where a higher value is better news. */
const HIGHER_IS_BETTER = new Set<DiffStat>(['runs', 'runs/s']);

/**
 * The difference from run `a` (the baseline) to run `b`: one row per workflow, step and request
 * of either run, in a's order with b's additions after their parent's own rows; rows in one run
 * only are marked so and carry no changes. Only statistics both runs know are compared (a
 * history entry knows fewer than a results file). `gates` is left empty: see `evaluateGates`.
 */
export function computeDiff(a: DiffSource, b: DiffSource): RunDiff {
  const inB = new Map(b.entities.map((e) => [entityKey(e), e]));
  const inA = new Set(a.entities.map(entityKey));
  const rows: DiffRow[] = [];
  for (const ea of a.entities) {
    const eb = inB.get(entityKey(ea));
    rows.push(eb === undefined ? row(ea, 'a-only', []) : row(ea, 'both', changesOf(ea, eb, a.durationMs, b.durationMs)));
  }
  // b's new entities, each after the last row of its parent (its workflow, or its step).
  for (const eb of b.entities) {
    if (inA.has(entityKey(eb))) continue;
    const at = insertionPoint(rows, eb);
    rows.splice(at, 0, row(eb, 'b-only', []));
  }
  return { schemaVersion: DIFF_SCHEMA_VERSION, a: a.side, b: b.side, rows, gates: [] };
}

function row(e: MeasuredEntity, presence: DiffRow['presence'], changes: StatChange[]): DiffRow {
  return {
    level: e.level,
    workflow: e.workflow,
    ...(e.step !== undefined && { step: e.step }),
    ...(e.request !== undefined && { request: e.request }),
    ...(e.method !== undefined && { method: e.method }),
    ...(e.endpoint !== undefined && { endpoint: e.endpoint }),
    presence,
    changes,
  };
}

function changesOf(ea: MeasuredEntity, eb: MeasuredEntity, durationA: number, durationB: number): StatChange[] {
  const na: NoiseInput = { values: ea.values, histogram: decodeHistogram(ea.histogram), durationMs: durationA };
  const nb: NoiseInput = { values: eb.values, histogram: decodeHistogram(eb.histogram), durationMs: durationB };
  const changes: StatChange[] = [];
  for (const stat of DIFF_STATS) {
    const va = ea.values[stat];
    const vb = eb.values[stat];
    if (va === undefined || vb === undefined) continue;
    const delta = vb - va;
    const pct = va === 0 ? null : (delta / va) * 100;
    const verdict = delta === 0 ? 'same' : delta > 0 !== HIGHER_IS_BETTER.has(stat) ? 'worse' : 'better';
    const noise = withinNoise(stat, na, nb);
    changes.push({ stat, a: va, b: vb, delta, pct, verdict, ...(noise !== undefined && { noise }) });
  }
  return changes;
}

/** Where a row only b has goes: after the last row under its parent (its step, else its workflow), else at the end. */
function insertionPoint(rows: readonly DiffRow[], e: MeasuredEntity): number {
  let last = -1;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    if (r.workflow !== e.workflow) continue;
    if (e.level === 'request' ? r.step === e.step : true) last = i;
  }
  return last < 0 ? rows.length : last + 1;
}
