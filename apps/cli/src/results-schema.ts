import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

let validate: ValidateFunction | undefined;

/**
 * The validator of the results JSON Schema that @go-heavy/core ships, compiled on first use and
 * kept: the schema is the one definition of a results file, so what `report` and `serve` accept
 * can never drift from what `run --out` writes.
 */
async function validator(): Promise<ValidateFunction> {
  if (validate === undefined) {
    // Loaded when a results file is read: every other command starts without it.
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    // Resolved from this file (the CLI's own @go-heavy/core), not from the user's folder.
    const schema = createRequire(__filename)('@go-heavy/core/results.schema.json') as object;
    validate = new Ajv2020({ allErrors: false, strict: true, verbose: true }).compile(schema);
  }
  return validate;
}

/**
 * Checks `data` against the results schema. Returns undefined when it matches, else the first
 * problem as `<JSON pointer> <what is wrong>`: `/workflows/0/latencyMs/p50 must be number, got "x"`.
 */
export async function resultsProblem(data: unknown): Promise<string | undefined> {
  const check = await validator();
  if (check(data)) return undefined;
  // One line, whatever the file's keys hold.
  return describe(deepest(check.errors ?? []), data).replace(/[\r\n]+/g, ' ');
}

/**
 * The error to show: the deepest one. A `oneOf` of null or an object reports "must be null" for
 * its first branch before the real mistake inside the object; the deepest path is that mistake.
 */
function deepest(errors: ErrorObject[]): ErrorObject {
  const specific = errors.filter((e) => e.keyword !== 'oneOf' && e.keyword !== 'anyOf');
  const pool = specific.length > 0 ? specific : errors;
  return pool.reduce((best, e) => (depth(e) > depth(best) ? e : best), pool[0]!);
}

function depth(e: ErrorObject): number {
  const extra = e.keyword === 'required' || e.keyword === 'additionalProperties' ? 1 : 0;
  return e.instancePath.split('/').length + extra;
}

function describe(e: ErrorObject, data: unknown): string {
  const at = e.instancePath || '/';
  const params = e.params as Record<string, unknown>;
  if (e.keyword === 'required') return `${e.instancePath}/${String(params.missingProperty)} is missing`;
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(params.additionalProperty)}: unknown field (not in the results schema)`;
  // A pattern reads better as what it stands for (`ISO 8601, UTC`) than as a regular expression.
  const description = (e.parentSchema as { description?: unknown } | undefined)?.description;
  if (e.keyword === 'pattern' && typeof description === 'string') return `${at} must be ${description}, got ${shown(valueAt(data, e.instancePath))}`;
  if (e.keyword === 'enum') return `${at} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${shown(valueAt(data, e.instancePath))}`;
  return `${at} ${e.message ?? 'is not valid'}, got ${shown(valueAt(data, e.instancePath))}`;
}

/** The value a JSON pointer names in `data`. */
function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
