import { buildRunPlan, ConfigError } from '@go-heavy/config';
import { makeProject, WORKFLOW } from './project.js';

const BASE = 'BASE_URL=http://127.0.0.1:9\n';

describe('thresholds and the workflows of the run', () => {
  const project = makeProject({
    'heavy.config.ts': `export default { thresholds: ['shop/checkout p95 < 1s', '* dropped == 0'] };\n`,
    'services/blog/env.default': BASE,
    'services/blog/browse.ts': WORKFLOW(),
    // Its workflow is named apart from its file: `blog/publish`, not `blog/write`.
    'services/blog/write.ts': WORKFLOW('publish'),
    'services/blog/helpers.ts': 'export const x = 1;\n',
    'services/blog/heavy.config.ts': `export default { users: 1, iterations: 1, thresholds: ['blog/browse p95 < 500ms', { expr: 'blog/publish error-rate < 1%', abortOnFail: true }, 'blog/browse > home checks > 99%'] };\n`,
    'services/shop/env.default': BASE,
    'services/shop/checkout.ts': WORKFLOW(),
  });
  afterAll(() => project.remove());
  const plan = (target: string, threshold: string[] = []) => buildRunPlan({ root: project.root, target, flags: { threshold }, processEnv: {} });

  it('keeps the thresholds of the workflows run, and marks those of other workflows of the project skipped', async () => {
    const { plan: p } = await plan('blog/browse', ['blog/publish p99 < 2s']);
    expect(p.thresholds!.map((t) => [t.expr, t.skip])).toEqual([
      ['shop/checkout p95 < 1s', 'shop/checkout is not part of this run'],
      ['* dropped == 0', undefined],
      ['blog/browse p95 < 500ms', undefined],
      ['blog/publish error-rate < 1%', 'blog/publish is not part of this run'],
      ['blog/browse > home checks > 99%', undefined],
      ['blog/publish p99 < 2s', 'blog/publish is not part of this run'],
    ]);
    expect(p.thresholds![3]!.abortOnFail).toBe(true);
  });

  it('skips nothing when every workflow named is part of the run', async () => {
    const { plan: p } = await plan('blog');
    expect(p.thresholds!.filter((t) => t.skip !== undefined).map((t) => t.expr)).toEqual(['shop/checkout p95 < 1s']);
  });

  it.each([
    ['--threshold', 'blog/brwse p95 < 500ms', '--threshold: threshold "blog/brwse p95 < 500ms" names workflow "blog/brwse", which does not exist: expected one of blog/browse, blog/publish'],
    // A workflow is known by its name, not its file's.
    ['--threshold', 'blog/write p95 < 500ms', '--threshold: threshold "blog/write p95 < 500ms" names workflow "blog/write", which does not exist: expected one of blog/browse, blog/publish'],
    [
      '--threshold',
      'blgo/browse > home p95 < 500ms',
      '--threshold: threshold "blgo/browse > home p95 < 500ms" names workflow "blgo/browse", which does not exist: there is no service "blgo" (services: blog, shop)',
    ],
  ])('rejects a threshold (%s) naming a workflow that exists nowhere: %s', async (_source, expr, message) => {
    await expect(plan('blog/browse', [expr])).rejects.toThrow(new ConfigError(message));
  });

  it('rejects one written in a config file, saying where', async () => {
    const other = makeProject({
      'services/blog/env.default': BASE,
      'services/blog/browse.ts': WORKFLOW(),
      'services/blog/heavy.config.ts': `export default { thresholds: ['blog/browse p95 < 1s', 'blog/brwse checks > 99%'] };\n`,
    });
    try {
      const err = await buildRunPlan({ root: other.root, target: 'blog/browse', flags: {}, processEnv: {} }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(
        /services\/blog\/heavy\.config\.ts: thresholds\[1\]: threshold "blog\/brwse checks > 99%" names workflow "blog\/brwse", which does not exist: expected one of blog\/browse$/,
      );
    } finally {
      other.remove();
    }
  });
});
