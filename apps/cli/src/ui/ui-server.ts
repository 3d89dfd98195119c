import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { renderDashboardPage, renderDiffReport, renderTrendReport } from '@go-heavy/reporter';
import { historyFile } from '../history-options.js';
import { historyTrends } from '../history-trends.js';
import { folderListing, type ResultsEntry } from '../results-listing.js';
import { resultsRoutes } from '../results-server.js';
import { readResultsFile } from '../read-results.js';
import { decodeSegment, pathOf, redirect, send, sendText, startHttpServer, type HttpServer } from '../web/http-server.js';
import { currentView, relayEvents } from './dashboard-proxy.js';
import { listProject, serviceView } from './project-view.js';
import { checkPost, isRefusal, newToken } from './request-guard.js';
import { checkRunForm, formArgs, readRunForm } from './run-form.js';
import { phaseOf, RunBusyError, RunSlot } from './run-slot.js';
import { navHtml, uiPage } from './ui-layout.js';
import { diffPickerBody, messageBody, runFormBody, runStatusBody, serviceBody, servicesBody } from './ui-pages.js';

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  /** The project root (holding services/). */
  root: string;
  port: number;
  host: string;
  /** The CLI's entry script, which runs are started with. */
  cli: string;
  env?: NodeJS.ProcessEnv;
  /** The folder of results files the UI lists, and where its runs write theirs (default {@link uiRunsDir}). */
  runsDir?: string;
}

export interface UiServer extends HttpServer {
  /** Where the UI's runs write their results (`<root>/.go-heavy/ui-runs` unless `--results`). */
  runsDir: string;
}

/** The folder of the runs started from the UI, under the root's `.go-heavy` (beside the history). */
export function uiRunsDir(root: string): string {
  return path.join(root, '.go-heavy', 'ui-runs');
}

/**
 * `go-heavy ui`'s server: the services of the root, a form to start a run, its live dashboard,
 * the runs' reports, each service's history and the diff of two runs. Built on the results
 * server's stack (`startHttpServer`: the `Host` check; `resultsRoutes`: `/runs`, `/report/<file>`,
 * `/results/<file>` over the runs folder) and the dashboard's page and event stream, relayed
 * from the run's own dashboard. Every name in a URL (service, file) is looked up among those the
 * root lists, never joined to a path; every POST is checked by {@link checkPost}; runs write only
 * under the root (results in the runs folder, the history, the module cache).
 */
