import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildRunPlan, ConfigError, loadUserModule, releaseModuleLoader } from '@go-heavy/config';
import { makeProject } from './project.js';

describe('<root>/.go-heavy/cache', () => {
  const project = makeProject({
    'services/a/wf.ts': `export const version = 1;\n`,
    'services/b/wf.ts': `export const version = 'b';\n`,
  });
  afterAll(() => project.remove());
  const cache = () => readdirSync(path.join(project.root, '.go-heavy', 'cache')).sort();

  it('keeps only the latest bundle of each source file, and those of other files with the same name', async () => {
    const a = path.join(project.root, 'services/a/wf.ts');
    const b = path.join(project.root, 'services/b/wf.ts');
    expect((await loadUserModule(b, project.root)).version).toBe('b');
    for (let version = 1; version <= 5; version++) {
      writeFileSync(a, `export const version = ${version};\n`);
      await loadUserModule(a, project.root);
    }
    const entries = cache();
    // One for a (its fifth version), one for b: not one per edit.
    expect(entries).toHaveLength(2);
    expect(entries.every((name) => /^wf-[0-9a-f]{8}-[0-9a-f]{16}\.cjs$/.test(name))).toBe(true);
    // b's entry survived a's edits: loading it again writes nothing new.
    await loadUserModule(b, project.root);
    expect(cache()).toEqual(entries);
  });

  it('a cache folder it cannot write (here .go-heavy is a file) is one ConfigError naming the file, the folder and what to do', async () => {
    const blocked = makeProject({ 'services/a/wf.ts': `export const version = 1;\n`, '.go-heavy': 'not a folder\n' });
    try {
      const file = path.join(blocked.root, 'services/a/wf.ts');
      const err = await loadUserModule(file, blocked.root).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message.split('\n')).toHaveLength(1);
      expect(message).toContain('wf.ts: cannot write its compiled copy to ');
      expect(message).toMatch(/\.go-heavy\/cache \((ENOTDIR|EEXIST)\): .*make that folder writable/);
    } finally {
      blocked.remove();
    }
  });

  it('loads again after the bundler was released (as the CLI does before a run)', async () => {
    const a = path.join(project.root, 'services/a/wf.ts');
    await releaseModuleLoader();
    writeFileSync(a, `export const version = 'after release';\n`);
    expect((await loadUserModule(a, project.root)).version).toBe('after release');
    await releaseModuleLoader();
  });
});

describe('buildRunPlan', () => {
  const project = makeProject({
    'heavy.config.ts': `export default { users: 2, reporters: ['console'] };\n`,
    'services/shop/heavy.config.ts': `export default { duration: '5s', requestLog: { bodyLimit: 100 } };\n`,
    'services/shop/env.default': 'BASE_URL=http://127.0.0.1:9\n',
    'services/shop/wf.ts': `import { workflow } from '@go-heavy/core';\nexport default workflow({ async run(ctx) { await ctx.http.get('/'); } });\n`,
  });
  afterAll(() => project.remove());

  it('hands back what each config file holds, so the CLI never compiles one a second time', async () => {
    const built = await buildRunPlan({ root: project.root, target: 'shop', flags: {}, processEnv: {} });
    expect(built.configFiles).toEqual([path.join(project.root, 'heavy.config.ts'), path.join(project.root, 'services/shop/heavy.config.ts')]);
    expect(built.configs).toEqual([
      { users: 2, reporters: ['console'] },
      { duration: '5s', requestLog: { bodyLimit: 100 } },
    ]);
  });
});
