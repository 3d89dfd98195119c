import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadUserModule, releaseModuleLoader } from '@go-heavy/config';
import { makeProject } from './project.js';

describe('__dirname, __filename and import.meta in a bundled workflow', () => {
  const project = makeProject({
    'common/where.ts': `export const helper = { dir: __dirname, file: __filename, url: import.meta.url, metaDir: import.meta.dirname };\n`,
    'utils/legacy.cjs': `module.exports = { dir: __dirname };\n`,
    'services/shop/terms.txt': 'lamp\nmug\n',
    'services/shop/wf.ts': [
      `#!/usr/bin/env node`,
      `import { readFileSync } from 'node:fs';`,
      `import path from 'node:path';`,
      `import { fileURLToPath } from 'node:url';`,
      `import { helper } from '../../common/where';`,
      `import legacy from '../../utils/legacy.cjs';`,
      `// Read at module load, next to this file: what a user of plain Node expects to work.`,
      `export const terms = readFileSync(path.join(__dirname, 'terms.txt'), 'utf8').trim().split('\\n');`,
      `export const own = { dir: __dirname, file: __filename, url: import.meta.url, fromUrl: path.dirname(fileURLToPath(import.meta.url)), metaFile: import.meta.filename };`,
      `export { helper, legacy };`,
      `export function line() { return new Error('here').stack!.split('\\n')[1]; }`,
    ].join('\n'),
    'services/shop/typo.ts': `export const here = __dirname; const = 1;\n`,
    // The ESM idiom: a file that declares its own __dirname keeps it.
    'services/shop/esm.ts': `import path from 'node:path';\nimport { fileURLToPath } from 'node:url';\nconst __dirname = path.dirname(fileURLToPath(import.meta.url));\nexport const dir = __dirname;\n`,
  });
  afterAll(async () => {
    project.remove();
    await releaseModuleLoader();
  });
  const at = (name: string) => path.join(project.root, name);

  it("are each bundled file's own, not the cache's", async () => {
    const mod = await loadUserModule(at('services/shop/wf.ts'), project.root);
    expect(mod.terms).toEqual(['lamp', 'mug']);
    expect(mod.own).toEqual({
      dir: at('services/shop'),
      file: at('services/shop/wf.ts'),
      url: pathToFileURL(at('services/shop/wf.ts')).href,
      fromUrl: at('services/shop'),
      metaFile: at('services/shop/wf.ts'),
    });
    // Helpers bundled into the same file see their own location, ESM and CommonJS alike.
    expect(mod.helper).toEqual({ dir: at('common'), file: at('common/where.ts'), url: pathToFileURL(at('common/where.ts')).href, metaDir: at('common') });
    expect(mod.legacy).toEqual({ dir: at('utils') });
  });

  it('keeps a __dirname the file declares itself', async () => {
    expect((await loadUserModule(at('services/shop/esm.ts'), project.root)).dir).toBe(at('services/shop'));
  });

  it('reports a syntax error on line 1 at its column in the source file', async () => {
    const source = 'export const here = __dirname; const = 1;';
    const column = source.indexOf('const =') + 'const '.length + 1;
    await expect(loadUserModule(at('services/shop/typo.ts'), project.root)).rejects.toThrow(new RegExp(`services/shop/typo\\.ts:1:${column}: `));
  });

  it('keeps line numbers: a stack trace points at the line in the source file', async () => {
    const mod = await loadUserModule(at('services/shop/wf.ts'), project.root);
    const frame = (mod.line as () => string)();
    expect(frame).toContain('wf.ts:11:');
  });
});
