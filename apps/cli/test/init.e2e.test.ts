import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget } from './support/target.js';

const VERSION = (JSON.parse(readFileSync(path.resolve(__dirname, '../package.json'), 'utf8')) as { version: string }).version;

/** Every file under `dir`, relative, sorted; the compile cache and results left out. */
function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (e.name === '.go-heavy' ? [] : filesUnder(dir, path.join(prefix, e.name))) : [path.join(prefix, e.name)]))
    .sort();
}

const read = (root: string, file: string) => readFileSync(path.join(root, file), 'utf8');

describe('go-heavy init', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  beforeAll(async () => {
    target = await startTarget();
  });
  afterAll(() => target.close());

  it('lays out an empty folder: the files type-check, and the sample runs against BASE_URL', async () => {
    const project = makeProject({});
    try {
      const init = await runCli(['init'], { cwd: project.root });
      expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });
      const created = ['.gitignore', 'common/checks.ts', 'package.json', 'services/api/env.default', 'services/api/heavy.config.ts', 'services/api/smoke.ts', 'tsconfig.json', 'utils/think-time.ts'];
      expect(filesUnder(project.root)).toEqual(created);
      const lines = init.stdout.split('\n');
      for (const file of created) expect(lines).toContain(`  created   ${file}`);
      expect(init.stdout).toMatch(/\nNext:\n {2}npm install\n {2}npx go-heavy run api /);

      const pkg = JSON.parse(read(project.root, 'package.json'));
      expect(pkg.devDependencies).toEqual({ '@go-heavy/config': `^${VERSION}`, '@go-heavy/core': `^${VERSION}`, 'go-heavy': `^${VERSION}` });
      expect(pkg.scripts).toEqual({ check: 'go-heavy check', load: 'go-heavy run' });
      expect(pkg.private).toBe(true);
      expect(read(project.root, '.gitignore').split('\n')).toEqual(['.env', '.go-heavy/', 'node_modules/', '']);
      expect(read(project.root, 'services/api/env.default')).toMatch(/^BASE_URL=http:\/\/localhost:3000$/m);
      // The sample uses the shared helpers, so common/ and utils/ are real code, not placeholders.
      const sample = read(project.root, 'services/api/smoke.ts');
      expect(sample).toContain(`import { expectStatus } from '../../common/checks';`);
      expect(sample).toContain(`import { thinkTime } from '../../utils/think-time';`);

      const check = await runCli(['check'], { cwd: project.root, timeoutMs: 90_000 });
      // heavy.config.ts, smoke.ts and the two helpers it imports.
      expect({ code: check.code, stdout: check.stdout, stderr: check.stderr }).toEqual({ code: 0, stdout: '', stderr: 'go-heavy: checked 4 files: no type errors\n' });

      const before = target.stats.seen.length;
      const run = await runCli(['run', 'api', '--iterations', '3', '--quiet', '--no-history', '--out', 'results.json'], { cwd: project.root, env: { BASE_URL: target.url }, timeoutMs: 60_000 });
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
      const seen = target.stats.seen.slice(before).map((r) => `${r.method} ${r.url}`);
      expect(seen.sort()).toEqual(['GET /', 'GET /', 'GET /', 'GET /health', 'GET /health', 'GET /health']);
      const wf = readResults(path.join(project.root, 'results.json')).workflows[0]!;
      expect({ name: wf.name, succeeded: wf.succeeded, failed: wf.failed }).toEqual({ name: 'api/smoke', succeeded: 3, failed: 0 });
      expect(wf.steps.map((s) => s.name)).toEqual(['home page', 'health']);
      expect(wf.checks).toEqual([
        { name: 'home page is 200', passed: 3, failed: 0 },
        { name: 'health is 200', passed: 3, failed: 0 },
      ]);
    } finally {
      project.remove();
    }
  }, 120_000);

  it('in an existing repo changes nothing that is there but for additive merges, says what it kept, and --force overwrites', async () => {
    const PKG = '{\n    "name": "team",\n    "files": ["a", "b"],\n    "dependencies": {\n        "left-pad": "^1.3.0",\n        "@go-heavy/core": "^0.0.9"\n    }\n}\n';
    const IGNORE = 'dist\n/node_modules';
    const TSCONFIG = '{ "compilerOptions": { "strict": true, "skipLibCheck": true, "module": "preserve", "moduleResolution": "bundler", "noEmit": true } }\n';
    const CHECKS = '// our own checks\nexport const ours = 1;\n';
    const project = makeProject({ 'package.json': PKG, '.gitignore': IGNORE, 'tsconfig.json': TSCONFIG, 'common/checks.ts': CHECKS });
    try {
      const init = await runCli(['init', '--base-url', target.url], { cwd: project.root });
      expect({ code: init.code, stderr: init.stderr }).toEqual({ code: 0, stderr: '' });
      expect(init.stdout.split('\n').slice(0, 12)).toEqual([
        `go-heavy init: ${project.root}`,
        '  added     @go-heavy/config, go-heavy to package.json (devDependencies)',
        '  kept      package.json: already lists @go-heavy/core (dependencies: ^0.0.9)',
        '  added     .env, .go-heavy/ to .gitignore',
        '  kept      tsconfig.json: it exists, with other content (--force overwrites it)',
        '  kept      common/checks.ts: it exists, with other content (--force overwrites it)',
        '  created   utils/think-time.ts',
        '  created   services/api/heavy.config.ts',
        '  created   services/api/env.default',
        '  created   services/api/smoke.ts',
        '',
        'Next:',
      ]);
      // Insertions only: the 4-space indent, the inline array and @go-heavy/core's old range stay.
      const merged = PKG.replace('    }\n}\n', '    },\n    "devDependencies": {\n        "@go-heavy/config": "^' + VERSION + '",\n        "go-heavy": "^' + VERSION + '"\n    }\n}\n');
      expect(read(project.root, 'package.json')).toBe(merged);
      expect(read(project.root, '.gitignore')).toBe('dist\n/node_modules\n# go-heavy\n.env\n.go-heavy/\n');
      expect(read(project.root, 'tsconfig.json')).toBe(TSCONFIG);
      expect(read(project.root, 'common/checks.ts')).toBe(CHECKS);
      // common/checks.ts is the team's own: the sample does not import a helper it lacks.
      expect(read(project.root, 'services/api/smoke.ts')).not.toContain('common/checks');
      expect(read(project.root, 'services/api/env.default')).toContain(`BASE_URL=${target.url}\n`);
      const check = await runCli(['check', 'api'], { cwd: project.root, timeoutMs: 90_000 });
      expect({ code: check.code, stdout: check.stdout, stderr: check.stderr }).toEqual({ code: 0, stdout: '', stderr: 'go-heavy: checked 2 files: no type errors\n' });

      // Again: everything is there now, so nothing is written.
      const mtimes = filesUnder(project.root).map((f) => statSync(path.join(project.root, f)).mtimeMs);
      const again = await runCli(['init'], { cwd: project.root });
      expect(again.code).toBe(0);
      expect(again.stdout).not.toMatch(/^ {2}(created|added|overwrote) /m);
      expect(again.stdout).toContain('  kept      services/api/: the service exists: kept as it is, no file added to it (--force writes its files anew)');
      expect(filesUnder(project.root).map((f) => statSync(path.join(project.root, f)).mtimeMs)).toEqual(mtimes);

      const forced = await runCli(['init', '--force', '--base-url', target.url], { cwd: project.root });
      expect({ code: forced.code, stderr: forced.stderr }).toEqual({ code: 0, stderr: '' });
      const lines = forced.stdout.split('\n');
      for (const file of ['tsconfig.json', 'common/checks.ts', 'services/api/smoke.ts']) expect(lines).toContain(`  overwrote ${file}`);
      expect(lines).toContain('  kept      services/api/heavy.config.ts: already as go-heavy writes it');
      expect(read(project.root, 'tsconfig.json')).toContain('"include": ["services", "common", "utils"]');
      expect(read(project.root, 'common/checks.ts')).toContain('export function expectStatus');
      // With the helper there, the sample is rewritten to use it; package.json is never overwritten.
      expect(read(project.root, 'services/api/smoke.ts')).toContain(`import { expectStatus } from '../../common/checks';`);
      expect(read(project.root, 'package.json')).toBe(merged);
    } finally {
      project.remove();
    }
  }, 120_000);

  it('adds no sample service where services/ holds some, unless --service names one; a dir that does not exist is created', async () => {
    const project = makeProject({ 'repo/services/shop/browse.ts': 'export {};\n' });
    try {
      const init = await runCli(['init', 'repo'], { cwd: project.root });
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('  kept      services/: holds shop already: no sample service added (--service NAME adds one)');
      expect(init.stdout).toMatch(/\nNext:\n {2}cd repo\n {2}npm install\n {2}npx go-heavy run shop /);
      expect(filesUnder(path.join(project.root, 'repo', 'services'))).toEqual(['shop/browse.ts']);

      const named = await runCli(['init', 'repo', '--service', 'billing'], { cwd: project.root });
      expect(named.code).toBe(0);
      expect(filesUnder(path.join(project.root, 'repo', 'services'))).toEqual(['billing/env.default', 'billing/heavy.config.ts', 'billing/smoke.ts', 'shop/browse.ts']);

      const fresh = await runCli(['init', 'new/load-tests', '--service', 'shop'], { cwd: project.root });
      expect(fresh.code).toBe(0);
      expect(filesUnder(path.join(project.root, 'new/load-tests'))).toContain('services/shop/smoke.ts');
      expect(JSON.parse(read(project.root, 'new/load-tests/package.json')).name).toBe('load-tests');
    } finally {
      project.remove();
    }
  }, 60_000);
});
