import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';

// `go-heavy check` runs the TypeScript compiler over a team's workflows: esbuild, which runs
// them, strips types without checking, so these mistakes would otherwise run as `undefined`.
describe('go-heavy check', () => {
  const WRONG_FIELD = `import { workflow } from '@go-heavy/core';
import { titleOf } from '../../common/posts';
export default workflow({
  async run(ctx) {
    const res = await ctx.step('home', () => ctx.http.get('/'));
    ctx.check(res.statusCode === 200, 'home answers');
    ctx.log.info(titleOf(res.json()));
  },
});
`;
  const CLEAN = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    const res = await ctx.http.post('/posts', { title: 'x' }, { name: '/posts' });
    ctx.check(res.status === 201, 'created');
  },
});
`;
  const project = makeProject({
    'heavy.config.ts': `export default { users: 2 };\n`,
    'services/blog/browse.ts': WRONG_FIELD,
    'services/blog/write.ts': CLEAN,
    // A shared helper with its own mistake: found through the workflow that imports it.
    'common/posts.ts': `export function titleOf(post: unknown): string {\n  return post.title;\n}\n`,
    'services/shop/search.ts': CLEAN,
  });
  afterAll(() => project.remove());
  const check = (...args: string[]) => runCli(['check', ...args, '--root', project.root], { env: { NO_COLOR: '1' }, timeoutMs: 60_000 });

  it('reports what tsc reports, with file and line, and exits 1', async () => {
    const res = await check('blog');
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/services\/blog\/browse\.ts\(6,19\): error TS2339: Property 'statusCode' does not exist on type 'HttpResponse'/);
    expect(res.stdout).toMatch(/common\/posts\.ts\(2,10\): error TS18046: 'post' is of type 'unknown'/);
    expect(res.stderr).toBe('go-heavy: checked 4 files: 2 type errors\n');
  });

  it('checks one workflow alone, and every service without a target', async () => {
    const one = await check('blog/write');
    expect(one.code).toBe(0);
    expect(one.stdout).toBe('');
    expect(one.stderr).toBe('go-heavy: checked 2 files: no type errors\n');
    const all = await check();
    expect(all.code).toBe(1);
    expect(all.stderr).toBe('go-heavy: checked 5 files: 2 type errors\n');
  });

  it('rejects a service that does not exist as run does', async () => {
    const res = await check('blgo');
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toMatch(/unknown service "blgo".*expected one of blog, shop/);
  });

  it("uses the project's tsconfig.json when there is one", async () => {
    const loose = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: false, module: 'ESNext', moduleResolution: 'Bundler', noEmit: true, skipLibCheck: true } }),
      // An implicit any: an error under the default strict options, fine under this tsconfig.
      'services/api/list.ts': `import { workflow } from '@go-heavy/core';\nfunction pick(x) { return x; }\nexport default workflow({ async run(ctx) { await ctx.http.get(pick('/')); } });\n`,
    });
    try {
      const withConfig = await runCli(['check', '--root', loose.root], { env: { NO_COLOR: '1' }, timeoutMs: 60_000 });
      expect(withConfig.stderr).toBe('go-heavy: checked 1 file: no type errors\n');
      expect(withConfig.code).toBe(0);
    } finally {
      loose.remove();
    }
    const strict = makeProject({
      'services/api/list.ts': `import { workflow } from '@go-heavy/core';\nfunction pick(x) { return x; }\nexport default workflow({ async run(ctx) { await ctx.http.get(pick('/')); } });\n`,
    });
    try {
      const res = await runCli(['check', '--root', strict.root], { env: { NO_COLOR: '1' }, timeoutMs: 60_000 });
      expect(res.code).toBe(1);
      expect(res.stdout).toMatch(/error TS7006: Parameter 'x' implicitly has an 'any' type/);
    } finally {
      strict.remove();
    }
  });
});
