import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { readResults } from './support/results.js';
import { startTarget, type SeenRequest } from './support/target.js';

/** The token the workflow reads from its environment and sends as `Authorization: Bearer …`. */
const SECRET = 'tok_live_9f8e7d6c5b4a39281706';

/**
 * Two requests per iteration: a POST with the token in its Authorization header and in its
 * body (echoed back by /echo), then a status that is 500 every fourth iteration. Every tenth
 * iteration also calls DEAD_URL, where nothing listens, which fails the iteration.
 */
const AUTH = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    await ctx.step('call', async () => {
      const res = await ctx.http.post('/echo', { iteration: ctx.iteration, note: 'key ' + ctx.env.API_TOKEN }, {
        headers: { Authorization: 'Bearer ' + ctx.env.API_TOKEN },
      });
      ctx.check(res.status === 200, 'echoed');
    });
    await ctx.http.get('/status/' + (ctx.iteration % 4 === 0 ? 500 : 200), { name: '/status/{code}' });
    if (ctx.iteration % 10 === 0) await ctx.http.get(ctx.env.DEAD_URL + '/dead');
  },
});
`;

const FAST = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/fast?i=' + ctx.iteration); } });
`;

/** init and cleanup (once, on the main thread with --workers) and each iteration call the server with the token. */
const LIFECYCLE = `import { workflow } from '@go-heavy/core';
export default workflow({
  async init(ctx) {
    await ctx.http.get('/fast?at=init', { headers: { Authorization: 'Bearer ' + ctx.env.API_TOKEN } });
    return {};
  },
  async run(ctx) {
    await ctx.http.post('/echo', { note: 'key ' + ctx.env.API_TOKEN }, { headers: { Authorization: 'Bearer ' + ctx.env.API_TOKEN } });
    await ctx.http.get('/status/' + (ctx.iteration % 4 === 0 ? 500 : 200), { name: '/status/{code}' });
  },
  async cleanup(ctx) {
    await ctx.http.get('/fast?at=cleanup');
  },
});
`;

interface Entry {
  id: string;
  ts: string;
  workflow: string | null;
  step: string;
  method: string;
  url: string;
  requestHeaders: Record<string, string | string[]>;
  requestBody: string | null;
  requestBodyTruncated?: true;
  status: number | null;
  responseHeaders: Record<string, string | string[]> | null;
  responseBody: string | null;
  responseBodyTruncated?: true;
  latencyMs: number;
  error: { category: string; message: string } | null;
}

function readLog(file: string): { raw: string; entries: Entry[] } {
  const raw = readFileSync(file, 'utf8');
  const lines = raw === '' ? [] : raw.replace(/\n$/, '').split('\n');
  return { raw, entries: lines.map((line) => JSON.parse(line) as Entry) };
}

/** A port on 127.0.0.1 where nothing listens: bound once, then released. */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const idOf = (seen: SeenRequest, header = 'x-request-id') => seen.headers[header] as string;
const sorted = (ids: Iterable<string>) => [...ids].sort();

