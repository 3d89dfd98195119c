import { request } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import {
  constantProfile,
  CorrelationHub,
  NotificationWaitError,
  runTest,
  WebhookSource,
  workflow,
  type Notification,
  type NotificationSink,
  type NotificationSource,
  type RunPlan,
  type Workflow,
} from '@go-heavy/core';
import { CountingRecorder, inMemoryHttp } from './recorder-double.js';
import { performance } from 'node:perf_hooks';

function msg(body: unknown): Notification {
  return { source: 'test', body, meta: {}, receivedAt: performance.now() };
}

/** A source the test drives by hand. */
class HandSource implements NotificationSource {
  readonly name = 'hand';
  sink: NotificationSink | undefined;
  closed = 0;
  async start(sink: NotificationSink): Promise<void> {
    this.sink = sink;
  }
  async close(): Promise<void> {
    this.closed++;
  }
  send(body: unknown): void {
    this.sink!.deliver(msg(body));
  }
}

async function hubWith(options?: Parameters<CorrelationHub['configure']>[0]) {
  const hub = new CorrelationHub();
  if (options) hub.configure(options);
  const source = new HandSource();
  await hub.subscribe(source);
  return { hub, source };
}

function post(url: string, body: string, method = 'POST'): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('CorrelationHub', () => {
  it('hands each message to the wait of its key only, whether it came before or after the wait', async () => {
    const { hub, source } = await hubWith();
    const n = 3000;
    // Even ids arrive first (early), odd ones after their wait.
    for (let i = 0; i < n; i += 2) source.send({ id: `k${i}`, n: i });
    const waits = Array.from({ length: n }, (_, i) => hub.waitFor<{ id: string; n: number }>(`k${i}`, { timeout: '20s' }));
    for (let i = n - 1; i >= 1; i -= 2) source.send({ id: `k${i}`, n: i });
    const got = await Promise.all(waits);
    got.forEach((m, i) => expect(m.body).toEqual({ id: `k${i}`, n: i }));
    await hub.close();
    expect(hub.result()).toEqual({ sources: ['hand'], received: n, waits: n, matched: n, early: n / 2, late: 0, unmatched: 0, expired: 0, timedOut: 0, interrupted: 0 });
  });

  it('fails only the waits past their deadline, and counts late messages', async () => {
    const { hub, source } = await hubWith();
    const t0 = performance.now();
    const waits = Array.from({ length: 500 }, (_, i) => hub.waitFor(i, { timeout: i % 2 === 0 ? 150 : 10_000 }));
    for (let i = 1; i < 500; i += 2) source.send({ id: i });
    const settled = await Promise.allSettled(waits);
    const elapsed = performance.now() - t0;
    const rejected = settled.flatMap((s, i) => (s.status === 'rejected' ? [[i, s.reason as NotificationWaitError] as const] : []));
    expect(rejected.map(([i]) => i)).toEqual(Array.from({ length: 250 }, (_, k) => 2 * k));
    for (const [i, err] of rejected) {
      expect(err).toBeInstanceOf(NotificationWaitError);
      expect(err.category).toBe('timeout');
      expect(err.key).toBe(String(i));
      expect(err.waitedMs).toBeGreaterThanOrEqual(149);
      expect(err.failureReason).toBe('timeout: waiting for a notification: no notification within 150ms');
    }
    expect(elapsed).toBeGreaterThanOrEqual(149);
    expect(elapsed).toBeLessThan(150 * 4 + 2000);
    // Now their messages come: late, not buffered for a next wait.
    for (let i = 0; i < 500; i += 2) source.send({ id: i });
    source.send({ nothing: 'here' });
    await hub.close();
    expect(hub.result()).toMatchObject({ received: 501, waits: 500, matched: 250, early: 0, late: 250, unmatched: 1, expired: 0, timedOut: 250, interrupted: 0 });
  });

  it('drops early messages after keepEarlyFor and beyond keepEarlyMax, counting them as expired', async () => {
    const { hub, source } = await hubWith({ keepEarlyFor: '100ms', keepEarlyMax: 10 });
    for (let i = 0; i < 15; i++) source.send({ id: i });
    // The 5 oldest were pushed out to keep 10.
    await expect(hub.waitFor(0, { timeout: 50 })).rejects.toMatchObject({ category: 'timeout' });
    await expect(hub.waitFor(14, { timeout: 50 })).resolves.toMatchObject({ body: { id: 14 } });
    await delay(150);
    // Expired by now, though never waited for.
    await expect(hub.waitFor(13, { timeout: 50 })).rejects.toMatchObject({ category: 'timeout' });
    source.send({ id: 'kept' });
    await hub.close();
    expect(hub.result()).toMatchObject({ received: 16, matched: 1, early: 1, expired: 14, unmatched: 1, timedOut: 2, late: 0 });
  });

  it('hands messages of one key out in their order, uses the configured key, and refuses a second wait on a key', async () => {
    const { hub, source } = await hubWith({ key: (m) => (m.body as { ref?: string }).ref });
    source.send({ ref: 'a', status: 'processing' });
    source.send({ ref: 'a', status: 'settled' });
    source.send({ id: 'a' });
    expect((await hub.waitFor<{ status: string }>('a')).body.status).toBe('processing');
    expect((await hub.waitFor<{ status: string }>('a')).body.status).toBe('settled');
    const pending = hub.waitFor('b', { timeout: 5000 });
    await expect(hub.waitFor('b')).rejects.toThrow('ctx.notifications.waitFor("b"): already waiting for this key; one wait per key at a time');
    source.send({ ref: 'b' });
    await expect(pending).resolves.toMatchObject({ body: { ref: 'b' } });
    await hub.close();
    expect(hub.result()).toMatchObject({ received: 4, waits: 3, matched: 3, early: 2, unmatched: 1 });
  });

  it('rejects waits still pending as interrupted when the run is cut short, and closes its sources', async () => {
    const control = new AbortController();
    const hub = new CorrelationHub(control.signal);
    const source = new HandSource();
    void hub.subscribe(source);
    await hub.ready();
    const waits = [hub.waitFor('x'), hub.waitFor('y')];
    control.abort();
    for (const w of waits) await expect(w).rejects.toMatchObject({ category: 'interrupted', failureReason: 'interrupted: waiting for a notification: the run was cut short' });
    await expect(hub.waitFor('z')).rejects.toMatchObject({ category: 'interrupted' });
    await hub.close();
    expect(source.closed).toBe(1);
    expect(hub.result()).toMatchObject({ waits: 3, interrupted: 3 });
  });

  it('names what is wrong with bad options', async () => {
    const hub = new CorrelationHub();
    await expect(hub.waitFor('a', { timeout: 'soon' })).rejects.toThrow(
      `ctx.notifications.waitFor(key, { timeout }): expected a positive number of milliseconds or a duration such as '10s', '500ms', '2m'; got "soon"`,
    );
    expect(() => hub.listenWebhook({ port: 70000 })).toThrow('ctx.notifications.listenWebhook(): port: expected an integer from 0 to 65535; got 70000');
    expect(() => hub.subscribe({} as never)).toThrow('ctx.notifications.subscribe(source): expected a NotificationSource (name, start(sink), close())');
    expect(() => hub.url).toThrow('ctx.notifications.url: no webhook receiver; call ctx.notifications.listenWebhook() in init');
    await hub.close();
  });
});

