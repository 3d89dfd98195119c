// `go-heavy ui` without a browser: the Host check (DNS rebinding), POSTs only from its own pages
// (Origin and session token), nothing outside the root by any path, escaping of names, the
// form's checks, one run at a time (409), and a stop that ends the run as Ctrl-C does.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';
import { startTarget } from './support/target.js';
import { formBody, request, startUi, uiToken, type RunningUi } from './support/ui.js';

jest.setTimeout(90_000);

const BUY = `import { workflow } from '@go-heavy/core';
export default workflow({ async run(ctx) { await ctx.http.get('/slow', { name: '/slow' }); } });
`;
/** A service whose folder name is markup: it must reach every page as text. */
const ODD = '<img src=x onerror=alert(1)>';

const project = makeProject({
  'services/shop/buy.ts': BUY,
  'services/shop/heavy.config.ts': "export default { profiles: { smoke: { users: 1, duration: '2s' } } };\n",
  [`services/${ODD}/w.ts`]: BUY,
  // A file beside the project's services, which no URL may serve.
  'secret.json': '{"schemaVersion":1}',
});
let target: Awaited<ReturnType<typeof startTarget>>;
let ui: RunningUi;
let token: string;

beforeAll(async () => {
  target = await startTarget();
  ui = await startUi(project.root, { BASE_URL: target.url });
  token = await uiToken(ui.url, 'shop');
}, 60_000);

afterAll(async () => {
  ui?.child.kill('SIGINT');
  await ui?.done;
  await target?.close();
  project.remove();
});

const start = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
  const form = formBody({ token, action: 'start', target: 'shop', ...fields });
  return request(ui.url, '/services/shop/run', { method: 'POST', body: form.body, headers: { ...form.headers, ...headers } });
};

test('a request naming another host is refused before any route (DNS rebinding)', async () => {
  for (const host of ['evil.example', `evil.example:${ui.port}`, `127.0.0.1:${ui.port + 1}`]) {
    const res = await request(ui.url, '/', { headers: { host } });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('shop');
  }
  expect((await request(ui.url, '/', { headers: { host: `localhost:${ui.port}` } })).status).toBe(200);
});