describe('go-heavy run --log-requests (end to end, real server)', () => {
  let target: Awaited<ReturnType<typeof startTarget>>;
  let dead: string;
  const project = makeProject({
    'heavy.config.ts': `export default { requestLog: { redact: ['API_TOKEN'] } };\n`,
    'services/api/auth.ts': AUTH,
    'services/api/fast.ts': FAST,
    'services/api/lifecycle.ts': LIFECYCLE,
    'services/traced/heavy.config.ts': `export default { requestLog: { requestIdHeader: 'X-Correlation-Id', bodyLimit: 8 } };\n`,
    'services/traced/auth.ts': AUTH,
  });
  beforeAll(async () => {
    target = await startTarget();
    dead = `http://127.0.0.1:${await deadPort()}`;
  });
  beforeEach(() => {
    target.stats.requests = 0;
    target.stats.byPath.clear();
    target.stats.seen.length = 0;
  });
  afterAll(async () => {
    await target.close();
    project.remove();
  });
  const env = () => ({ BASE_URL: target.url, API_TOKEN: SECRET, DEAD_URL: dead });
  const file = (name: string) => path.join(project.root, 'out', name);

  it('writes one line per request the server saw, with its x-request-id, and never the secret', async () => {
    const log = file('all.ndjson');
    const out = file('all.json');
    const res = await runCli(['run', 'api/auth', '--root', project.root, '--users', '4', '--iterations', '40', '--log-requests', log, '--out', out, '--quiet'], { env: env() });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const { raw, entries } = readLog(log);
    const seen = target.stats.seen;
    // 2 requests per iteration reach the server; 4 more (iterations 0, 10, 20, 30) are refused.
    expect(seen).toHaveLength(80);
    expect(entries).toHaveLength(84);
    expect(readResults(out).summary.requests).toBe(84);

    // The ids the server saw, as a multiset, are exactly those of the lines that got a response.
    const answered = entries.filter((e) => e.status !== null);
    expect(sorted(answered.map((e) => e.id))).toEqual(sorted(seen.map((s) => idOf(s))));
    expect(new Set(entries.map((e) => e.id)).size).toBe(84);
    // Line by line, each matches the request the server saw under that id.
    const byId = new Map(seen.map((s) => [idOf(s), s]));
    for (const e of answered) {
      const s = byId.get(e.id)!;
      expect(`${e.method} ${e.url}`).toBe(`${s.method} ${target.url}${s.url}`);
      expect(e.workflow).toBe('api/auth');
      expect(e.step).toBe(s.url === '/echo' ? 'call' : '(no step)');
      expect(e.status).toBe(s.url === '/status/500' ? 500 : 200);
      expect(e.latencyMs).toBeGreaterThan(0);
      expect(e.error).toBeNull();
    }
    const refused = entries.filter((e) => e.status === null);
    expect(refused.map((e) => [e.url, e.error?.category])).toEqual(Array.from({ length: 4 }, () => [`${dead}/dead`, 'ECONNREFUSED']));

    // Redaction, proven on a real Authorization header: the server got the token, the log did not.
    const posts = seen.filter((s) => s.method === 'POST');
    expect(posts).toHaveLength(40);
    for (const s of posts) expect(s.headers.authorization).toBe(`Bearer ${SECRET}`);
    expect(raw).not.toContain(SECRET);
    expect(raw).toContain('[REDACTED]');
    const post = entries.find((e) => e.method === 'POST')!;
    expect(post.requestHeaders.authorization).toBe('[REDACTED]');
    expect(post.requestHeaders['x-request-id']).toBe(post.id);
    expect(post.requestBody).toMatch(/^\{"iteration":\d+,"note":"key \[REDACTED\]"\}$/);
    // /echo sends the body back: the token is hidden in the response too.
    expect(post.responseBody).toBe(post.requestBody);
  });

  it('keeps about the share asked for with --log-requests-sample, every kept id seen by the server', async () => {
    const log = file('sampled.ndjson');
    const res = await runCli(['run', 'api/fast', '--root', project.root, '--users', '4', '--iterations', '400', '--log-requests', log, '--log-requests-sample', '0.5'], { env: env() });
    expect(res.code).toBe(0);
    const { entries } = readLog(log);
    expect(res.stderr).toContain(`go-heavy: request log: ${entries.length} requests in ${log}\n`);
    const seen = target.stats.seen;
    expect(seen).toHaveLength(400);
    // Every request carries an id, sampled or not.
    const ids = new Set(seen.map((s) => idOf(s)));
    expect(ids.size).toBe(400);
    // Binomial(400, 0.5): sd 10, so ±60 is six of them.
    expect(entries.length).toBeGreaterThan(140);
    expect(entries.length).toBeLessThan(260);
    for (const e of entries) expect(ids.has(e.id)).toBe(true);
  });

  it('keeps exactly the failed requests with --log-failed-only', async () => {
    const log = file('failed.ndjson');
    const res = await runCli(['run', 'api/auth', '--root', project.root, '--users', '2', '--iterations', '40', '--log-requests', log, '--log-failed-only', '--quiet'], { env: env() });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const { entries } = readLog(log);
    const failedOnServer = target.stats.seen.filter((s) => s.url === '/status/500').map((s) => idOf(s));
    // Iterations 0, 4, …, 36 got a 500; 0, 10, 20 and 30 were also refused a connection.
    expect(failedOnServer).toHaveLength(10);
    expect(sorted(entries.filter((e) => e.status !== null).map((e) => e.id))).toEqual(sorted(failedOnServer));
    expect(entries.filter((e) => e.status !== null).every((e) => e.status === 500)).toBe(true);
    expect(entries.filter((e) => e.status === null).map((e) => e.error?.category)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED', 'ECONNREFUSED']);
    expect(entries).toHaveLength(14);
  });

  it('takes the id header and body limit from heavy.config.ts, --log-body-limit winning', async () => {
    const log = file('traced.ndjson');
    const res = await runCli(['run', 'traced/auth', '--root', project.root, '--iterations', '4', '--log-requests', log, '--quiet'], { env: env() });
    expect(res.code).toBe(0);
    const { raw, entries } = readLog(log);
    const seen = target.stats.seen;
    expect(seen.every((s) => s.headers['x-request-id'] === undefined)).toBe(true);
    expect(sorted(entries.filter((e) => e.status !== null).map((e) => e.id))).toEqual(sorted(seen.map((s) => idOf(s, 'x-correlation-id'))));
    // The root's redact list still applies to the service.
    expect(raw).not.toContain(SECRET);
    const post = entries.find((e) => e.method === 'POST')!;
    expect(post).toMatchObject({ requestBody: '{"iterat', requestBodyTruncated: true });

    const wider = file('traced-wider.ndjson');
    await runCli(['run', 'traced/auth', '--root', project.root, '--iterations', '1', '--log-requests', wider, '--log-body-limit', '4096', '--quiet'], { env: env() });
    const widerPost = readLog(wider).entries.find((e) => e.method === 'POST')!;
    expect(widerPost.requestBody).toBe('{"iteration":0,"note":"key [REDACTED]"}');
    expect(widerPost.requestBodyTruncated).toBeUndefined();
  });

  describe('with --workers 2: each worker appends its lines to the file, as one thread would write them', () => {
    const workers = ['--workers', '2', '--no-history'];

    it('writes one whole line per request (init, cleanup and both workers), each id the server saw exactly once, never the secret', async () => {
      const log = file('workers.ndjson');
      const out = file('workers.json');
      // Left from an earlier run: the log starts empty all the same.
      mkdirSync(path.dirname(log), { recursive: true });
      writeFileSync(log, 'stale line\n');
      const res = await runCli(['run', 'api/lifecycle', '--root', project.root, '--users', '4', '--iterations', '200', ...workers, '--log-requests', log, '--out', out], {
        env: env(),
        timeoutMs: 60_000,
      });
      expect(res.code).toBe(0);
      const { raw, entries } = readLog(log);
      const seen = target.stats.seen;
      // 2 requests per iteration, init's and cleanup's: every one on the server, in the log and in the results.
      expect(seen).toHaveLength(402);
      expect(entries).toHaveLength(402);
      const results = readResults(out);
      expect(results.workers).toBe(2);
      expect(results.summary.requests).toBe(402);
      expect(res.stderr).toContain(`go-heavy: request log: 402 requests in ${log}\n`);
      expect(res.stderr).not.toMatch(/dropped|lost|crashed/);

      // Each id the server saw is on exactly one line, and the line is that request's.
      const serverIds = seen.map((s) => idOf(s));
      expect(new Set(serverIds).size).toBe(402);
      expect(sorted(entries.map((e) => e.id))).toEqual(sorted(serverIds));
      const byId = new Map(seen.map((s) => [idOf(s), s]));
      for (const e of entries) {
        const s = byId.get(e.id)!;
        expect(`${e.method} ${e.url}`).toBe(`${s.method} ${target.url}${s.url}`);
        expect(e.status).toBe(s.url === '/status/500' ? 500 : 200);
      }
      // init and cleanup were logged by the main thread; the iterations by the two workers, each its own prefix.
      const prefixOf = (id: string) => id.replace(/\d+$/, '');
      const prefixes = new Map<string, string[]>();
      for (const e of entries) prefixes.set(prefixOf(e.id), [...(prefixes.get(prefixOf(e.id)) ?? []), e.url.slice(target.url.length)]);
      expect(prefixes.size).toBe(3);
      const main = [...prefixes.keys()].find((p) => /^[0-9a-f]{8}-$/.test(p))!;
      expect(sorted(prefixes.get(main)!)).toEqual(['/fast?at=cleanup', '/fast?at=init']);
      expect(sorted([...prefixes.keys()])).toEqual(sorted([main, `${main}w1-`, `${main}w2-`]));
      // Each worker ran its exact half: 100 iterations, 2 requests each.
      expect(prefixes.get(`${main}w1-`)).toHaveLength(200);
      expect(prefixes.get(`${main}w2-`)).toHaveLength(200);

      // Redaction in the workers too: the server got the token, the log did not.
      expect(seen.filter((s) => s.headers.authorization === `Bearer ${SECRET}`)).toHaveLength(201);
      expect(raw).not.toContain(SECRET);
      expect(raw).not.toContain('stale line');
      for (const e of entries.filter((e) => e.method === 'POST' || e.url.endsWith('at=init'))) expect(e.requestHeaders.authorization).toBe('[REDACTED]');
      for (const e of entries.filter((e) => e.method === 'POST')) expect(e.requestBody).toBe('{"note":"key [REDACTED]"}');
    });

    it("takes --log-failed-only and heavy.config.ts's requestLog (id header, redact) to the workers", async () => {
      const log = file('workers-failed.ndjson');
      const out = file('workers-failed.json');
      const res = await runCli(['run', 'traced/auth', '--root', project.root, '--users', '2', '--iterations', '40', ...workers, '--log-requests', log, '--log-failed-only', '--out', out, '--quiet'], {
        env: env(),
        timeoutMs: 60_000,
      });
      expect(res.stderr).toBe('');
      expect(res.code).toBe(0);
      const { raw, entries } = readLog(log);
      const seen = target.stats.seen;
      expect(seen).toHaveLength(80);
      expect(seen.every((s) => s.headers['x-request-id'] === undefined)).toBe(true);
      // Exactly the 500s the server sent, under the config's id header, from both workers.
      const failedOnServer = seen.filter((s) => s.url === '/status/500').map((s) => idOf(s, 'x-correlation-id'));
      expect(failedOnServer.length).toBeGreaterThan(0);
      const answered = entries.filter((e) => e.status !== null);
      expect(sorted(answered.map((e) => e.id))).toEqual(sorted(failedOnServer));
      expect(answered.every((e) => e.status === 500)).toBe(true);
      expect(new Set(answered.map((e) => e.id.replace(/\d+$/, ''))).size).toBe(2);
      // And exactly the refused connections, as many as the results count.
      const results = readResults(out);
      const refused = results.workflows[0]!.steps.flatMap((step) => step.requests).reduce((n, r) => n + (r.errors.ECONNREFUSED ?? 0), 0);
      expect(refused).toBeGreaterThan(0);
      const unanswered = entries.filter((e) => e.status === null);
      expect(unanswered).toHaveLength(refused);
      expect(unanswered.every((e) => e.error?.category === 'ECONNREFUSED')).toBe(true);
      // The root's redact list applies in the workers, and the service's id header is each line's id.
      expect(raw).not.toContain(SECRET);
      for (const e of answered) expect(e.requestHeaders['x-correlation-id']).toBe(e.id);
    });

    it('keeps about the share asked for with --log-requests-sample in every worker', async () => {
      const log = file('workers-sampled.ndjson');
      const res = await runCli(['run', 'api/fast', '--root', project.root, '--users', '4', '--iterations', '400', ...workers, '--log-requests', log, '--log-requests-sample', '0.5'], {
        env: env(),
        timeoutMs: 60_000,
      });
      expect(res.code).toBe(0);
      const { entries } = readLog(log);
      expect(res.stderr).toContain(`go-heavy: request log: ${entries.length} requests in ${log}\n`);
      const ids = new Set(target.stats.seen.map((s) => idOf(s)));
      expect(ids.size).toBe(400);
      // Binomial(400, 0.5): sd 10, so ±60 is six of them; each worker's half, Binomial(200, 0.5), within ±50.
      expect(entries.length).toBeGreaterThan(140);
      expect(entries.length).toBeLessThan(260);
      for (const worker of ['w1-', 'w2-']) {
        const own = entries.filter((e) => e.id.includes(`-${worker}`)).length;
        expect(own).toBeGreaterThan(50);
        expect(own).toBeLessThan(150);
      }
      for (const e of entries) expect(ids.has(e.id)).toBe(true);
    });

    it('sends no request id from the workers without --log-requests: their requests do no log work', async () => {
      const res = await runCli(['run', 'api/fast', '--root', project.root, '--users', '2', '--iterations', '20', ...workers, '--quiet'], { env: env(), timeoutMs: 60_000 });
      expect(res.code).toBe(0);
      expect(target.stats.seen).toHaveLength(20);
      expect(target.stats.seen.every((s) => s.headers['x-request-id'] === undefined)).toBe(true);
    });
  });

  it.each([
    ['a sample above 1', ['--log-requests', 'x.ndjson', '--log-requests-sample', '1.5'], 'go-heavy: --log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "1.5"\n'],
    ['a sample of 0', ['--log-requests', 'x.ndjson', '--log-requests-sample', '0'], 'go-heavy: --log-requests-sample: expected a share above 0 and at most 1, such as 0.1 or 10%, got "0"\n'],
    ['a body limit that is not a number', ['--log-requests', 'x.ndjson', '--log-body-limit', '4kb'], 'go-heavy: --log-body-limit: expected a whole number of bytes, 0 or more, got "4kb"\n'],
    ['--log-failed-only alone', ['--log-failed-only'], 'go-heavy: --log-failed-only: only means something with --log-requests FILE\n'],
  ])('refuses %s in one line, exit code 2, before any request', async (_what, flags, message) => {
    const res = await runCli(['run', 'api/fast', '--root', project.root, '--iterations', '1', ...flags], { env: env(), cwd: project.root });
    expect(res.stderr).toBe(message);
    expect(res.code).toBe(2);
    expect(target.stats.requests).toBe(0);
  });
});
