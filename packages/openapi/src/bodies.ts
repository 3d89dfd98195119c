import type { LoadedSpec } from './load-spec.js';
import { record } from './record.js';
import { exampleIn, firstNamedExample, sampleOf, type Schema } from './samples.js';

/** How a generated request sends its body. */
export type BodyEncoding = 'json' | 'form' | 'multipart' | 'text';

/** The body of an operation: its media type, its schema and the value the workflow sends. */
export interface RequestBodyModel {
  contentType: string;
  encoding: BodyEncoding;
  /** The schema, for the body's TypeScript type (JSON and form bodies). */
  schema: Schema;
  /** The spec's example, else one made from the schema. */
  example: unknown;
}

/** The request body of an operation, or undefined when it takes none. */
export function bodyOf(spec: LoadedSpec, pathItem: Record<string, unknown>, op: Record<string, unknown>): RequestBodyModel | undefined {
  return spec.version === '2.0' ? swagger2Body(spec, pathItem, op) : openApi3Body(op);
}

function openApi3Body(op: Record<string, unknown>): RequestBodyModel | undefined {
  const content = record(record(op.requestBody).content);
  const types = Object.keys(content);
  if (types.length === 0) return undefined;
  const contentType = preferred(types);
  const media = record(content[contentType]);
  const schema = record(media.schema);
  const encoding = encodingOf(contentType);
  const stated = media.example ?? firstNamedExample(media.examples) ?? exampleIn(schema);
  return { contentType, encoding, schema, example: stated !== undefined ? stated : sampleOf(schema) };
}

function swagger2Body(spec: LoadedSpec, pathItem: Record<string, unknown>, op: Record<string, unknown>): RequestBodyModel | undefined {
  const params = [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(op.parameters) ? op.parameters : [])].map(record);
  const consumes = (Array.isArray(op.consumes) ? op.consumes : Array.isArray(spec.document.consumes) ? spec.document.consumes : []).map(String);
  const body = params.find((p) => p.in === 'body');
  if (body) {
    const contentType = preferred(consumes.length > 0 ? consumes : ['application/json']);
    const schema = record(body.schema);
    const stated = exampleIn(schema) ?? firstExampleOf(record(body['x-examples']));
    return { contentType, encoding: encodingOf(contentType), schema, example: stated !== undefined ? stated : sampleOf(schema) };
  }
  const fields = params.filter((p) => p.in === 'formData');
  if (fields.length === 0) return undefined;
  const contentType = consumes.includes('multipart/form-data') || fields.some((f) => f.type === 'file') ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
  // The form fields as one object schema, so they are typed and sampled like a JSON body.
  const properties: Record<string, unknown> = {};
  for (const f of fields) properties[String(f.name)] = f.type === 'file' ? { type: 'string', description: 'file contents' } : f;
  const schema: Schema = { type: 'object', properties, required: fields.filter((f) => f.required === true).map((f) => String(f.name)) };
  return { contentType, encoding: encodingOf(contentType), schema, example: sampleOf(schema) };
}

function firstExampleOf(examples: Record<string, unknown>): unknown {
  return Object.values(examples)[0];
}

/** JSON first, then forms, then whatever the spec lists first. */
function preferred(types: readonly string[]): string {
  return (
    types.find((t) => /^application\/json\b/i.test(t)) ??
    types.find((t) => /\+json\b/i.test(t)) ??
    types.find((t) => /^application\/x-www-form-urlencoded\b/i.test(t)) ??
    types.find((t) => /^multipart\/form-data\b/i.test(t)) ??
    types[0]!
  );
}

function encodingOf(contentType: string): BodyEncoding {
  if (/json/i.test(contentType) || contentType === '*/*') return 'json';
  if (/x-www-form-urlencoded/i.test(contentType)) return 'form';
  if (/multipart\/form-data/i.test(contentType)) return 'multipart';
  return 'text';
}
