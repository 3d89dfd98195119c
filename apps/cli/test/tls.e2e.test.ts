import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTlsTarget, type TlsTarget } from './support/tls-target.js';

const FAST = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.step('ping', () => ctx.http.get('/fast')); } });
`;

// Reads one body and leaves the other: with --discard-response-bodies, only \`{ discardBody: false }\` keeps it.
const BODIES = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    const status = await ctx.http.get('/big');
    ctx.check(status.status === 200, 'big is 200');
    const kept = await ctx.http.get('/json', { discardBody: false });
    ctx.check(kept.json<{ ok: boolean }>().ok, 'json kept');
  },
});
`;

const READS_DISCARDED = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { const res = await ctx.http.get('/json'); ctx.check(res.body.length > 0, 'has a body'); } });
`;

describe('go-heavy run against https with a self-signed certificate (end to end)', () => {
  let target: TlsTarget;
  const project = makeProject({
    'services/api/ping.ts': FAST,
    'services/api/bodies.ts': BODIES,
    'services/api/reads.ts': READS_DISCARDED,
    'services/trusting/ping.ts': FAST,
    'services/trusting/heavy.config.ts': `export default { insecure: true };\n`,
  });
  beforeAll(async () => {
    target = await startTlsTarget();
  });
  beforeEach(() => target.byPath.clear());
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const run = (target_: string, flags: string[], env: Record<string, string> = {}) => {
    const out = path.join(project.root, 'out', `${target_.replace('/', '-')}-${flags.join('').replace(/\W/g, '')}.json`);
    return runCli(['run', target_, '--root', project.root, '--iterations', '3', '--out', out, '--quiet', ...flags], { env: { BASE_URL: target.url, ...env } }).then((res) => ({
      res,
      out,
    }));
  };

  it('fails every request as tls-cert by default, counted once each, with a reason that says what to do', async () => {
    const { res, out } = await run('api/ping', []);
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    expect(wf.runs).toBe(3);
    expect(wf.failed).toBe(3);
    expect(wf.errors).toEqual({ 'tls-cert': 3 });
    expect(result.summary.requests).toBe(3);
    const reasons = Object.keys(wf.failureReasons);
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatch(
      /^HttpRequestError: tls-cert: GET \/fast: the server's certificate is not trusted: self-signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\); accept it with insecure: true \(go-heavy run --insecure\)/,
    );
    expect(res.stdout).toMatch(/tls-cert\s+3/);
    // No request got through the handshake.
    expect(target.byPath.get('/fast')).toBeUndefined();
  });

  it('accepts it with --insecure', async () => {
    const { res, out } = await run('api/ping', ['--insecure']);
    expect(res.code).toBe(0);
    const wf = readResults(out).workflows[0]!;
    expect(wf.errors).toEqual({});
    expect(wf.statusCodes).toEqual({ '200': 3 });
    expect(target.byPath.get('/fast')).toBe(3);
  });

  it('accepts it with insecure: true in heavy.config.ts, and --no-insecure undoes that', async () => {
    const trusting = await run('trusting/ping', []);
    expect(readResults(trusting.out).workflows[0]!.statusCodes).toEqual({ '200': 3 });
    const undone = await run('trusting/ping', ['--no-insecure']);
    expect(readResults(undone.out).workflows[0]!.errors).toEqual({ 'tls-cert': 3 });
  });

  it('trusts it through NODE_EXTRA_CA_CERTS, without --insecure', async () => {
    const { out } = await run('api/ping', [], { NODE_EXTRA_CA_CERTS: target.certFile });
    expect(readResults(out).workflows[0]!.statusCodes).toEqual({ '200': 3 });
  });

  it('--discard-response-bodies drops bodies a workflow does not keep, and a discardBody: false request keeps its own', async () => {
    const { res, out } = await run('api/bodies', ['--insecure', '--discard-response-bodies']);
    expect(res.code).toBe(0);
    const wf = readResults(out).workflows[0]!;
    expect(wf.failed).toBe(0);
    expect(wf.checks).toEqual(
      expect.arrayContaining([
        { name: 'big is 200', passed: 3, failed: 0 },
        { name: 'json kept', passed: 3, failed: 0 },
      ]),
    );
    expect(target.byPath.get('/big')).toBe(3);
  });

  it('reading a discarded body fails the iteration with a reason that says how to keep it', async () => {
    const { out } = await run('api/reads', ['--insecure', '--discard-response-bodies']);
    const wf = readResults(out).workflows[0]!;
    expect(wf.failed).toBe(3);
    // The requests themselves were answered: 200, no error.
    expect(wf.statusCodes).toEqual({ '200': 3 });
    expect(Object.keys(wf.failureReasons)).toEqual([
      `BodyDiscardedError: the body of GET ${target.url}/json was discarded (discardBody, or --discard-response-bodies for the run): pass { discardBody: false } to this request to keep it`,
    ]);
  });

  it('--max-response-size fails a larger body as response-too-large', async () => {
    const { out } = await run('api/bodies', ['--insecure', '--max-response-size', '64KiB']);
    const wf = readResults(out).workflows[0]!;
    expect(wf.errors).toEqual({ 'response-too-large': 3 });
    expect(wf.failed).toBe(3);
  });

  it.each([
    ['--max-response-size lots', ['--max-response-size', 'lots'], /^go-heavy: --max-response-size: expected a size above zero like 64MB, 512KiB or a number of bytes, got "lots"$/],
    ['--max-response-size 0', ['--max-response-size', '0'], /^go-heavy: --max-response-size: expected a size above zero/],
  ])('%s: one clear line, exit code 2', async (_name, flags, message) => {
    const { res } = await run('api/ping', flags);
    expect(res.code).toBe(2);
    expect(res.stdout).toBe('');
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr.trim()).toMatch(message);
  });
});
