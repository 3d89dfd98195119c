// The dashboard's server without a browser: SSE framing, routes, throttling, stop, end, close.
// test/../apps/cli/test/dashboard.browser.test.ts drives the same page in Chromium during a real run.
import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import { Script } from 'node:vm';
import type { ProgressUpdate, Reporter, RunResult, RunStartInfo } from '@go-heavy/core';
import { dashboardReporter } from '../src/index.js';
import { SseClients, sseComment, sseEvent, sseRetry } from '../src/dashboard/sse.js';
import { LIVE_SCRIPT, REPORT_SCRIPT as CLIENT_SCRIPT } from '../src/html/browser-bundles.js';
import { renderDashboardPage, renderHtmlReport } from '../src/index.js';
import { renderReportPage } from '../src/html/render-html-report.js';
import { TIMELINE, makeRunResult } from './helpers/run-result-fixture.js';

describe('Server-Sent Events framing', () => {
  test('an event is its name, one data line per line, and a blank line', () => {
    expect(sseEvent('result', '{"a":1}')).toBe('event: result\ndata: {"a":1}\n\n');
    expect(sseEvent('x', 'one\ntwo\r\nthree\rfour')).toBe('event: x\ndata: one\ndata: two\ndata: three\ndata: four\n\n');
    expect(sseEvent('end', '')).toBe('event: end\ndata: \n\n');
  });

  test('JSON with line separators and "\\n" inside strings stays one data line', () => {
    const json = JSON.stringify({ name: 'a\nb\u2028c', n: 1 });
    expect(
      sseEvent('result', json)
        .split('\n')
        .filter((l) => l.startsWith('data: ')),
    ).toHaveLength(1);
  });

  test('an event name that would corrupt the stream throws', () => {
    for (const bad of ['', 'a\nb', 'a\rb', 'data: x']) expect(() => sseEvent(bad, '{}')).toThrow(/event name/);
  });

  test('comments and the retry field', () => {
    expect(sseComment('heartbeat')).toBe(': heartbeat\n\n');
    expect(sseComment('a\nb')).toBe(': a\n: b\n\n');
    expect(sseRetry(2000)).toBe('retry: 2000\n\n');
  });
});

describe('SseClients', () => {
  /** A stand-in for a ServerResponse: what was written, and whether it still holds unsent data. */
  function fakeResponse(needDrain: boolean) {
    const listeners: Array<() => void> = [];
    return {
      writableNeedDrain: needDrain,
      written: [] as string[],
      ended: false,
      write(chunk: string) {
        this.written.push(chunk);
        return true;
      },
      end(chunk?: string) {
        if (chunk !== undefined) this.written.push(chunk);
        this.ended = true;
      },
      once(_event: 'close', listener: () => void) {
        listeners.push(listener);
      },
      closeConnection: () => listeners.forEach((l) => l()),
    };
  }

  test('send writes to every stream; offer skips one that has not taken the last message; end ends all', () => {
    const clients = new SseClients();
    const fast = fakeResponse(false);
    const slow = fakeResponse(true);
    clients.add(fast as never);
    clients.add(slow as never);
    expect(clients.size).toBe(2);
    clients.offer('snapshot');
    clients.send('status');
    expect(fast.written).toEqual(['snapshot', 'status']);
    expect(slow.written).toEqual(['status']);
    slow.closeConnection();
    expect(clients.size).toBe(1);
    clients.end('bye');
    expect(fast.written).toEqual(['snapshot', 'status', 'bye']);
    expect(fast.ended).toBe(true);
    expect(slow.ended).toBe(false);
    expect(clients.size).toBe(0);
  });
});

