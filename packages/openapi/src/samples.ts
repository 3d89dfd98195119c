import { sample } from 'openapi-sampler';
import { record } from './record.js';

/** A JSON schema of the (dereferenced) spec, as plain data. */
export type Schema = Record<string, unknown>;

/**
 * An example value for `schema`: its own `example`, the first of its `examples`, its `default`,
 * its first `enum` value, else one made up by openapi-sampler from its types and formats
 * (read-only properties left out, as a request would).
 */
export function sampleOf(schema: unknown): unknown {
  const s = record(schema);
  const own = exampleIn(s);
  if (own !== undefined) return own;
  try {
    return sample(s as never, { skipReadOnly: true, quiet: true, maxSampleDepth: 8 });
  } catch {
    return undefined;
  }
}

/** The example a schema or parameter states itself, if any. */
export function exampleIn(s: Record<string, unknown>): unknown {
  if (s.example !== undefined) return s.example;
  if (Array.isArray(s.examples) && s.examples.length > 0) return s.examples[0];
  if (s['x-example'] !== undefined) return s['x-example'];
  if (s.default !== undefined) return s.default;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  return undefined;
}

/** The first value of an OpenAPI 3 `examples` map (`{ name: { value } }`), if any. */
export function firstNamedExample(examples: unknown): unknown {
  for (const example of Object.values(record(examples))) {
    const value = record(example).value;
    if (value !== undefined) return value;
  }
  return undefined;
}