export async function startUiServer(options: UiServerOptions): Promise<UiServer> {
  const root = path.resolve(options.root);
  const runsDir = options.runsDir ?? uiRunsDir(root);
  const listing = folderListing(runsDir, true);
  const token = newToken();
  const slot = new RunSlot({ cli: options.cli, root, runsDir, env: options.env });

  const page = (res: ServerResponse, status: number, title: string, bodyHtml: string, req?: IncomingMessage, refreshSeconds?: number): void =>
    send(res, status, 'text/html', uiPage({ title, bodyHtml, run: slot.current, refreshSeconds }), {}, req);
  const notFound = (res: ServerResponse, req: IncomingMessage): void => page(res, 404, 'Not found', messageBody('Not found', `Nothing at ${pathOf(req)}.`, '<p><a href="/">Services</a></p>'), req);
  const entriesOf = async (service: string): Promise<ResultsEntry[]> => (await listing()).entries.filter((e) => e.workflows.some((w) => w.startsWith(`${service}/`)));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = pathOf(req);
    const method = req.method ?? 'GET';
    if (method === 'POST') return post(req, res, pathname);
    if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD, POST' }, req);

    if (pathname === '/') return page(res, 200, 'Services', servicesBody(root, await listProject(root)), req);
    if (pathname === '/live') return redirect(res, '/live/');
    if (pathname === '/live/') return live(req, res);
    if (pathname === '/live/events') return events(req, res);
    if (pathname === '/diff') return diff(req, res);
    // A report of the going run, asked before its results are written: say so, and look again.
    const report = /^\/report\/([^/]+)$/.exec(pathname);
    const run = slot.current;
    if (report && run && decodeSegment(report[1]!) === run.file && !run.exit) {
      return page(res, 200, 'Finishing', messageBody(`Finishing ${run.target}…`, 'The run is writing its results; this page reloads until they are there.'), req, 1);
    }
    const routes = resultsRoutes(runsDir, listing, {
      indexPath: '/runs',
      heading: 'Runs',
      navHtml: navHtml(slot.current),
      emptyHtml: '<p class="empty">No runs yet: start one from a service\'s page.</p>',
    });
    if (await routes(req, res)) return;

    const service = /^\/services\/([^/]+)(\/run|\/history)?$/.exec(pathname);
    const name = service ? decodeSegment(service[1]!) : undefined;
    const view = name === undefined ? undefined : await serviceView(root, name);
    if (!service || !view) return notFound(res, req);
    if (service[2] === '/run') return page(res, 200, `Run ${view.name}`, runFormBody(view, { target: view.name, profile: '', flags: {} }, undefined, token), req);
    if (service[2] === '/history') return history(req, res, view.name);
    return page(res, 200, view.name, serviceBody(view, await entriesOf(view.name), await hasHistory(view.name)), req);
  }

  async function post(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const checked = await checkPost(req, token);
    if (isRefusal(checked)) return sendText(res, checked.status, `${checked.reason}\n`);
    if (pathname === '/live/stop') {
      if (!(await slot.stop())) return sendText(res, 409, 'No run is going: there is nothing to stop.\n');
      if (checked.form.has('token') && !req.headers['x-go-heavy-token']) return redirect(res, '/live/');
      return sendText(res, 202, 'Stopping: running iterations get the graceful stop to finish.\n');
    }
    const match = /^\/services\/([^/]+)\/run$/.exec(pathname);
    const name = match ? decodeSegment(match[1]!) : undefined;
    const view = name === undefined ? undefined : await serviceView(root, name);
    if (!view) return notFound(res, req);
    const form = readRunForm(checked.form);
    const starting = checked.form.get('action') === 'start';
    if (starting && slot.busy) return busy(res, req);
    if (!view.layers) return page(res, 400, `Run ${view.name}`, runFormBody(view, form, { errors: {}, general: [view.configError ?? 'the config cannot be read'] }, token), req);
    const check = await checkRunForm(
      form,
      view.layers,
      view.targets,
      view.profiles.map((p) => p.name),
    );
    const failed = Object.keys(check.errors).length > 0 || check.general.length > 0;
    if (!starting || failed) return page(res, failed ? 400 : 200, `Run ${view.name}`, runFormBody(view, form, check, token), req);
    try {
      await slot.start(form.target, formArgs(form));
    } catch (err) {
      if (err instanceof RunBusyError) return busy(res, req);
      throw err;
    }
    redirect(res, '/live/');
  }

  function busy(res: ServerResponse, req: IncomingMessage): void {
    const run = slot.current!;
    page(
      res,
      409,
      'A run is going',
      messageBody(
        'A run is already going',
        `${run.target} is running (started ${run.startedAt.toISOString()}): one run at a time. Stop it, or wait for its end, then start the next.`,
        '<p><a href="/live/">Open the running one</a></p>',
      ),
      req,
    );
  }

  async function live(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const run = slot.current;
    if (!run) return redirect(res, '/');
    const phase = phaseOf(run);
    if (phase === 'running') {
      const view = await currentView(run.dashboardUrl!);
      if (view) {
        const service = run.target.split('/', 1)[0]!;
        const html = renderDashboardPage(JSON.parse(view.json), {
          title: 'go-heavy ui · live',
          links: [
            { href: '/', text: '← Services' },
            { href: `/services/${encodeURIComponent(service)}`, text: service },
          ],
          finished: { href: `/report/${encodeURIComponent(run.file)}`, text: 'Open the report →' },
          stopToken: token,
        });
        return send(res, 200, 'text/html', html, { 'content-security-policy': "frame-ancestors 'none'" }, req);
      }
      // The dashboard has closed: the run is ending; the page looks again in a second.
    }
    if (phase !== 'finished' || !run.exit) return page(res, 200, `Starting ${run.target}`, runStatusBody(run, token), req, 1);
    if ((await listing()).entries.some((e) => e.file === run.file)) return redirect(res, `/report/${encodeURIComponent(run.file)}`);
    page(res, 200, `${run.target} failed`, runStatusBody(run, token), req);
  }

  async function events(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const run = slot.current;
    if (run?.dashboardUrl && !run.exit && (await relayEvents(run.dashboardUrl, req, res))) return;
    // The run's dashboard has closed: once its results are written, they are the last message.
    if (run && run.exit && existsSync(path.join(runsDir, run.file))) {
      const result = await readResultsFile(path.join(runsDir, run.file));
      return endEvents(res, `event: end\ndata: ${JSON.stringify(result)}\n\n`);
    }
    // Between its dashboard closing and its results being written: the page's EventSource is
    // told to come back shortly, not given an error (which a browser logs as a failed load).
    if (run) return endEvents(res, 'retry: 300\n\n');
    sendText(res, 503, 'No live run to follow.\n', { 'retry-after': '1' });
  }

  /** Answers the page's EventSource with one last piece of a stream, and ends it. */
  function endEvents(res: ServerResponse, body: string): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
    res.end(body);
  }

  async function hasHistory(service: string): Promise<boolean> {
    const file = historyFile(root, undefined);
    if (!existsSync(file)) return false;
    const { HistoryStore } = await import('@go-heavy/history');
    const store = HistoryStore.open(file);
    try {
      return store.workflows(service).length > 0;
    } finally {
      store.close();
    }
  }

  async function history(req: IncomingMessage, res: ServerResponse, service: string): Promise<void> {
    const file = historyFile(root, undefined);
    if (!(await hasHistory(service))) return page(res, 404, 'No history', messageBody(`No history of ${service}`, `No run of ${service} is recorded in ${file} yet: start one.`), req);
    const historyModule = await import('@go-heavy/history');
    const store = historyModule.HistoryStore.open(file);
    try {
      const trends = historyTrends(historyModule, store, service, { workflows: store.workflows(service), stat: 'p95', last: 20, window: 5, tolerancePct: 10 });
      send(res, 200, 'text/html', renderTrendReport(trends, { service }), { 'content-security-policy': "frame-ancestors 'none'" }, req);
    } finally {
      store.close();
    }
  }

  async function diff(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const query = new URL(req.url ?? '/', 'http://ui').searchParams;
    const [a, b] = [query.get('a') ?? '', query.get('b') ?? ''];
    const entries = (await listing()).entries;
    if (a === '' && b === '') return page(res, 200, 'Diff', diffPickerBody(entries, '', ''), req);
    const [ea, eb] = [entries.find((e) => e.file === a), entries.find((e) => e.file === b)];
    if (!ea || !eb) {
      const missing = !ea ? `a: no run ${JSON.stringify(a)}` : `b: no run ${JSON.stringify(b)}`;
      return page(res, 404, 'Diff', diffPickerBody(entries, a, b, `${missing} in the runs folder: pick two of the list`), req);
    }
    const { computeDiff, fromRunResult } = await import('@go-heavy/diff');
    const { describeLoad } = await import('@go-heavy/reporter');
    const [ra, rb] = await Promise.all([readResultsFile(path.join(runsDir, ea.file)), readResultsFile(path.join(runsDir, eb.file))]);
    const result = computeDiff(fromRunResult(ra, ea.file, describeLoad(ra.load)), fromRunResult(rb, eb.file, describeLoad(rb.load)));
    send(res, 200, 'text/html', renderDiffReport(result), { 'content-security-policy': "frame-ancestors 'none'" }, req);
  }

  const server = await startHttpServer({ port: options.port, host: options.host, handle, name: 'the web UI' });
  return {
    ...server,
    runsDir,
    close: async () => {
      await slot.close();
      await server.close();
    },
  };
}