describe('webhook receiver', () => {
  it('delivers POSTed JSON to the waiting key over real HTTP, answers 202, and rejects other paths and methods', async () => {
    const hub = new CorrelationHub();
    const url = await hub.listenWebhook({ path: '/callbacks' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callbacks$/);
    expect(hub.url).toBe(url);
    // The same options again: the same receiver; others: refused.
    await expect(hub.listenWebhook({ path: '/callbacks' })).resolves.toBe(url);
    expect(() => hub.listenWebhook({ path: '/other' })).toThrow('one webhook receiver per test');
    const wait = hub.waitFor<{ id: string; status: string }>('p-1', { timeout: '5s' });
    expect(await post(`${url}?attempt=1`, JSON.stringify({ id: 'p-1', status: 'settled' }))).toEqual({ status: 202, text: '' });
    const got = await wait;
    expect(got.body).toEqual({ id: 'p-1', status: 'settled' });
    expect(got.source).toBe('webhook');
    expect(got.meta).toMatchObject({ method: 'POST', path: '/callbacks', query: 'attempt=1' });
    expect((await post(url.replace('/callbacks', '/elsewhere'), '{}')).status).toBe(404);
    expect((await post(url, '', 'GET')).status).toBe(405);
    await hub.close();
    await expect(post(url, '{}')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(hub.result()).toMatchObject({ sources: ['webhook'], received: 1, matched: 1 });
  });

  it('fails to start with one line naming the port in use', async () => {
    const first = new WebhookSource();
    await first.start({ deliver() {} });
    const port = Number(new URL(first.url!).port);
    const hub = new CorrelationHub();
    await expect(hub.listenWebhook({ port })).rejects.toThrow(`ctx.notifications.listenWebhook(): cannot listen on 127.0.0.1:${port}: the port is in use`);
    await expect(hub.ready()).rejects.toThrow('the port is in use');
    await hub.close();
    await first.close();
  });
});

describe('ctx.notifications in a run', () => {
  function plan(definition: Workflow<unknown>, iterations: number): RunPlan {
    return {
      workflows: [{ name: 'svc/wf', service: 'svc', file: 'wf.ts', definition, env: {} }],
      load: { model: 'closed', users: constantProfile(50, null) },
      durationMs: null,
      iterations,
      warmupMs: 0,
      gracefulStopMs: 1000,
      uniqueUsers: null,
    };
  }

  it('starts the receiver in init (not awaited), routes each callback to its iteration, reports the counts and closes it after the cleanups', async () => {
    let url = '';
    let openInCleanup = false;
    const recorder = new CountingRecorder();
    const result = await runTest(
      plan(
        workflow({
          init(ctx) {
            void ctx.notifications.listenWebhook({ path: '/cb' });
            ctx.cleanup(async () => {
              openInCleanup = (await post(url, JSON.stringify({ id: 'after' }))).status === 202;
            });
          },
          async run(ctx) {
            url = ctx.notifications.url;
            const id = ctx.uniqueId();
            // The callback is sent before the wait for even iterations: an early arrival.
            const sent = post(url, JSON.stringify({ id, iteration: ctx.iteration }));
            if (ctx.iteration % 2 === 0) await sent;
            const got = await ctx.step('settled', () => ctx.notifications.waitFor<{ id: string; iteration: number }>(id, { timeout: '10s' }));
            ctx.check(got.body.iteration === ctx.iteration, 'own notification');
            await sent;
          },
        }),
        400,
      ),
      { http: inMemoryHttp(), createRecorder: () => recorder },
    );
    const wf = recorder.workflows.get('svc/wf')!;
    expect(wf.ok).toBe(400);
    expect(wf.checks.filter(([, ok]) => !ok)).toEqual([]);
    expect(openInCleanup).toBe(true);
    expect(result.notifications).toMatchObject({ sources: ['webhook'], received: 401, waits: 400, matched: 400, unmatched: 1, timedOut: 0 });
    expect(result.notifications!.early).toBeGreaterThanOrEqual(200);
    await expect(post(url, '{}')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('fails the test at init, naming the workflow, when the receiver cannot listen', async () => {
    const first = new WebhookSource();
    await first.start({ deliver() {} });
    const port = Number(new URL(first.url!).port);
    const run = runTest(
      plan(
        workflow({
          init(ctx) {
            void ctx.notifications.listenWebhook({ port });
          },
          async run() {},
        }),
        1,
      ),
      { http: inMemoryHttp(), createRecorder: () => new CountingRecorder() },
    );
    await expect(run).rejects.toThrow(`svc/wf (wf.ts): init failed: ctx.notifications.listenWebhook(): cannot listen on 127.0.0.1:${port}: the port is in use`);
    await first.close();
  });
});
