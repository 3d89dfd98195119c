import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { startServer, type TestServer } from './helpers/test-server.js';

// Idle keep-alive sockets and the deadline timer must not keep a process alive: a script that
// is done exits at once, though its connections are open and its requests had a 60 s timeout.
let dir: string;
let probe: string;
let server: TestServer;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-exit-probe-'));
  probe = path.join(dir, 'probe.cjs');
  buildSync({ entryPoints: [path.join(__dirname, 'helpers/exit-probe.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: probe, logLevel: 'error' });
  // The server keeps idle connections open far longer than the test waits.
  server = await startServer((_req, res) => res.end('ok'), { keepAliveTimeout: 60_000 });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

it('exits as soon as the last response is in, with idle connections still open', async () => {
  const { lastResponseAt, exitedAt } = await new Promise<{ lastResponseAt: number; exitedAt: number }>((resolve, reject) => {
    execFile(process.execPath, [probe, server.url], { timeout: 20_000 }, (err, stdout, stderr) => {
      const exitedAt = performance.timeOrigin + performance.now();
      if (err) return reject(new Error(`probe failed: ${stderr || err.message}`));
      resolve({ lastResponseAt: Number(stdout.trim()), exitedAt });
    });
  });
  expect(server.received).toHaveLength(7);
  expect(server.connections).toBe(4);
  expect(Number.isFinite(lastResponseAt)).toBe(true);
  // Exit takes a few milliseconds; a socket or timer holding on would take the 60 s.
  expect(exitedAt - lastResponseAt).toBeLessThan(2_000);
});
