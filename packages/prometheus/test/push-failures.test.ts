import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { RunResult, RunStartInfo } from '@go-heavy/core';
import { prometheusReporter } from '../src/index.js';
import { eventually, freePort } from './helpers/pushgateway.js';
import { progressAt } from './helpers/progress.js';
import { shopResult } from './helpers/run-result-fixture.js';

const info: RunStartInfo = { testId: 'run-x', startedAt: new Date(), workflows: ['shop/browse'], load: shopResult('run-x').load, requestStop: () => undefined };

const progress = (elapsedSec: number, view: () => RunResult) => progressAt(elapsedSec, view);

describe('a push that fails', () => {
  it('to a closed port: no hook throws, and warn is called once, at close, with the count and the reason', async () => {
    const port = await freePort();
    const warn = jest.fn();
    const reporter = prometheusReporter({ pushgateway: `127.0.0.1:${port}`, service: 'shop', intervalMs: 1000, warn });
    const started = Date.now();

    expect(() => reporter.onStart(info)).not.toThrow();
    await eventually(() => expect(reporter.pushStats()).toEqual({ attempted: 1, succeeded: 0, failed: 1 }));
    expect(() => reporter.onProgress(progress(1.001, () => shopResult('run-x', 0.2)))).not.toThrow();
    await eventually(() => expect(reporter.pushStats()).toEqual({ attempted: 2, succeeded: 0, failed: 2 }));
    // A snapshot that throws is a failed push too, never an exception in the engine's ticker.
    expect(() =>
      reporter.onProgress(
        progress(2.001, () => {
          throw new Error('recorder gone');
        }),
      ),
    ).not.toThrow();
    expect(warn).not.toHaveBeenCalled();

    await expect(reporter.onEnd(shopResult('run-x'))).resolves.toBeUndefined();
    await expect(reporter.close()).resolves.toBeUndefined();
    await expect(reporter.close()).resolves.toBeUndefined();
    expect(reporter.pushStats()).toEqual({ attempted: 4, succeeded: 0, failed: 4 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(`prometheus: 4 of 4 pushes to http://127.0.0.1:${port}/metrics/job/go-heavy-shop failed ` + '(first: ECONNREFUSED); the run and its results are not affected');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('with an HTTP error: the status and the first line of the answer are reported, URL credentials go as basic auth, and a throwing warn is swallowed', async () => {
    const bodies: string[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      req.on('end', () => {
        bodies.push(`${req.method} ${req.url} ${req.headers['content-type']} ${req.headers.authorization}\n${body}`);
        res.writeHead(400, { 'content-type': 'text/plain' }).end('pushed metrics are invalid or inconsistent with existing metrics: boom\nsecond line');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as { port: number }).port;
      const warn = jest.fn(() => {
        throw new Error('warn broke');
      });
      const reporter = prometheusReporter({ pushgateway: new URL(`http://user:secret@127.0.0.1:${port}/gw`), service: 'shop', namespace: 'perf', warn });
      expect(reporter.groupUrl).toBe(`http://127.0.0.1:${port}/gw/metrics/job/go-heavy-shop/namespace/perf`);
      await reporter.onEnd(shopResult('run-y'));
      await expect(reporter.close()).resolves.toBeUndefined();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn).toHaveBeenCalledWith(
        `prometheus: 1 of 1 pushes to http://127.0.0.1:${port}/gw/metrics/job/go-heavy-shop/namespace/perf failed ` +
          '(first: HTTP 400: pushed metrics are invalid or inconsistent with existing metrics: boom); the run and its results are not affected',
      );
      expect(bodies).toHaveLength(1);
      expect(bodies[0]).toMatch(/^PUT \/gw\/metrics\/job\/go-heavy-shop\/namespace\/perf text\/plain; version=0\.0\.4; charset=utf-8 Basic dXNlcjpzZWNyZXQ=\n/);
      expect(bodies[0]).toContain('go_heavy_run_info{test_id="run-y"} 1');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
