// Small statistics over the rounds of a bench.

/** Median of the finite numbers in `values` (the mean of the middle two for an even count); null if none. */
export function median(values) {
  const v = values.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 === 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

export function max(values) {
  const v = values.filter(Number.isFinite);
  return v.length ? Math.max(...v) : null;
}

/** a / b, or null when either is missing or b is 0. */
export function ratio(a, b) {
  return a == null || b == null || b === 0 ? null : a / b;
}

/**
 * Median over the rounds of `field(toolA) / field(toolB)` within the same round and target: runs
 * minutes apart see different background load, runs of one round see nearly the same.
 */
export function pairedRatio(runs, target, toolA, toolB, field = 'rps') {
  const rounds = [...new Set(runs.filter((r) => r.target === target && r.kind === 'closed').map((r) => r.round))];
  const ratios = rounds.map((round) => {
    const pick = (tool) => runs.find((r) => r.target === target && r.kind === 'closed' && r.round === round && r.tool === tool)?.[field];
    return ratio(pick(toolA), pick(toolB));
  });
  return median(ratios);
}
