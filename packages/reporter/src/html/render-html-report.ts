import type { LiveView, RunResult } from '@go-heavy/core';
import { LIVE_SCRIPT, REPORT_SCRIPT } from './browser-bundles.js';
import { LIVE_CSS } from './live-styles.js';
import { escapeHtml } from './escape-html.js';
import { renderPage } from './page.js';
import { REPORT_CSS } from './styles.js';

/** Options of {@link renderHtmlReport}. */
export interface HtmlReportOptions {
  /** The page's heading and the start of its `<title>`. Default "go-heavy report". */
  title?: string;
}

/**
 * Options of the page template, {@link renderReportPage}. Internal: `live` is for the dashboard
 * of `dashboardReporter`, whose server answers the page's requests; a file written with it would
 * try to connect to nothing.
 */
export interface ReportPageOptions extends HtmlReportOptions {
  /**
   * The dashboard's page: adds the status line, the "Stop run" button and the script that
   * listens to `/events` and posts to `/stop`, and lets the page connect to its own origin
   * (`connect-src 'self'`). Default false: the report file, which may connect nowhere.
   */
  live?: boolean;
  /** Live pages only: links shown before the status line (`go-heavy ui`'s way back). */
  links?: readonly PageLink[];
  /** Live pages only: a link the script shows once the run has ended (the finished report). */
  finished?: PageLink;
  /** Live pages only: sent with the stop request as the `x-go-heavy-token` header. */
  stopToken?: string;
}

/** A link of a live page's bar; both parts are HTML-escaped. */
export interface PageLink {
  href: string;
  text: string;
}

/** Options of {@link renderDashboardPage}. */
export interface DashboardPageOptions extends HtmlReportOptions {
  /** Links shown before the status line, e.g. back to the page that started the run. */
  links?: readonly PageLink[];
  /** A link hidden until the run ends (the `end` event), e.g. to the finished report. */
  finished?: PageLink;
  /**
   * A token the Stop button sends as the `x-go-heavy-token` header of its request, for a server
   * that asks every state-changing request for its session's token (`go-heavy ui`).
   */
  stopToken?: string;
}

/**
 * The run as one self-contained HTML page: summary, thresholds, throughput and latency over
 * time, and per workflow the latency distribution, responses, the workflow/step/request tables
 * (runs, runs/s, min/avg/max, status classes, P10..P100), checks and failure reasons.
 *
 * The page needs no network: CSS and JavaScript are inline and charts are inline SVG. `result`
 * is embedded as JSON in `<script type="application/json" id="go-heavy-data">` and the inline
 * script draws everything from it, as text nodes only (run data is never parsed as HTML); the
 * same script exposes `window.goHeavy.render(result)` for live pages. The few parts written
 * here (title, test id) are HTML-escaped. Synchronous and pure; the page is a few tens of KB
 * plus the JSON.
 */
export function renderHtmlReport(result: RunResult, options: HtmlReportOptions = {}): string {
  return renderReportPage(result, { title: options.title });
}

/**
 * The live dashboard's page for a server of one's own, as `dashboardReporter` serves it: the
 * report drawn from `view`, a status line, a "Stop run" button and the script that listens to
 * `events` and posts to `stop`, both relative to the page's URL (a page at `/live/` uses
 * `/live/events` and `/live/stop`), with the same messages as the dashboard's. `go-heavy ui`
 * serves it in front of a run's dashboard. Everything written here is HTML-escaped.
 */
export function renderDashboardPage(view: LiveView, options: DashboardPageOptions = {}): string {
  return renderReportPage(view, { ...options, live: true });
}

/**
 * The page template behind {@link renderHtmlReport}; with `live` it is the dashboard's page
 * (see {@link ReportPageOptions}). The parts written here are HTML-escaped; the run's data only
 * ever reaches the page as the embedded JSON or the dashboard's events. The dashboard draws a
 * live view (no buckets: its latency distributions appear with the final results).
 */
export function renderReportPage(result: LiveView, options: ReportPageOptions = {}): string {
  const live = options.live === true;
  const title = options.title ?? (live ? 'go-heavy dashboard' : 'go-heavy report');
  const testId = typeof result.testId === 'string' ? result.testId : '';
  const link = (l: PageLink, attrs = ''): string => `<a class="live-nav" href="${escapeHtml(l.href)}"${attrs}>${escapeHtml(l.text)}</a>`;
  const links = (options.links ?? []).map((l) => link(l)).join('');
  const finished = options.finished ? link(options.finished, ' id="go-heavy-finished" hidden') : '';
  const liveBar = live
    ? `
<div class="live">${links}${finished}<span class="live-status" id="go-heavy-status" role="status" data-state="running">running…</span><button type="button" class="live-stop" id="go-heavy-stop"${options.stopToken ? ` data-token="${escapeHtml(options.stopToken)}"` : ''}>Stop run</button></div>`
    : '';
  const footer = live
    ? 'Live view of a go-heavy run, updated once a second; it stops updating when the run ends.'
    : `Generated by go-heavy from the results JSON (schema version ${escapeHtml(String(result.schemaVersion))}).`;
  return renderPage({
    heading: title,
    documentTitle: testId ? `${title} · ${testId}` : title,
    subtitle: testId ? `Test ${testId}` : '',
    headerHtml: liveBar,
    noscriptHtml: 'This report draws its tables and charts with JavaScript: open it in a browser with JavaScript enabled. The raw results are in the go-heavy-data element of this file.',
    footerHtml: footer,
    css: live ? REPORT_CSS + LIVE_CSS : REPORT_CSS,
    data: result,
    scripts: live ? [REPORT_SCRIPT, LIVE_SCRIPT] : [REPORT_SCRIPT],
    connectSelf: live,
  });
}
