// The routes of `go-heavy serve`'s server, without a browser: index, report, raw JSON, and that
// nothing outside the folder can be reached. dashboard.browser.test.ts browses real runs' files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { RunResult } from '@go-heavy/core';
import { startResultsServer, type ResultsServer } from '../src/results-server.js';

const latency = { min: 1, max: 9, mean: 4, p10: 1, p25: 2, p50: 4, p75: 6, p90: 8, p95: 8.5, p99: 9, p100: 9 };

function makeResult(testId: string, startedAt: string, runs: number, failed: number): RunResult {
  return {
    schemaVersion: 1,
    testId,
    startedAt,
    durationMs: 2_000,
    load: {
      model: 'closed',
      users: 2,
      rate: null,
      maxUsers: null,
      durationMs: 2_000,
      iterations: null,
      warmupMs: 0,
      profile: { start: 2, stages: [] },
      uniqueUsers: null,
      distribution: null,
      jitter: null,
      gracefulStopMs: 30_000,
    },
    summary: { workflowsSucceeded: runs - failed, workflowsFailed: failed, workflowsInterrupted: 0, requests: runs * 2, droppedIterations: 0, interrupted: false, abortedBy: null },
    warmup: null,
    scheduler: null,
    workflows: [
      {
        name: 'shop/<b>buy</b>',
        runs,
        succeeded: runs - failed,
        failed,
        ratePerSec: runs / 2,
        latencyMs: latency,
        statusClasses: { '1xx': 0, '2xx': runs * 2, '3xx': 0, '4xx': 0, '5xx': 0 },
        statusCodes: { '200': runs * 2 },
        errors: {},
        buckets: [{ leMs: 10, count: runs }],
        // A real encoded histogram: the schema asks for one.
        histogram: 'HISTFAAAACJ4nJNpmSzMwMDAzMDAwAilGaBshmuTlzDA+PP1mQBVJwQt',
        interrupted: 0,
        dropped: 0,
        requests: runs * 2,
        steps: [],
        checks: [],
        failureReasons: {},
      },
    ],
    timeline: [],
    thresholds: [],
  };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request whose path is sent exactly as written (no URL normalisation), as an attacker would. */
function get(url: string, rawPath: string, options: { method?: string; host?: string } = {}): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: rawPath, method: options.method ?? 'GET', agent: false, timeout: 5_000, headers: options.host ? { host: options.host } : {} }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end();
  });
}

const fileNames = (html: string) => [...html.matchAll(/<tr data-file="([^"]+)">/g)].map((m) => m[1]);

