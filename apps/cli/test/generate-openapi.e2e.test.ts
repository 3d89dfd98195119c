import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { startSpecServer } from './support/openapi-server.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

const FIXTURES = path.resolve(__dirname, '../../../packages/openapi/test/fixtures');

// Real, published specs of different shapes: generated, type-checked with tsc, then run against
// a server that implements each spec's operations, statuses and security schemes.
describe.each([
  { spec: 'realworld-conduit.yml', service: 'conduit', workflows: ['articles', 'comments', 'favorites', 'profile', 'tags', 'user-and-authentication'], schemes: ['Token'] },
  { spec: 'petstore-swagger-2.0.yaml', service: 'petstore', workflows: ['pet', 'store', 'user'], schemes: ['api_key', 'petstore_auth'] },
  {
    spec: 'security-schemes-3.0.yaml',
    service: 'security',
    workflows: ['api-key', 'http', 'oauth-2', 'open-id-connect', 'other'],
    schemes: ['apiKey_cookie', 'apiKey_header', 'apiKey_query', 'basic', 'bearer', 'bearer_jwt', 'oauth2', 'oauth2_authorizationCode', 'oauth2_clientCredentials', 'oauth2_implicit', 'oauth2_password', 'openIdConnect'],
  },
])('go-heavy generate openapi $spec', ({ spec, service, workflows, schemes }) => {
  const project = makeProject({});
  afterAll(() => project.remove());

  it('writes a service that type-checks and runs against a server implementing the spec', async () => {
    const gen = await runCli(['generate', 'openapi', path.join(FIXTURES, spec), '--service', service, '--root', project.root]);
    expect(gen.code).toBe(0);
    expect(gen.stdout.trim().split('\n').sort()).toEqual([...workflows.map((w) => `created services/${service}/${w}.ts`), `created services/${service}/env.default`, `created services/${service}/openapi-helpers.ts`].sort());

    const check = await runCli(['check', service, '--root', project.root], { timeoutMs: 90_000 });
    expect(check.stdout).toBe('');
    expect(check.stderr).toMatch(/no type errors\n$/);
    expect(check.code).toBe(0);

    const server = await startSpecServer(path.join(FIXTURES, spec));
    const out = path.join(project.root, 'results.json');
    // Two iterations per workflow, one user each: every operation is sent the same number of times.
    const iterations = 2 * workflows.length;
    const res = await runCli(['run', service, '--root', project.root, '--iterations', String(iterations), '--mix', workflows.map((w) => `${w}=1`).join(','), '--out', out, '--quiet'], { env: { BASE_URL: server.url }, timeoutMs: 90_000 });
    const seen = await server.stop();
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(seen.unmatched).toEqual([]);
    expect(seen.unauthorized).toEqual([]);

    const result = readResults(out);
    expectConsistent(result);
    expect(result.workflows.map((w) => w.name).sort()).toEqual(workflows.map((w) => `${service}/${w}`).sort());
    // Every operation of the spec, sent twice, named by its path template, answered with its documented status.
    const sent: Record<string, number> = {};
    const statuses: Record<string, Record<string, number>> = {};
    for (const wf of result.workflows) {
      expect(wf.runs).toBe(2);
      expect(wf.failed).toBe(0);
      for (const step of wf.steps) {
        for (const check of step.checks ?? []) expect([check.name, check.failed]).toEqual([check.name, 0]);
        for (const r of step.requests) {
          const key = `${r.method} ${r.endpoint}`;
          sent[key] = (sent[key] ?? 0) + r.runs;
          for (const [code, n] of Object.entries(r.statusCodes)) (statuses[key] ??= {})[code] = (statuses[key]?.[code] ?? 0) + n;
        }
      }
    }
    const expected = Object.fromEntries(server.operations.map((op) => [op.key, 2]));
    expect(sent).toEqual(expected);
    expect(seen.byOperation).toEqual(expected);
    expect(statuses).toEqual(Object.fromEntries(server.operations.map((op) => [op.key, { [op.status]: 2 }])));
    expect(result.summary.requests).toBe(2 * server.operations.length);
    // The credentials each scheme asks for arrived, with the values of the generated env.default.
    expect(Object.keys(seen.credentials).sort()).toEqual([...schemes].sort());
    const env = readFileSync(path.join(project.root, 'services', service, 'env.default'), 'utf8');
    for (const values of Object.values(seen.credentials)) for (const v of values) expect(['change-me', 'user:change-me']).toContain(v);
    expect(env).toMatch(/^BASE_URL=https?:\/\//m);
  }, 180_000);
});
