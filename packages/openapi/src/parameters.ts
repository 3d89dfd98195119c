import type { LoadedSpec } from './load-spec.js';
import { record } from './record.js';
import { exampleIn, firstNamedExample, sampleOf, type Schema } from './samples.js';

/** A path, query or header parameter, with the value the generated workflow starts from. */
export interface ParameterModel {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  /** Its schema (for Swagger 2.0, the parameter's own type fields). */
  schema: Schema;
  /** The spec's example, else one made from its schema. */
  example: unknown;
  /** Whether the spec states a value (an example or a default), rather than one being made up. */
  stated: boolean;
}

/**
 * The parameters an operation sends: the path item's, overridden by the operation's (same name
 * and place). Cookie parameters and Swagger 2.0 body and form parameters are left to the body.
 */
export function parametersOf(spec: LoadedSpec, pathItem: Record<string, unknown>, op: Record<string, unknown>): ParameterModel[] {
  const byKey = new Map<string, Record<string, unknown>>();
  for (const list of [pathItem.parameters, op.parameters]) {
    for (const p of Array.isArray(list) ? list : []) {
      const param = record(p);
      byKey.set(`${String(param.in)}:${String(param.name)}`, param);
    }
  }
  const params: ParameterModel[] = [];
  for (const param of byKey.values()) {
    const where = param.in;
    if (where !== 'path' && where !== 'query' && where !== 'header') continue;
    const name = String(param.name);
    // Swagger 2.0 puts type, items and enum on the parameter itself.
    const schema = spec.version === '2.0' ? param : record(param.schema);
    const stated = param.example !== undefined || param.examples !== undefined || exampleIn(schema) !== undefined;
    params.push({ name, in: where, required: where === 'path' || param.required === true, schema, example: exampleOf(name, param, schema), stated });
  }
  return params;
}

function exampleOf(name: string, param: Record<string, unknown>, schema: Schema): unknown {
  if (param.example !== undefined) return param.example;
  const named = firstNamedExample(param.examples);
  if (named !== undefined) return named;
  const own = exampleIn(schema);
  if (own !== undefined) return own;
  const items = record(schema.items);
  if (schema.type === 'array' && exampleIn(items) !== undefined) return [exampleIn(items)];
  // A plain string reads better as its own name (`slug: 'slug'`) than as openapi-sampler's 'string'.
  if (schema.type === 'string' && schema.format === undefined && schema.pattern === undefined) return name;
  return sampleOf(schema);
}