describe('the results server', () => {
  let base: string;
  let dir: string;
  let server: ResultsServer;
  const older = makeResult('gh-older', '2026-01-01T10:00:00.000Z', 10, 1);
  const newer = makeResult('gh-newer <script>', '2026-02-01T10:00:00.000Z', 30, 0);

  beforeAll(async () => {
    base = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-serve-'));
    dir = path.join(base, 'results');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a-older.json'), JSON.stringify(older, null, 2));
    writeFileSync(path.join(dir, 'b newer #1.json'), JSON.stringify(newer));
    writeFileSync(path.join(dir, 'package.json'), '{"name":"not-results"}');
    writeFileSync(path.join(dir, 'broken.json'), '{"schemaVersion":');
    writeFileSync(path.join(dir, 'future.json'), JSON.stringify({ ...older, schemaVersion: 2 }));
    // Checked against the results JSON Schema: a string where a number belongs.
    writeFileSync(path.join(dir, 'bad-p50.json'), JSON.stringify({ ...older, workflows: [{ ...older.workflows[0], latencyMs: { ...older.workflows[0]!.latencyMs, p50: 'fast' } }] }));
    writeFileSync(path.join(dir, 'notes.txt'), 'hello');
    // A results file next to the folder, and a secret: neither may be reached.
    writeFileSync(path.join(base, 'outside.json'), JSON.stringify(makeResult('gh-outside', '2026-03-01T10:00:00.000Z', 1, 0)));
    writeFileSync(path.join(base, 'secret.txt'), 'secret');
    server = await startResultsServer({ dir, port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(base, { recursive: true, force: true });
  });

  test('the index lists the results files only, newest first, escaped, with their figures', async () => {
    const res = await get(server.url, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(fileNames(res.body)).toEqual(['b newer #1.json', 'a-older.json']);
    expect(res.body).toContain('<a href="/report/b%20newer%20%231.json">gh-newer &lt;script&gt;</a>');
    expect(res.body).toContain('<a href="/results/a-older.json">a-older.json</a>');
    expect(res.body).toContain('<td data-col="started">2026-01-01 10:00:00 UTC</td>');
    expect(res.body).toContain('<td data-col="workflows">shop/&lt;b&gt;buy&lt;/b&gt;</td>');
    expect(res.body).toContain('<td data-col="runs" class="num">30</td>');
    expect(res.body).toContain('<td data-col="failed" class="num bad">1</td>');
    expect(res.body).toContain('<td data-col="requests" class="num">60</td>');
    expect(res.body).toContain('<td data-col="duration" class="num">2.00 s</td>');
    expect(res.body).not.toContain('<script');
    // The other .json files are named apart, with why.
    expect(res.body).toMatch(/<li data-file="package.json"><code>package.json<\/code>: not a go-heavy results file/);
    expect(res.body).toMatch(/<li data-file="future.json">.*schemaVersion 2: expected 1/);
    expect(res.body).toMatch(/<li data-file="broken.json">.*not JSON/);
    expect(res.body).toContain('<li data-file="bad-p50.json"><code>bad-p50.json</code>: /workflows/0/latencyMs/p50 must be number, got &quot;fast&quot;</li>');
    expect(res.body).not.toContain('notes.txt');
  });

  test('a report is the HTML report of that file; the raw JSON is the file as it is', async () => {
    const report = await get(server.url, '/report/b%20newer%20%231.json');
    expect(report.status).toBe(200);
    expect(report.body).toContain('<script type="application/json" id="go-heavy-data">');
    expect(report.body).toContain('"testId":"gh-newer \\u003cscript\\u003e"');
    expect(report.headers['content-security-policy']).toBe("frame-ancestors 'none'");
    const raw = await get(server.url, '/results/a-older.json');
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(raw.body).toBe(JSON.stringify(older, null, 2));
  });

  test.each([
    '/report/..%2F..%2Fetc%2Fpasswd',
    '/report/../../etc/passwd',
    '/report/..%2Foutside.json',
    '/results/..%2Foutside.json',
    '/results/%2E%2E%2Fsecret.txt',
    '/results/..%5Csecret.txt',
    '/report/%2Fetc%2Fpasswd',
    '/report/..',
    '/report/.',
    '/report/',
    '/report/package.json',
    '/results/broken.json',
    '/report/bad-p50.json',
    '/results/bad-p50.json',
    '/results/notes.txt',
    '/report/a-older.json/x',
    '/report/%E0%A4%A',
    '/report/a-older.json%00',
    '/a-older.json',
    '/results',
    '/favicon.ico',
  ])('%s is 404', async (rawPath) => {
    const res = await get(server.url, rawPath);
    expect(res.status).toBe(404);
    expect(res.body).toBe('Not Found\n');
  });

  test('other methods are 405; a foreign Host header is 403 (no DNS rebinding)', async () => {
    expect((await get(server.url, '/', { method: 'POST' })).status).toBe(405);
    const port = new URL(server.url).port;
    expect((await get(server.url, '/', { host: `attacker.example:${port}` })).status).toBe(403);
    expect((await get(server.url, '/', { host: `localhost:${port}` })).status).toBe(200);
    const head = await get(server.url, '/results/a-older.json', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  test('the folder is read at each request: new and changed files show on reload', async () => {
    writeFileSync(path.join(dir, 'c-newest.json'), JSON.stringify(makeResult('gh-newest', '2026-03-01T10:00:00.000Z', 5, 0)));
    expect(fileNames((await get(server.url, '/')).body)).toEqual(['c-newest.json', 'b newer #1.json', 'a-older.json']);
    writeFileSync(path.join(dir, 'c-newest.json'), '{"not":"results anymore"}');
    expect(fileNames((await get(server.url, '/')).body)).toEqual(['b newer #1.json', 'a-older.json']);
    expect((await get(server.url, '/report/c-newest.json')).status).toBe(404);
    rmSync(path.join(dir, 'c-newest.json'));
  });
});
