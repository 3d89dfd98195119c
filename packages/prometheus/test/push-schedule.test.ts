import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { RunResult } from '@go-heavy/core';
import { prometheusReporter } from '../src/index.js';
import { eventually } from './helpers/pushgateway.js';
import { progressAt } from './helpers/progress.js';
import { shopResult } from './helpers/run-result-fixture.js';

const progress = (elapsedSec: number, view: () => RunResult) => progressAt(elapsedSec, view);

describe('when pushes happen', () => {
  let server: Server;
  let puts = 0;
  let hold: Promise<void> = Promise.resolve();
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        void hold.then(() => {
          puts++;
          res.writeHead(200).end();
        });
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('on the interval grid (5 s, 10 s, 15 s) whatever the jitter of the one-second ticks, one snapshot each, none while a push is in flight', async () => {
    const address = `127.0.0.1:${(server.address() as { port: number }).port}`;
    const reporter = prometheusReporter({ pushgateway: address, service: 'grid', intervalMs: 5000, warn: jest.fn() });
    const snapshot = jest.fn(() => shopResult('run-g', 0.5));
    const tick = async (sec: number, expectedPuts: number) => {
      reporter.onProgress(progress(sec, snapshot));
      // Done once the reporter has the answer, not only once the server has the request.
      await eventually(() => expect(reporter.pushStats()).toEqual({ attempted: expectedPuts, succeeded: expectedPuts, failed: 0 }), 2000);
      expect(puts).toBe(expectedPuts);
    };
    for (const sec of [1.004, 2.001, 3.0, 3.998]) await tick(sec, 0);
    await tick(5.004, 1);
    for (const sec of [6.002, 7.001, 8.0, 9.999]) await tick(sec, 1);
    // The tick just before 10 s came early: the push waits for the next one, then 15 s is due.
    await tick(11.001, 2);
    await tick(12.0, 2);
    await tick(15.0, 3);
    expect(snapshot).toHaveBeenCalledTimes(3);

    // A push still in flight when the next is due: no snapshot until it is done.
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    reporter.onProgress(progress(20.001, snapshot));
    expect(snapshot).toHaveBeenCalledTimes(4);
    for (const sec of [21.0, 22.0, 23.0, 24.0, 25.0, 26.0, 27.0]) reporter.onProgress(progress(sec, snapshot));
    expect(snapshot).toHaveBeenCalledTimes(4);
    release();
    hold = Promise.resolve();
    await eventually(() => expect(reporter.pushStats().succeeded).toBe(4), 2000);
    // The push due at 25 s goes at the first tick after, 28 s; 30 s is then too close (half an interval).
    await tick(28.0, 5);
    await tick(29.0, 5);
    await tick(30.0, 5);
    await tick(31.0, 6);
    expect(snapshot).toHaveBeenCalledTimes(6);

    await reporter.onEnd(shopResult('run-g'));
    expect(puts).toBe(7);
    await reporter.close();
    expect(reporter.pushStats()).toEqual({ attempted: 7, succeeded: 7, failed: 0 });
  });
});
