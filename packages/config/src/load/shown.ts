/**
 * A value as error messages quote it after "got": strings in double quotes (`"-1"`); numbers
 * (`NaN` too), booleans, null, lists and maps as JSON; `nothing` for undefined.
 */
export function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // A cycle or a BigInt: fall through to String.
  }
  return String(value);
}