describe('the live page', () => {
  const hash = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
  const cspOf = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';

  test("adds the status line, the Stop button, the live script (by hash) and connect-src 'self'", () => {
    const html = renderReportPage(makeRunResult(), { live: true });
    expect(html).toContain('<span class="live-status" id="go-heavy-status" role="status" data-state="running">running…</span>');
    expect(html).toContain('<button type="button" class="live-stop" id="go-heavy-stop">Stop run</button>');
    expect(html).toContain(`<script>${LIVE_SCRIPT}</script>`);
    expect(html.match(/<script/g)).toHaveLength(3);
    const csp = cspOf(html);
    expect(csp).toContain(`script-src 'sha256-${hash(CLIENT_SCRIPT)}' 'sha256-${hash(LIVE_SCRIPT)}'`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain('<title>go-heavy dashboard · gh-20261125-100000-7f3a</title>');
  });

  test('the report file is unchanged: no live part, no connections', () => {
    const result = makeRunResult();
    const html = renderHtmlReport(result);
    expect(html).toBe(renderReportPage(result));
    expect(cspOf(html)).not.toContain('connect-src');
    expect(html).not.toContain('go-heavy-stop');
    expect(html).not.toContain('EventSource');
    // A caller cannot switch the file to live mode through the public options.
    expect(renderHtmlReport(result, { live: true } as never)).toBe(html);
  });

  test('the live script is valid JavaScript, sets text only, and cannot end its element', () => {
    expect(() => new Script(LIVE_SCRIPT)).not.toThrow();
    expect(LIVE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    expect(LIVE_SCRIPT).not.toMatch(/<\/script|<!--/i);
    // Relative to the page: /events and /stop for the dashboard at /, /live/events for go-heavy ui's /live/.
    expect(LIVE_SCRIPT).toContain('new EventSource("events")');
    expect(LIVE_SCRIPT).toContain('fetch("stop", { method: "POST"');
  });

  test('renderDashboardPage: escaped links, a report link hidden until the end, the stop token on the button', () => {
    const html = renderDashboardPage(makeRunResult(), {
      links: [{ href: '/services/"><b>x', text: '<b>shop</b>' }],
      finished: { href: '/report/a&b.json', text: 'Open the report' },
      stopToken: '"><script>',
    });
    expect(html).toContain('<a class="live-nav" href="/services/&quot;&gt;&lt;b&gt;x">&lt;b&gt;shop&lt;/b&gt;</a>');
    expect(html).toContain('<a class="live-nav" href="/report/a&amp;b.json" id="go-heavy-finished" hidden>Open the report</a>');
    expect(html).toContain('id="go-heavy-stop" data-token="&quot;&gt;&lt;script&gt;"');
    expect(html).toBe(
      renderReportPage(makeRunResult(), {
        live: true,
        links: [{ href: '/services/"><b>x', text: '<b>shop</b>' }],
        finished: { href: '/report/a&b.json', text: 'Open the report' },
        stopToken: '"><script>',
      }),
    );
    // The dashboard's own page has none of them.
    const plain = renderReportPage(makeRunResult(), { live: true });
    expect(plain).not.toContain('id="go-heavy-finished"');
    expect(plain).toContain('<button type="button" class="live-stop" id="go-heavy-stop">Stop run</button>');
  });
});

// ---- the server ------------------------------------------------------------------------

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(url: string, options: { method?: string; headers?: Record<string, string>; path?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url + (options.path ?? ''), { method: options.method ?? 'GET', headers: options.headers, agent: false, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end();
  });
}

interface Message {
  event: string;
  data: string;
}

/** An open event stream: the messages so far, comments counted, and a bounded wait for more. */
interface Stream {
  res: IncomingMessage;
  raw: string[];
  messages: Message[];
  comments: number;
  ended: boolean;
  /** Resolves when `count` messages have arrived (rejects after 5 s). */
  next(count: number): Promise<Message[]>;
  close(): void;
}

function openEvents(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/events`, { agent: false }, (res) => {
      const stream: Stream = {
        res,
        raw: [],
        messages: [],
        comments: 0,
        ended: false,
        next: (count) => waitFor(() => (stream.messages.length >= count ? stream.messages : undefined), `${count} messages`),
        close: () => req.destroy(),
      };
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        stream.raw.push(chunk);
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const lines = block.split('\n');
          if (lines.every((l) => l.startsWith(':'))) stream.comments++;
          const event = lines.find((l) => l.startsWith('event: '))?.slice(7);
          const data = lines
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          if (event) stream.messages.push({ event, data });
        }
      });
      res.on('end', () => (stream.ended = true));
      resolve(stream);
    });
    req.on('error', reject);
  });
}

async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A run's start info whose requestStop is counted. */
function startInfo(): RunStartInfo & { stops: number } {
  const result = makeRunResult();
  const info = {
    testId: result.testId,
    startedAt: new Date(result.startedAt),
    workflows: result.workflows.map((w) => w.name),
    load: result.load,
    stops: 0,
    requestStop() {
      info.stops++;
    },
  };
  return info;
}

/** A progress update whose snapshot is the fixture cut to `seconds` of timeline; snapshots are counted. */
function progress(seconds: number, counter: { snapshots: number }): ProgressUpdate {
  const result = makeRunResult();
  return {
    elapsedSec: seconds,
    totalSec: 60,
    succeeded: seconds * 100,
    failed: 0,
    dropped: 0,
    requests: seconds * 300,
    point: TIMELINE[seconds - 1]!,
    // The dashboard reads the live view; the costly snapshot must never be taken.
    view: () => {
      counter.snapshots++;
      const { workflows, ...rest } = result;
      const live = workflows.map(({ buckets: _b, histogram: _h, steps, ...wf }) => ({
        ...wf,
        steps: steps.map(({ buckets: _sb, histogram: _sh, requests, ...st }) => ({ ...st, requests: requests.map(({ buckets: _rb, histogram: _rh, ...rq }) => rq) })),
      }));
      return { ...rest, workflows: live, timeline: TIMELINE.slice(0, seconds), summary: { ...result.summary, requests: seconds * 300 } };
    },
    snapshot: () => {
      throw new Error('the dashboard took a full snapshot');
    },
  };
}

describe('dashboardReporter', () => {
  let reporter: Reporter;
  let info: ReturnType<typeof startInfo>;
  let url: string;
  let stopped: number;
  const streams: Stream[] = [];

  beforeEach(async () => {
    stopped = 0;
    reporter = dashboardReporter({ port: 0, onListening: (u) => (url = u), onStop: () => stopped++, heartbeatMs: 100 });
    info = startInfo();
    await reporter.onStart!(info);
  });
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    await reporter.close!();
  });
  const events = async () => {
    const s = await openEvents(url);
    streams.push(s);
    return s;
  };

  test('is named dashboard, listens on 127.0.0.1 and tells its URL', () => {
    expect(reporter.name).toBe('dashboard');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  test('rejects a bad port or a host other than 127.0.0.1 when made', () => {
    for (const port of [-1, 65_536, 1.5, Number.NaN]) expect(() => dashboardReporter({ port })).toThrow(/port: expected a whole number from 0 to 65535/);
    expect(() => dashboardReporter({ host: '0.0.0.0' as never })).toThrow(/only 127\.0\.0\.1/);
  });

  test('a port in use is a clear error at onStart', async () => {
    const port = Number(new URL(url).port);
    const second = dashboardReporter({ port });
    await expect(second.onStart!(startInfo())).rejects.toThrow(`dashboard: cannot listen on 127.0.0.1:${port}: the port is in use`);
    await second.close!();
  });

  test('GET / is the live page with the latest data; HEAD too; other methods 405', async () => {
    const page = await request(url);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).toContain('id="go-heavy-stop"');
    expect(page.body).toContain(`"testId":"${info.testId}"`);
    expect(page.body).toContain('"workflows":[]');
    const head = await request(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect((await request(url, { method: 'POST' })).status).toBe(405);
  });

  test('other paths are 404, wrong methods 405, and a foreign Host header 403', async () => {
    for (const path of ['/x', '/events/', '/stop/x', '/index.html', '/..%2F..%2Fetc%2Fpasswd', '//events']) {
      expect([path, (await request(url, { path })).status]).toEqual([path, 404]);
    }
    expect((await request(url, { path: '/stop' })).status).toBe(405);
    expect((await request(url, { path: '/events', method: 'POST' })).status).toBe(405);
    const port = new URL(url).port;
    expect((await request(url, { headers: { host: `evil.example:${port}` } })).status).toBe(403);
    expect((await request(url, { headers: { host: `localhost:${port}` } })).status).toBe(200);
    expect(info.stops).toBe(0);
  });

  test('a new client gets the latest state at once; progress reaches it at most once a second', async () => {
    const counter = { snapshots: 0 };
    // Nobody listens: no snapshot is taken.
    reporter.onProgress!(progress(1, counter));
    expect(counter.snapshots).toBe(0);

    const stream = await events();
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    const [first] = await stream.next(1);
    expect(first!.event).toBe('result');
    expect((JSON.parse(first!.data) as RunResult).timeline).toEqual(TIMELINE.slice(0, 1));
    expect(stream.raw[0]).toMatch(/^retry: 2000\n\n/);
    expect(counter.snapshots).toBe(1);

    reporter.onProgress!(progress(2, counter));
    const [, second] = await stream.next(2);
    expect((JSON.parse(second!.data) as RunResult).timeline).toEqual(TIMELINE.slice(0, 2));
    expect(JSON.parse(second!.data).summary.requests).toBe(600);
    // A second update within the same second is not sent (nor snapshotted).
    reporter.onProgress!(progress(3, counter));
    expect(counter.snapshots).toBe(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(stream.messages).toHaveLength(2);

    // A second client joining now gets the snapshot just sent, without another one being taken.
    const late = await events();
    const [latest] = await late.next(1);
    expect(JSON.parse(latest!.data).timeline).toEqual(TIMELINE.slice(0, 2));
    expect(counter.snapshots).toBe(2);
  });

  test('heartbeat comments keep streams alive', async () => {
    const stream = await events();
    await waitFor(() => (stream.comments >= 2 ? true : undefined), 'two heartbeats');
    expect(stream.raw.join('')).toContain(': heartbeat\n\n');
  });

  test('POST /stop asks the run to stop once, answers 202, and tells every page', async () => {
    const stream = await events();
    await stream.next(1);
    const port = new URL(url).port;
    const foreign = await request(url, { path: '/stop', method: 'POST', headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(info.stops).toBe(0);

    const res = await request(url, { path: '/stop', method: 'POST', headers: { origin: `http://127.0.0.1:${port}` } });
    expect(res.status).toBe(202);
    expect(info.stops).toBe(1);
    expect(stopped).toBe(1);
    const [, status] = await stream.next(2);
    expect(status).toEqual({ event: 'status', data: 'stopping' });
    expect((await request(url, { path: '/stop', method: 'POST' })).status).toBe(202);
    expect(info.stops).toBe(1);
    expect(stopped).toBe(1);

    // A page opened while stopping learns it at once.
    const late = await events();
    expect((await late.next(2)).map((m) => m.event)).toEqual(['status', 'result']);
  });

  test('onEnd sends the final result as "end" and ends the streams; later clients get it too; stop is then 409', async () => {
    const stream = await events();
    await stream.next(1);
    const result = makeRunResult({ summary: { ...makeRunResult().summary, interrupted: true } });
    await reporter.onEnd!(result);
    const [, end] = await stream.next(2);
    expect(end!.event).toBe('end');
    expect(JSON.parse(end!.data)).toEqual(result);
    await waitFor(() => (stream.ended ? true : undefined), 'the stream to end');

    const late = await events();
    expect(await late.next(1)).toEqual([{ event: 'end', data: JSON.stringify(result) }]);
    await waitFor(() => (late.ended ? true : undefined), 'the late stream to end');
    expect((await request(url, { path: '/stop', method: 'POST' })).status).toBe(409);
    expect(info.stops).toBe(0);
    expect((await request(url)).body).toContain('"interrupted":true');
  });

  test('close() ends open streams and closes the server within the grace, keep-alive sockets included', async () => {
    const stream = await events();
    await stream.next(1);
    // An idle keep-alive connection, as a browser leaves after loading the page.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) => http.get(url, { agent }, (res) => res.resume().on('end', resolve)));
    const started = Date.now();
    await reporter.close!();
    expect(Date.now() - started).toBeLessThan(1_500);
    await waitFor(() => (stream.ended ? true : undefined), 'the stream to end');
    await expect(request(url)).rejects.toThrow(/ECONNREFUSED/);
    agent.destroy();
    await reporter.close!(); // twice is fine
  });
});
