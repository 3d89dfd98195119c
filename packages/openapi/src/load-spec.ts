import { readFile } from 'node:fs/promises';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { isMap, isPair, isSeq, isScalar, parseDocument, type Node as YamlNode } from 'yaml';
import { OpenApiError } from './errors.js';
import { pointer, resolvePointer } from './json-pointer.js';

/** The versions go-heavy reads, as found in the spec's `swagger` or `openapi` field. */
export type SpecVersion = '2.0' | '3.0' | '3.1';

/** A spec read, validated and dereferenced: every `$ref` replaced by what it points to (cycles stay cycles). */
export interface LoadedSpec {
  /** The file as given to {@link loadSpec}. */
  file: string;
  version: SpecVersion;
  /** The dereferenced document: a Swagger 2.0 or OpenAPI 3.x object. */
  document: SpecDocument;
}

/** A spec document as plain data; the generator reads the fields it knows and ignores the rest. */
export type SpecDocument = Record<string, unknown>;

/**
 * Reads a Swagger 2.0, OpenAPI 3.0 or 3.1 spec (YAML or JSON): parses it, checks its version and
 * its local `$ref`s, validates it against the official schemas and dereferences it with
 * @apidevtools/swagger-parser. Any problem throws an {@link OpenApiError} of one line:
 * `<file>: <JSON pointer or line:column>: <problem>`.
 */
export async function loadSpec(file: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new OpenApiError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a folder, not a file' : `cannot read it (${code ?? String(err)})`}: expected an OpenAPI spec in YAML or JSON`,
    );
  }
  const raw = parse(file, text);
  const version = versionOf(file, raw);
  checkLocalRefs(file, raw);
  let document: SpecDocument;
  try {
    // swagger-parser mutates what it is given while dereferencing: hand it a copy.
    document = (await SwaggerParser.validate(path.resolve(file), structuredClone(raw) as never, { validate: { spec: true, schema: true } })) as unknown as SpecDocument;
  } catch (err) {
    throw new OpenApiError(`${file}: ${describeParserError(err)}`);
  }
  return { file, version, document };
}

/** YAML (JSON is YAML too), with the line, column and JSON pointer of a syntax error. */
function parse(file: string, text: string): SpecDocument {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : 'somewhere';
    const inside = keysAt(doc.contents, error.pos[0]);
    const problem = error.message.split('\n', 1)[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new OpenApiError(`${file}: ${where}${inside.length > 0 ? ` (in ${pointer(inside)})` : ''}: invalid YAML: ${problem}`);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OpenApiError(
      `${file}: #: expected an OpenAPI document (a mapping with an "openapi" or "swagger" field), got ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}`,
    );
  }
  return value as SpecDocument;
}

/** The keys leading to the deepest node of a YAML document that holds `offset`. */
function keysAt(node: YamlNode | null | undefined | unknown, offset: number): (string | number)[] {
  // A flow collection (`[a, b`) is where broken syntax is: its parsed insides are guesses.
  if ((isMap(node) || isSeq(node)) && node.flow === true) return [];
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const value = item.value as YamlNode | null;
      const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
      const start = (item.key as YamlNode | null)?.range?.[0] ?? -1;
      const end = value?.range?.[2] ?? (item.key as YamlNode | null)?.range?.[2] ?? -1;
      if (offset >= start && offset <= end) return [key, ...keysAt(value, offset)];
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const range = (item as YamlNode | null)?.range;
      if (range && offset >= range[0] && offset <= range[2]) return [i, ...keysAt(item, offset)];
    }
  }
  return [];
}

function versionOf(file: string, doc: SpecDocument): SpecVersion {
  if ('swagger' in doc) {
    if (doc.swagger === '2.0') return '2.0';
    const hint = typeof doc.swagger === 'number' ? ` (write it as a string: swagger: "2.0")` : '';
    throw new OpenApiError(`${file}: #/swagger: unsupported version ${JSON.stringify(doc.swagger)}${hint}: expected swagger "2.0", or openapi 3.0.x or 3.1.x`);
  }
  if ('openapi' in doc) {
    const v = String(doc.openapi);
    if (typeof doc.openapi === 'string' && /^3\.0\.\d+$/.test(v)) return '3.0';
    if (typeof doc.openapi === 'string' && /^3\.1\.\d+$/.test(v)) return '3.1';
    throw new OpenApiError(`${file}: #/openapi: unsupported version ${JSON.stringify(doc.openapi)}: expected openapi 3.0.x or 3.1.x (as a string), or swagger "2.0"`);
  }
  throw new OpenApiError(`${file}: #: not an OpenAPI document: expected an "openapi" field (3.0.x, 3.1.x) or a "swagger" field ("2.0")`);
}

/** Every `#/…` `$ref` must point somewhere: say where the first dangling one sits. */
function checkLocalRefs(file: string, doc: SpecDocument): void {
  const walk = (node: unknown, keys: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((item, i) => walk(item, [...keys, i]));
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#') && resolvePointer(doc, value) === undefined) {
        throw new OpenApiError(`${file}: ${pointer([...keys, '$ref'])}: $ref "${value}" points to nothing in the spec`);
      }
      walk(value, [...keys, key]);
    }
  };
  walk(doc, []);
}

/** swagger-parser's error as one line: the most specific schema error, with its JSON pointer. */
function describeParserError(err: unknown): string {
  const details = (err as { details?: Array<{ instancePath?: string; message?: string; params?: Record<string, unknown> }> }).details;
  if (Array.isArray(details) && details.length > 0) {
    // ajv lists every branch of a oneOf it tried; the deepest path is the one the author meant.
    const best = [...details].sort((a, b) => (b.instancePath ?? '').split('/').length - (a.instancePath ?? '').split('/').length)[0]!;
    const extra =
      best.params && 'additionalProperty' in best.params
        ? ` (${String(best.params.additionalProperty)})`
        : best.params && 'allowedValues' in best.params
          ? ` (${(best.params.allowedValues as unknown[]).join(', ')})`
          : '';
    return `#${best.instancePath ?? ''}: invalid: ${best.message ?? 'does not match the OpenAPI schema'}${extra}`;
  }
  const message = err instanceof Error ? err.message : String(err);
  // "Validation failed. /paths/~1pets/get is missing path parameter(s) for {id}" and the like.
  const lines = message
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const specific = lines.find((l) => !/^(Swagger schema validation failed|Validation failed)\.?$/.test(l)) ?? lines[0] ?? 'invalid spec';
  return specific.replace(/^(Validation failed\.\s*)/, '').replace(new RegExp(`${escapeRegExp(process.cwd())}/?`, 'g'), '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
