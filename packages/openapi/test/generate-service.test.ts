import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateService, loadSpec } from '../src/index.js';

const FIXTURES = path.join(__dirname, 'fixtures');
const dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-openapi-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function specFile(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('generateService', () => {
  it('Conduit (3.1): one workflow per tag, requests named by their templates, typed bodies, the documented status', async () => {
    const files = generateService(await loadSpec(path.join(FIXTURES, 'realworld-conduit.yml')), { service: 'conduit' });
    expect(files.map((f) => f.path)).toEqual([
      'services/conduit/articles.ts',
      'services/conduit/comments.ts',
      'services/conduit/favorites.ts',
      'services/conduit/profile.ts',
      'services/conduit/tags.ts',
      'services/conduit/user-and-authentication.ts',
      'services/conduit/openapi-helpers.ts',
      'services/conduit/env.default',
    ]);
    const comments = files.find((f) => f.path.endsWith('/comments.ts'))!.content;
    // Over 200 columns: laid out on several lines, as prettier would.
    expect(comments).toContain(
      "      const res = await ctx.http.delete(`/articles/${encodeURIComponent(params.slug)}/comments/${encodeURIComponent(params.id)}`, {\n        name: '/articles/{slug}/comments/{id}',\n        headers: { Authorization: ctx.env.TOKEN_API_KEY },\n      });",
    );
    expect(comments).toContain("ctx.check(res.status === 204, 'DeleteArticleComment answers 204');");
    expect(comments).toMatch(/type CreateArticleCommentBody = \{\n {2}comment: \{\n {4}body: string;\n {2}\};\n\};/);
    const env = files.find((f) => f.path.endsWith('env.default'))!.content;
    expect(env).toMatch(/^BASE_URL=https:\/\/api\.realworld\.show\/api$/m);
    expect(env).toMatch(/^TOKEN_API_KEY=change-me$/m);
  });

  it('only the tags asked for; an unknown one is named with the ones there are', async () => {
    const spec = await loadSpec(path.join(FIXTURES, 'petstore-swagger-2.0.yaml'));
    expect(generateService(spec, { service: 'p', tags: ['store'] }).map((f) => f.path)).toEqual(['services/p/store.ts', 'services/p/openapi-helpers.ts', 'services/p/env.default']);
    expect(() => generateService(spec, { service: 'p', tags: ['pets'] })).toThrow('tag "pets" is not used by petstore-swagger-2.0.yaml: expected one of "pet", "store", "user"');
  });

  it('odd operationIds become valid type names; server variables resolve; untagged operations share a workflow', async () => {
    const file = specFile(
      'odd.yaml',
      `openapi: 3.0.3
info: { title: odd, version: '1' }
servers: [{ url: '{scheme}://api.example.com:{port}/v{major}', variables: { scheme: { default: https }, port: { enum: ['8443', '443'], default: '8443' }, major: { default: '2' } } }]
paths:
  /things/{thing-id}:
    put:
      operationId: 2-update.thing/now
      parameters:
        - { name: thing-id, in: path, required: true, schema: { type: string }, example: t-1 }
        - { name: api-version, in: query, required: true, schema: { type: string, example: '2024-01-01' } }
      requestBody:
        content:
          application/json:
            schema: { type: object, required: [kind], properties: { kind: { type: string, enum: [a, b] }, 'x-y': { type: integer, nullable: true }, id: { type: string, readOnly: true } } }
      responses: { '200': { description: OK }, '202': { description: Accepted } }
`,
    );
    const files = generateService(await loadSpec(file), { service: 'odd' });
    expect(files.map((f) => f.path)).toEqual(['services/odd/untagged.ts', 'services/odd/openapi-helpers.ts', 'services/odd/env.default']);
    const wf = files[0]!.content;
    expect(wf).toContain("  'thing-id': 't-1',\n  'api-version': '2024-01-01',\n");
    expect(wf).toContain("type _2UpdateThingNowBody = {\n  kind: 'a' | 'b';\n  'x-y'?: number | null;\n};");
    expect(wf).toContain("ctx.http.put(`/things/${encodeURIComponent(params['thing-id'])}${query({ 'api-version': params['api-version'] })}`, body, { name: '/things/{thing-id}' })");
    expect(wf).toContain("ctx.check([200, 202].includes(res.status), '2-update.thing/now answers 200 or 202');");
    expect(files[2]!.content).toMatch(/^BASE_URL=https:\/\/api\.example\.com:8443\/v2$/m);
  });
});

describe('loadSpec: a broken spec is one line naming the file, the place and the problem', () => {
  it.each([
    ['invalid YAML', 'openapi: 3.0.3\ninfo: { title: x, version: "1"\npaths: {}\n', /^bad\.yaml: line \d+, column \d+ .*invalid YAML: /],
    [
      'a dangling $ref',
      'openapi: 3.0.3\ninfo: { title: x, version: "1" }\npaths:\n  /a:\n    get:\n      responses:\n        "200": { $ref: "#/components/responses/Gone" }\n',
      'bad.yaml: #/paths/~1a/get/responses/200/$ref: $ref "#/components/responses/Gone" points to nothing in the spec',
    ],
    ['openapi 4', 'openapi: 4.0.0\ninfo: { title: x, version: "1" }\npaths: {}\n', 'bad.yaml: #/openapi: unsupported version "4.0.0": expected openapi 3.0.x or 3.1.x (as a string), or swagger "2.0"'],
    ['swagger 1.2', 'swagger: "1.2"\n', 'bad.yaml: #/swagger: unsupported version "1.2": expected swagger "2.0", or openapi 3.0.x or 3.1.x'],
    ['neither', 'info: { title: x }\n', 'bad.yaml: #: not an OpenAPI document: expected an "openapi" field (3.0.x, 3.1.x) or a "swagger" field ("2.0")'],
  ])('%s', async (_what, text, message) => {
    const file = specFile('bad.yaml', text);
    const err = await loadSpec(file).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    const line = (err as Error).message.split(dir + path.sep).join('');
    expect(line).not.toContain('\n');
    if (typeof message === 'string') expect(line).toBe(message);
    else expect(line).toMatch(message);
  });
});
