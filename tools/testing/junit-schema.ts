import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

/**
 * The Apache Ant JUnit XML schema (© 2011 Windy Road Technology, Apache License 2.0), the
 * strictest of the JUnit schemas CI systems read, as the npm package junit-xml (a root devDependency
 * pinned to 1.2.0) ships it in its own test. Read from node_modules, not copied into this repo.
 */
function antJunitSchema(): string {
  const source = readFileSync(require.resolve('junit-xml/src/index.test.ts'), 'utf8');
  const m = /const antJunitSchema = '(<\?xml[\s\S]*?<\/xs:schema>)';/.exec(source);
  if (!m) throw new Error('junit-xml/src/index.test.ts no longer holds antJunitSchema: update tools/testing/junit-schema.ts');
  return m[1]!.replace(/\\'/g, "'");
}

/** The schema errors of `xml` (empty when it is valid), by libxml2's validator (xmllint, as WebAssembly). */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: antJunitSchema() }] });
  return result.errors.map((e) => e.rawMessage);
}