test('POSTs need the session token, and an Origin, when sent, must be the UI itself', async () => {
  const before = target.stats.requests;
  const foreign = await start({ users: '1', duration: '2s' }, { origin: 'http://evil.example' });
  expect(foreign.status).toBe(403);
  expect(foreign.body).toContain('http://evil.example');
  const noToken = await request(ui.url, '/services/shop/run', { method: 'POST', ...formBody({ action: 'start', target: 'shop', users: '1' }) });
  expect(noToken.status).toBe(403);
  const badToken = await request(ui.url, '/live/stop', { method: 'POST', headers: { 'x-go-heavy-token': 'f'.repeat(64) } });
  expect(badToken.status).toBe(403);
  const json = await request(ui.url, '/services/shop/run', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
  expect(json.status).toBe(415);
  expect((await request(ui.url, '/live/stop')).status).toBe(404);
  expect((await request(ui.url, '/services/shop/run', { method: 'PUT' })).status).toBe(405);
  // Nothing started: no run page, no request to the target.
  expect((await request(ui.url, '/live/')).status).toBe(303);
  expect(target.stats.requests).toBe(before);
});

test('no path reaches outside the root or the runs folder', async () => {
  const paths = [
    '/../secret.json',
    '/report/..%2Fsecret.json',
    '/report/..%2F..%2Fsecret.json',
    '/results/%2Fetc%2Fpasswd',
    '/results/%2e%2e%2fhistory.ndjson',
    '/report/%E0%A4%A',
    '/services/..%2F..',
    '/services/%2e%2e',
    '/services/%2Fetc/run',
    '/services/shop%2F..%2F..%2Fsecret.json',
    '/services/shop/../../secret.json',
  ];
  for (const p of paths) {
    const res = await request(ui.url, p);
    expect([p, res.status]).toEqual([p, 404]);
    expect(res.body).not.toContain('schemaVersion');
  }
});

test('names are escaped in every page', async () => {
  const home = await request(ui.url, '/');
  expect(home.status).toBe(200);
  expect(home.body).not.toContain(ODD);
  expect(home.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
  const page = await request(ui.url, `/services/${encodeURIComponent(ODD)}`);
  expect(page.status).toBe(200);
  expect(page.body).not.toContain(ODD);
  // The pages run no script at all.
  expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  expect(page.body).not.toContain('<script');
});

test("the form gets the CLI's message under each bad field, and the chart when all are good", async () => {
  const form = formBody({ token, action: 'chart', target: 'shop', users: 'abc', duration: '5x', profile: '/etc/passwd' });
  const bad = await request(ui.url, '/services/shop/run', { method: 'POST', ...form });
  expect(bad.status).toBe(400);
  expect(bad.body).toContain('data-error="users">expected a whole number &gt;= 1, got &quot;abc&quot;');
  expect(bad.body).toContain('data-error="duration">expected a duration like 10s');
  expect(bad.body).toContain('data-error="profile">expected one of the profiles of heavy.config.ts (smoke)');
  expect(bad.body).not.toContain('data-chart="load"');
  const good = await request(ui.url, '/services/shop/run', { method: 'POST', ...formBody({ token, action: 'chart', target: 'shop', profile: 'smoke', users: '4' }) });
  expect(good.status).toBe(200);
  expect(good.body).toMatch(/data-chart="load">closed model: peak 4 users over 2s/);
  expect(good.body).not.toContain('data-error');
  // The gaussian profile's flags, and an open-model flag with its own message.
  const bell = await request(ui.url, '/services/shop/run', {
    method: 'POST',
    ...formBody({ token, action: 'chart', target: 'shop', shape: 'gaussian', volume: '600', duration: '20s', peak: '10s', stddev: '3s' }),
  });
  expect(bell.status).toBe(200);
  expect(bell.body).toMatch(/data-chart="load">open model: peak [\d.]+\/s, 600 iterations planned over 20s/);
  const jitter = await request(ui.url, '/services/shop/run', { method: 'POST', ...formBody({ token, action: 'chart', target: 'shop', rate: '10', duration: '5s', jitter: 'lots' }) });
  expect(jitter.status).toBe(400);
  expect(jitter.body).toContain('data-error="jitter">');
});

test('one run at a time: a second start is 409; stop ends the first as Ctrl-C does, results and history written under the root', async () => {
  const first = await start({ users: '2', duration: '60s', warmup: '0s' });
  expect(first.status).toBe(303);
  expect(first.headers.location).toBe('/live/');
  const second = await start({ users: '1', duration: '1s' });
  expect(second.status).toBe(409);
  expect(second.body).toContain('A run is already going');
  expect(second.body).toContain('one run at a time');

  // The dashboard is up once the live page is the report page in live mode.
  const until = Date.now() + 30_000;
  let live = await request(ui.url, '/live/');
  while (!live.body.includes('id="go-heavy-stop"') && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 200));
    live = await request(ui.url, '/live/');
  }
  expect(live.body).toContain('id="go-heavy-stop"');
  const stop = await request(ui.url, '/live/stop', { method: 'POST', headers: { 'x-go-heavy-token': token, origin: ui.url } });
  expect(stop.status).toBe(202);

  // The run ends within its graceful stop and /live/ sends to its report.
  let ended = await request(ui.url, '/live/');
  while (ended.status !== 303 && Date.now() < until + 20_000) {
    await new Promise((r) => setTimeout(r, 200));
    ended = await request(ui.url, '/live/');
  }
  expect(ended.status).toBe(303);
  const location = ended.headers.location!;
  expect(location).toMatch(/^\/report\/\d{8}-\d{6}-shop\.json$/);
  const runsDir = path.join(project.root, '.go-heavy', 'ui-runs');
  expect(readdirSync(runsDir)).toEqual([decodeURIComponent(location.slice('/report/'.length))]);
  const result = readResults(path.join(runsDir, readdirSync(runsDir)[0]!));
  expectConsistent(result);
  expect(result.summary.interrupted).toBe(true);
  expect(result.summary.requests).toBeGreaterThan(0);
  expect(result.summary.requests).toBe(target.stats.byPath.get('GET /slow'));
  expect(existsSync(path.join(project.root, '.go-heavy', 'history.ndjson'))).toBe(true);
  expect((await request(ui.url, location)).status).toBe(200);
  expect((await request(ui.url, '/services/shop/history')).status).toBe(200);
  // Stopping again: nothing is going.
  expect((await request(ui.url, '/live/stop', { method: 'POST', headers: { 'x-go-heavy-token': token } })).status).toBe(409);
});

test('--results lists the results files a team writes with run --out, and serves their reports', async () => {
  const out = path.join(project.root, 'results', 'from-cli.json');
  const run = await runCli(['run', 'shop/buy', '--root', project.root, '--iterations', '2', '--warmup', '0s', '--out', out, '--no-history'], {
    env: { BASE_URL: target.url },
    timeoutMs: 60_000,
  });
  expect(run.code).toBe(0);
  const other = await startUi(project.root, { BASE_URL: target.url }, ['--results', 'results']);
  try {
    const runs = await request(other.url, '/runs');
    expect(runs.status).toBe(200);
    expect(runs.body).toContain('from-cli.json');
    expect((await request(other.url, '/report/from-cli.json')).status).toBe(200);
    // The UI's own folder is not what this one lists.
    expect(runs.body).not.toMatch(/\d{8}-\d{6}-shop\.json/);
  } finally {
    other.child.kill('SIGINT');
    await other.done;
  }
});
