import { buildRunPlan, ConfigError, parseSize } from '@go-heavy/config';
import { makeProject, WORKFLOW } from './project.js';

const BASE = 'BASE_URL=https://127.0.0.1:9\n';

describe('HTTP settings: insecure, discardResponseBodies, maxResponseSize', () => {
  const project = makeProject({
    'heavy.config.ts': `export default { maxResponseSize: '8MB' };\n`,
    'services/plain/env.default': BASE,
    'services/plain/wf.ts': WORKFLOW(),
    'services/tls/env.default': BASE,
    'services/tls/wf.ts': WORKFLOW(),
    'services/tls/heavy.config.ts': `export default { insecure: true, discardResponseBodies: true, maxResponseSize: '2MiB' };\n`,
    'services/badbool/env.default': BASE,
    'services/badbool/wf.ts': WORKFLOW(),
    'services/badbool/heavy.config.ts': `export default { insecure: 'yes' };\n`,
    'services/badsize/env.default': BASE,
    'services/badsize/wf.ts': WORKFLOW(),
    'services/badsize/heavy.config.ts': `export default { maxResponseSize: '64 parsecs' };\n`,
  });
  afterAll(() => project.remove());
  const plan = (target: string, flags = {}) => buildRunPlan({ root: project.root, target, flags, processEnv: {} });

  it('are off by default; the limit comes from the root config here', async () => {
    const { http } = await plan('plain');
    expect(http).toEqual({ insecure: false, discardResponseBodies: false, maxResponseBytes: 8_000_000 });
  });

  it('come from the service config over the root one, and flags over both', async () => {
    expect((await plan('tls')).http).toEqual({ insecure: true, discardResponseBodies: true, maxResponseBytes: 2 * 1024 * 1024 });
    const flagged = await plan('tls', { insecure: false, discardResponseBodies: false, maxResponseSize: '100' });
    expect(flagged.http).toEqual({ insecure: false, discardResponseBodies: false, maxResponseBytes: 100 });
    expect((await plan('plain', { insecure: true })).http.insecure).toBe(true);
  });

  it('name the field and what was expected when wrong', async () => {
    await expect(plan('badbool')).rejects.toThrow(ConfigError);
    await expect(plan('badbool')).rejects.toThrow(/heavy\.config\.ts: insecure: expected true or false, got "yes"$/);
    await expect(plan('badsize')).rejects.toThrow(/heavy\.config\.ts: maxResponseSize: expected a size above zero like 64MB, 512KiB or a number of bytes, got "64 parsecs"$/);
    await expect(plan('plain', { maxResponseSize: '0' })).rejects.toThrow('--max-response-size: expected a size above zero like 64MB, 512KiB or a number of bytes, got "0"');
  });
});

describe('parseSize', () => {
  it.each([
    ['1', 1],
    [4096, 4096],
    ['64MB', 64_000_000],
    ['64mb', 64_000_000],
    ['64MiB', 64 * 2 ** 20],
    ['512 KiB', 512 * 1024],
    ['512kB', 512_000],
    ['1.5GB', 1_500_000_000],
    ['2GiB', 2 * 2 ** 30],
    ['10B', 10],
  ])('reads %p as %p bytes', (text, bytes) => {
    expect(parseSize(text, '--max-response-size')).toBe(bytes);
  });

  it.each([['0'], [0], [-1], [1.5], ['MB'], ['12 TB'], ['1e6'], [''], [true], [null]])('refuses %p', (value) => {
    expect(() => parseSize(value, 'x')).toThrow(ConfigError);
  });
});
