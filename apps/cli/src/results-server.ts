import { readdir, readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RESULTS_SCHEMA_VERSION, type RunResult } from '@go-heavy/core';
import { escapeHtml, formatDuration, isLoopbackHost, renderHtmlReport } from '@go-heavy/reporter';
import { readResultsFile } from './read-results.js';

/** Options of {@link startResultsServer}. */
export interface ResultsServerOptions {
  /** The folder of results files (`go-heavy run --out DIR/NAME.json`); read at each request. */
  dir: string;
  /** The TCP port; 0 takes a free one. */
  port: number;
  /** The address to listen on. On a loopback address, requests must name it in `Host`. */
  host: string;
}

export interface ResultsServer {
  /** `http://HOST:PORT`, the index. */
  url: string;
  /** Stops listening and cuts open connections. */
  close(): Promise<void>;
}

/** One results file of the folder, as the index shows it. */
export interface ResultsEntry {
  /** The file's name in the folder: the only names /report/ and /results/ serve. */
  file: string;
  testId: string;
  startedAt: string;
  workflows: string[];
  runs: number;
  failed: number;
  requests: number;
  durationMs: number;
  interrupted: boolean;
}

/** What the folder holds: results files newest first, and the other `.json` files with why they are left out. */
export interface ResultsListing {
  entries: ResultsEntry[];
  skipped: Array<{ file: string; reason: string }>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/**
 * Browses a folder of results files over HTTP:
 *
 * - `GET /`: an HTML index of the go-heavy results files (`*.json` of schema version 1; other
 *   files are listed apart as skipped), newest run first: test id, start, workflows, runs,
 *   failed, requests, duration, each linking to its report and its JSON;
 * - `GET /report/<file>`: the file's HTML report (`renderHtmlReport`);
 * - `GET /results/<file>`: the file as it is, `application/json`.
 *
 * `<file>` is looked up among the names the folder lists at that moment, never joined to a path,
 * so nothing outside the folder can be reached (`..%2F` and the like are 404). Any other path is
 * 404. The folder is read at each request: new runs appear on reload. Pages make no request of
 * their own and may not be framed.
 */
export async function startResultsServer(options: ResultsServerOptions): Promise<ResultsServer> {
  const listing = folderListing(options.dir);
  const loopback = LOOPBACK.has(options.host);
  const server = createServer((req, res) => {
    const port = (server.address() as AddressInfo).port;
    if (loopback && !isLoopbackHost(req.headers.host, port)) return void send(res, 403, 'text/plain', 'Forbidden: this server answers only to 127.0.0.1 and localhost\n');
    route(req, res, options.dir, listing).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Internal error: ${err instanceof Error ? err.message : String(err)}\n`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on('error', () => undefined);
  const { port } = server.address() as AddressInfo;
  const shownHost = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function route(req: IncomingMessage, res: ServerResponse, dir: string, listing: () => Promise<ResultsListing>): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method Not Allowed\n', { allow: 'GET, HEAD' }, req);
  const pathname = (req.url ?? '/').split('?', 1)[0]!;
  if (pathname === '/') return send(res, 200, 'text/html', renderIndex(await listing(), dir), {}, req);
  const match = /^\/(report|results)\/([^/]+)$/.exec(pathname);
  const file = match ? decodeName(match[2]!) : undefined;
  // Only a name the folder lists right now: never a path built from the request.
  const entry = file === undefined ? undefined : (await listing()).entries.find((e) => e.file === file);
  if (!match || !entry) return send(res, 404, 'text/plain', 'Not Found\n', {}, req);
  const text = await readFile(path.join(dir, entry.file), 'utf8').catch(() => undefined);
  const result = text === undefined ? undefined : parseResults(text);
  if (text === undefined || !result) return send(res, 404, 'text/plain', 'Not Found\n', {}, req);
  if (match[1] === 'results') return send(res, 200, 'application/json', text, {}, req);
  // The report carries its own policy (its script by hash) in a meta element; the header only forbids framing.
  const report = renderHtmlReport(result, { title: `go-heavy report · ${entry.file}` });
  send(res, 200, 'text/html', report, { 'content-security-policy': "frame-ancestors 'none'" }, req);
}

/**
 * The folder's listing, read at each call; a file is parsed again only when its size or
 * modification time changed.
 */
function folderListing(dir: string): () => Promise<ResultsListing> {
  const cache = new Map<string, { mtimeMs: number; size: number; entry?: ResultsEntry; reason?: string }>();
  return async () => {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
    const listing: ResultsListing = { entries: [], skipped: [] };
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) continue;
      let known = cache.get(name);
      if (!known || known.mtimeMs !== info.mtimeMs || known.size !== info.size) {
        known = { mtimeMs: info.mtimeMs, size: info.size, ...(await describe(file, name)) };
        cache.set(name, known);
      }
      if (known.entry) listing.entries.push(known.entry);
      else listing.skipped.push({ file: name, reason: known.reason ?? 'not a go-heavy results file' });
    }
    for (const name of [...cache.keys()]) if (!names.includes(name)) cache.delete(name);
    listing.entries.sort((a, b) => (Date.parse(b.startedAt) || 0) - (Date.parse(a.startedAt) || 0) || a.file.localeCompare(b.file));
    return listing;
  };
}

/** A results file's index row, or why it is not one (readResultsFile's message, without the file name). */
async function describe(file: string, name: string): Promise<{ entry?: ResultsEntry; reason?: string }> {
  try {
    const result = await readResultsFile(file);
    return {
      entry: {
        file: name,
        testId: result.testId,
        startedAt: result.startedAt,
        workflows: result.workflows.map((w) => w.name),
        runs: result.workflows.reduce((n, w) => n + w.runs, 0),
        failed: result.summary.workflowsFailed,
        requests: result.summary.requests,
        durationMs: result.durationMs,
        interrupted: result.summary.interrupted,
      },
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const colon = message.indexOf(': ');
    return { reason: colon >= 0 ? message.slice(colon + 2) : message };
  }
}

/** The results in `text` when it is JSON of the schema version this go-heavy reads (the listing checked the rest). */
function parseResults(text: string): RunResult | undefined {
  try {
    const data = JSON.parse(text) as RunResult;
    return data !== null && typeof data === 'object' && data.schemaVersion === RESULTS_SCHEMA_VERSION ? data : undefined;
  } catch {
    return undefined;
  }
}

function decodeName(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** The index's policy: no script, no request; inline styles only. */
const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";
/** The same as a response header, which can also forbid framing (a meta element cannot). */
const HEADER_CSP = `${INDEX_CSP}; frame-ancestors 'none'`;

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}, req?: IncomingMessage): void {
  res.writeHead(status, {
    'content-type': `${type}; charset=utf-8`,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'content-security-policy': HEADER_CSP,
    ...headers,
  });
  res.end(req?.method === 'HEAD' ? undefined : body);
}

/** `2026-11-25 10:00:00 UTC`, as the reports print a start time. */
function formatStart(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The index page: every value escaped, links by the file's encoded name. */
function renderIndex(listing: ResultsListing, dir: string): string {
  const rows = listing.entries.map((e) => {
    const href = encodeURIComponent(e.file);
    return `<tr data-file="${escapeHtml(e.file)}">
<td data-col="test-id"><a href="/report/${href}">${escapeHtml(e.testId)}</a>${e.interrupted ? ' <span class="tag">interrupted</span>' : ''}</td>
<td data-col="started">${escapeHtml(formatStart(e.startedAt))}</td>
<td data-col="workflows">${escapeHtml(e.workflows.join(', ') || '-')}</td>
<td data-col="runs" class="num">${e.runs}</td>
<td data-col="failed" class="num${e.failed > 0 ? ' bad' : ''}">${e.failed}</td>
<td data-col="requests" class="num">${e.requests}</td>
<td data-col="duration" class="num">${escapeHtml(formatDuration(e.durationMs))}</td>
<td data-col="file"><a href="/results/${href}">${escapeHtml(e.file)}</a></td>
</tr>`;
  });
  const table =
    rows.length === 0
      ? '<p class="empty">No results files here yet: write one with <code>go-heavy run &lt;target&gt; --out ' + escapeHtml(path.join(dir, 'run.json')) + '</code>.</p>'
      : `<table data-table="results">
<thead><tr><th>test</th><th>started</th><th>service/workflows</th><th class="num">runs</th><th class="num">failed</th><th class="num">requests</th><th class="num">duration</th><th>file</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
  const skipped =
    listing.skipped.length === 0
      ? ''
      : `<section class="skipped"><h2>Other .json files, not shown</h2><ul>${listing.skipped
          .map((s) => `<li data-file="${escapeHtml(s.file)}"><code>${escapeHtml(s.file)}</code>: ${escapeHtml(s.reason)}</li>`)
          .join('')}</ul></section>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(INDEX_CSP)}">
<meta name="generator" content="go-heavy">
<title>go-heavy results · ${escapeHtml(path.basename(dir))}</title>
<style>${INDEX_CSS}</style>
</head>
<body>
<div class="page">
<h1>go-heavy results</h1>
<p class="where">${listing.entries.length} run${listing.entries.length === 1 ? '' : 's'} in <code>${escapeHtml(dir)}</code>, newest first</p>
${table}
${skipped}
</div>
</body>
</html>
`;
}

const INDEX_CSS = `
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1c2128; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
.page { max-width: 1240px; margin: 0 auto; padding: 28px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 14px; color: #5c6775; margin: 0 0 8px; }
.where, .empty { color: #5c6775; margin: 0 0 16px; }
code { font-family: ui-monospace, Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 12.5px; }
table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dde1e6; border-radius: 10px; font-variant-numeric: tabular-nums; }
th, td { padding: 7px 12px; border-bottom: 1px solid #eceef1; text-align: left; white-space: nowrap; }
th { font-size: 12px; color: #5c6775; font-weight: 600; }
td[data-col="workflows"] { white-space: normal; overflow-wrap: anywhere; }
.num { text-align: right; }
td.bad { color: #c42b38; font-weight: 600; }
a { color: #2b5bb5; text-decoration: none; font-weight: 550; }
a:hover { text-decoration: underline; }
.tag { font-size: 10.5px; font-weight: 600; color: #8a5300; background: #fff3d6; border-radius: 4px; padding: 0 5px; text-transform: uppercase; }
.skipped { margin-top: 24px; color: #5c6775; }
.skipped ul { margin: 0; padding-left: 18px; }
`;
