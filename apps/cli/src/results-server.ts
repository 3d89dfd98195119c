import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { escapeHtml, formatDuration, renderHtmlReport } from '@go-heavy/reporter';
import { folderListing, parseResults, type ResultsListing } from './results-listing.js';
import { decodeSegment, pathOf, send, sendText, startHttpServer } from './web/http-server.js';

export type { ResultsEntry } from './results-listing.js';

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
  const routes = resultsRoutes(options.dir, folderListing(options.dir));
  const server = await startHttpServer({
    port: options.port,
    host: options.host,
    handle: async (req, res) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' }, req);
      if (!(await routes(req, res))) sendText(res, 404, 'Not Found\n', {}, req);
    },
  });
  return { url: server.url, close: server.close };
}

/** Options of {@link resultsRoutes}: where the index is and what it says. */
export interface ResultsRoutesOptions {
  /** The index's path. Default `/`. */
  indexPath?: string;
  /** The index's heading. Default "go-heavy results". */
  heading?: string;
  /** Markup (already safe) shown instead of the table when the folder holds no results yet. */
  emptyHtml?: string;
  /** Markup (already safe) after the heading: the web UI's navigation. */
  navHtml?: string;
}

/**
 * The routes of a results folder, shared by `go-heavy serve` and `go-heavy ui`: the index
 * (`indexPath`), `/report/<file>` (its HTML report) and `/results/<file>` (its JSON). Resolves
 * to false when the request is for none of them (GET and HEAD only). `<file>` is looked up among
 * the names the folder lists at that moment, never joined to a path.
 */
export function resultsRoutes(dir: string, listing: () => Promise<ResultsListing>, options: ResultsRoutesOptions = {}): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const pathname = pathOf(req);
    if (pathname === (options.indexPath ?? '/')) {
      send(res, 200, 'text/html', renderIndex(await listing(), dir, options), { 'content-security-policy': HEADER_CSP }, req);
      return true;
    }
    const match = /^\/(report|results)\/([^/]+)$/.exec(pathname);
    if (!match) return false;
    const file = decodeSegment(match[2]!);
    // Only a name the folder lists right now: never a path built from the request.
    const entry = file === undefined ? undefined : (await listing()).entries.find((e) => e.file === file);
    const text = entry === undefined ? undefined : await readFile(path.join(dir, entry.file), 'utf8').catch(() => undefined);
    const result = text === undefined ? undefined : parseResults(text);
    if (!entry || text === undefined || !result) {
      sendText(res, 404, 'Not Found\n', {}, req);
      return true;
    }
    if (match[1] === 'results') send(res, 200, 'application/json', text, {}, req);
    // The report carries its own policy (its script by hash) in a meta element; the header only forbids framing.
    else send(res, 200, 'text/html', renderHtmlReport(result, { title: `go-heavy report · ${entry.file}` }), { 'content-security-policy': "frame-ancestors 'none'" }, req);
    return true;
  };
}

/** The index's policy: no script, no request; inline styles only. */
const INDEX_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'";
/** The same as a response header, which can also forbid framing (a meta element cannot). */
const HEADER_CSP = `${INDEX_CSP}; frame-ancestors 'none'`;

/** `2026-11-25 10:00:00 UTC`, as the reports print a start time. */
export function formatStart(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The index page: every value escaped, links by the file's encoded name. */
function renderIndex(listing: ResultsListing, dir: string, options: ResultsRoutesOptions): string {
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
      ? (options.emptyHtml ?? '<p class="empty">No results files here yet: write one with <code>go-heavy run &lt;target&gt; --out ' + escapeHtml(path.join(dir, 'run.json')) + '</code>.</p>')
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
${options.navHtml ?? ''}<h1>${escapeHtml(options.heading ?? 'go-heavy results')}</h1>
<p class="where">${listing.entries.length} run${listing.entries.length === 1 ? '' : 's'} in <code>${escapeHtml(dir)}</code>, newest first</p>
${table}
${skipped}
</div>
</body>
</html>
`;
}

export const INDEX_CSS = `
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
