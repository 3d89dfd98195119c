import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_SCHEMA_VERSION } from '../src/index.js';

const pkg = path.resolve(__dirname, '..');

function check(cwd: string): { code: number; stderr: string } {
  try {
    execFileSync(process.execPath, [path.join(cwd, 'scripts/results-schema.mjs'), '--check'], { cwd, stdio: 'pipe', timeout: 30_000 });
    return { code: 0, stderr: '' };
  } catch (err) {
    const e = err as { status: number; stderr: Buffer };
    return { code: e.status, stderr: e.stderr.toString() };
  }
}

describe('results.schema.json is derived from the RunResult types', () => {
  it('the committed schema is exactly what the types generate', () => {
    expect(check(pkg)).toEqual({ code: 0, stderr: '' });
  });

  it('a field added to the types without regenerating the schema fails the check, naming the fix', () => {
    // A copy of the package with one more field in RunSummary: the committed schema no longer matches.
    // Made under the workspace's node_modules so that the copy's script resolves the generator.
    const cache = path.join(pkg, '../../node_modules/.cache');
    mkdirSync(cache, { recursive: true });
    const copy = mkdtempSync(path.join(cache, 'go-heavy-schema-'));
    try {
      cpSync(path.join(pkg, 'src'), path.join(copy, 'src'), { recursive: true });
      cpSync(path.join(pkg, 'schema'), path.join(copy, 'schema'), { recursive: true });
      cpSync(path.join(pkg, 'scripts'), path.join(copy, 'scripts'), { recursive: true });
      writeFileSync(path.join(copy, 'tsconfig.json'), JSON.stringify({ extends: path.join(pkg, '../../tsconfig.base.json'), include: ['src'] }));
      const types = path.join(copy, 'src/contracts/run-result.ts');
      const source = readFileSync(types, 'utf8');
      writeFileSync(types, source.replace('  droppedIterations: Count;', '  droppedIterations: Count;\n  /** Added without the schema. */\n  extra: Count;'));
      const drifted = check(copy);
      expect(drifted.code).toBe(1);
      expect(drifted.stderr).toContain('results.schema.json is not what src/contracts/run-result.ts defines: run `npm run schema -w @go-heavy/core`');
      // Regenerated, it matches again and the new field is in the schema with its doc comment.
      execFileSync(process.execPath, [path.join(copy, 'scripts/results-schema.mjs')], { cwd: copy, timeout: 30_000 });
      expect(check(copy).code).toBe(0);
      const schema = JSON.parse(readFileSync(path.join(copy, 'schema/results.schema.json'), 'utf8'));
      expect(schema.$defs.RunSummary.properties.extra).toEqual({ type: 'integer', minimum: 0, description: 'Added without the schema.' });
      expect(schema.$defs.RunSummary.required).toContain('extra');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps what the schema promised: version, closed objects, optional retries, integer counts, doc comments', () => {
    const schema = JSON.parse(readFileSync(path.join(pkg, 'schema/results.schema.json'), 'utf8'));
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.schemaVersion.const).toBe(RESULTS_SCHEMA_VERSION);
    expect(schema.additionalProperties).toBe(false);
    for (const [name, def] of Object.entries<{ type?: string; additionalProperties?: unknown }>(schema.$defs)) {
      if (def.type === 'object') expect([name, def.additionalProperties]).toEqual([name, false]);
    }
    for (const def of ['RunSummary', 'WorkflowResult', 'RequestResult']) {
      expect(schema.$defs[def].properties.retries).toMatchObject({ type: 'integer', minimum: 0 });
      expect(schema.$defs[def].required).not.toContain('retries');
    }
    expect(schema.$defs.WorkflowResult.properties.statusCodes.propertyNames).toEqual({ pattern: '^[0-9]+$' });
    expect(schema.$defs.WorkflowResult.properties.interrupted.description).toMatch(/graceful stop/);
    expect(schema.properties.startedAt).toMatchObject({ description: 'ISO 8601, UTC' });
  });
});
