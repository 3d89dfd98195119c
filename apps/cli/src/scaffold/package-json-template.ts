/** The packages a go-heavy project imports: the CLI, the authoring API and `defineConfig`'s package. */
export function goHeavyDependencies(version: string): Record<string, string> {
  const range = `^${version}`;
  return { '@go-heavy/config': range, '@go-heavy/core': range, 'go-heavy': range };
}

/** A package name npm accepts, from a folder's name (`My Load Tests` → `my-load-tests`). */
function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '')
    .slice(0, 214);
  return name === '' ? 'load-tests' : name;
}

/** `package.json` of a new project: private, with scripts for `npm run load -- <service>` and `npm run check`. */
export function packageJsonSource(folder: string, version: string): string {
  const pkg = {
    name: packageName(folder),
    version: '1.0.0',
    private: true,
    description: 'Load tests, run with go-heavy',
    scripts: { check: 'go-heavy check', load: 'go-heavy run' },
    devDependencies: goHeavyDependencies(version),
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
