// Test support shared by every package whose tests build RunResult fixtures: the fixtures are
// checked against the same JSON Schema the CLI validates results files with, so a fixture can
// never show a shape `go-heavy report` would reject.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';

const SCHEMA_FILE = path.resolve(__dirname, '../../packages/core/schema/results.schema.json');
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));

/** Every way `data` breaks the results schema, as `<JSON pointer> <what is wrong>`; empty when it matches. */
export function resultsSchemaProblems(data: unknown): string[] {
  if (validate(data)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'} ${JSON.stringify(e.params)}`);
}
