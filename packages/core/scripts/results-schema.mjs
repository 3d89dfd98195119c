// Derives schema/results.schema.json from the RunResult types (src/contracts/run-result.ts): the
// types are the one definition; their doc comments and JSDoc tags (@minimum, @asType integer,
// @pattern, …) become the schema. `node scripts/results-schema.mjs` writes the file;
// `--check` exits 1 when the committed file differs (run by the typecheck target and a test).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
export const SCHEMA_FILE = path.join(root, 'schema/results.schema.json');

/** The schema as text, exactly as it is committed. */
export function resultsSchemaText() {
  const generated = createGenerator({
    path: path.join(root, 'src/contracts/run-result.ts'),
    tsconfig: path.join(root, 'tsconfig.json'),
    type: 'RunResult',
    expose: 'export',
    topRef: false,
    additionalProperties: false,
    skipTypeCheck: true,
    jsDoc: 'extended',
    sortProps: false,
  }).createSchema('RunResult');
  const { $schema: _draft07, definitions = {}, ...body } = generated;
  const schema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://go-heavy.dev/schema/results-v1.json',
    ...body,
    $defs: definitions,
  };
  // Draft 2020-12 names them $defs; the generator writes draft-07's definitions.
  const text = JSON.stringify(schema, null, 2).replaceAll('"#/definitions/', '"#/$defs/');
  return `${text}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = resultsSchemaText();
  if (process.argv.includes('--check')) {
    if (readFileSync(SCHEMA_FILE, 'utf8') !== text) {
      console.error('packages/core/schema/results.schema.json is not what src/contracts/run-result.ts defines: run `npm run schema -w @go-heavy/core` and commit the result');
      process.exit(1);
    }
  } else {
    writeFileSync(SCHEMA_FILE, text);
  }
}
