import { readFileSync, writeFileSync } from 'node:fs';
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
    schemes: [
      'apiKey_cookie',
      'apiKey_header',
      'apiKey_query',
      'basic',
      'bearer',
      'bearer_jwt',
      'oauth2',
      'oauth2_authorizationCode',
      'oauth2_clientCredentials',
      'oauth2_implicit',
      'oauth2_password',
      'openIdConnect',
    ],
  },
])('go-heavy generate openapi $spec', ({ spec, service, workflows, schemes }) => {
  const project = makeProject({});
  afterAll(() => project.remove());

  it('writes a service that type-checks and runs against a server implementing the spec', async () => {
    const gen = await runCli(['generate', 'openapi', path.join(FIXTURES, spec), '--service', service, '--root', project.root]);
    expect(gen.code).toBe(0);
    expect(gen.stdout.trim().split('\n').sort()).toEqual(
      [...workflows.map((w) => `created services/${service}/${w}.ts`), `created services/${service}/env.default`, `created services/${service}/openapi-helpers.ts`].sort(),
    );

    const check = await runCli(['check', service, '--root', project.root], { timeoutMs: 90_000 });
    expect(check.stdout).toBe('');
    expect(check.stderr).toMatch(/no type errors\n$/);
    expect(check.code).toBe(0);

    const server = await startSpecServer(path.join(FIXTURES, spec));
    const out = path.join(project.root, 'results.json');
    // Two iterations per workflow, one user each: every operation is sent the same number of times.
    const iterations = 2 * workflows.length;
    const res = await runCli(['run', service, '--root', project.root, '--iterations', String(iterations), '--mix', workflows.map((w) => `${w}=1`).join(','), '--out', out, '--quiet'], {
      env: { BASE_URL: server.url },
      timeoutMs: 90_000,
    });
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

describe('go-heavy generate openapi again, after the spec changed', () => {
  const spec = (ordersStatus: number, postItems: boolean) => `openapi: 3.1.0
info: { title: shop, version: '1' }
servers: [{ url: 'http://127.0.0.1:8080/api' }]
paths:
  /items:
    get:
      tags: [items]
      operationId: listItems
      responses: { '200': { description: OK } }
${postItems ? `    post:\n      tags: [items]\n      operationId: addItem\n      requestBody: { content: { application/json: { schema: { type: object, required: [name], properties: { name: { type: string, example: lamp } } } } } }\n      responses: { '201': { description: Created } }\n` : ''}  /orders/{id}:
    get:
      tags: [orders]
      operationId: getOrder
      parameters: [{ name: id, in: path, required: true, schema: { type: integer }, example: 42 }]
      responses: { '${ordersStatus}': { description: OK } }
`;
  const project = makeProject({ 'shop.yaml': spec(200, false) });
  afterAll(() => project.remove());
  const generate = (...flags: string[]) => runCli(['generate', 'openapi', path.join(project.root, 'shop.yaml'), '--service', 'shop', '--root', project.root, ...flags]);
  const file = (name: string) => path.join(project.root, 'services/shop', name);

  it('rewrites the files still as generated, keeps edited ones, and refuses to overwrite an edit the spec changes unless --force', async () => {
    expect((await generate()).code).toBe(0);
    const orders = readFileSync(file('orders.ts'), 'utf8');
    expect(orders).toContain("ctx.http.get(`/orders/${encodeURIComponent(params.id)}`, { name: '/orders/{id}' })");
    expect(orders).toMatch(/const params = \{\n {2}id: 42,\n\};/);
    const edited = orders.replace('id: 42,', 'id: 7, // an order that exists on staging');
    writeFileSync(file('orders.ts'), edited);

    // Same spec: the edit stays, nothing is refused.
    const same = await generate();
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('kept services/shop/orders.ts: edited since it was generated, and the spec does not change it\n');
    expect(readFileSync(file('orders.ts'), 'utf8')).toBe(edited);

    // The spec changes both tags: items.ts (untouched) is rewritten, orders.ts (edited) refused.
    writeFileSync(path.join(project.root, 'shop.yaml'), spec(202, true));
    const changed = await generate();
    expect(changed.code).toBe(2);
    expect(changed.stderr).toBe(
      'go-heavy: services/shop/orders.ts: not written: edited since it was generated (its content no longer matches the hash in its header) and the spec changes it; move your edits elsewhere, or use --force to overwrite it\n',
    );
    expect(changed.stdout).toContain('updated services/shop/items.ts\n');
    expect(readFileSync(file('items.ts'), 'utf8')).toContain("ctx.check(res.status === 201, 'addItem answers 201');");
    expect(readFileSync(file('orders.ts'), 'utf8')).toBe(edited);

    const forced = await generate('--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('overwritten (--force) services/shop/orders.ts\n');
    const now = readFileSync(file('orders.ts'), 'utf8');
    expect(now).toContain("ctx.check(res.status === 202, 'getOrder answers 202');");
    expect(now).not.toContain('staging');
  });

  it('never overwrites a file it did not write, unless --force', async () => {
    const other = makeProject({ 'shop.yaml': spec(200, false), 'services/shop/env.default': 'BASE_URL=http://127.0.0.1:9000\n' });
    try {
      const res = await runCli(['generate', 'openapi', 'shop.yaml', '--service', 'shop'], { cwd: other.root });
      expect(res.code).toBe(2);
      expect(res.stderr).toBe('go-heavy: services/shop/env.default: not written: the file exists and was not generated by go-heavy; use --force to overwrite it\n');
      expect(readFileSync(path.join(other.root, 'services/shop/env.default'), 'utf8')).toBe('BASE_URL=http://127.0.0.1:9000\n');
      // The spec's own server, as BASE_URL, once forced.
      expect((await runCli(['generate', 'openapi', 'shop.yaml', '--service', 'shop', '--force'], { cwd: other.root })).code).toBe(0);
      expect(readFileSync(path.join(other.root, 'services/shop/env.default'), 'utf8')).toMatch(/^BASE_URL=http:\/\/127\.0\.0\.1:8080\/api$/m);
    } finally {
      other.remove();
    }
  });
});
