import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { runCli } from './support/cli.js';
import { makeProject } from './support/project.js';
import { expectConsistent, readResults } from './support/results.js';

const WORKFLOW = `import { workflow } from '@go-heavy/core';
export default workflow({
  async run(ctx) {
    const res = await ctx.http.get('/item');
    ctx.check(res.body === 'ok', 'body ok');
  },
});
`;

/**
 * A server that closes each connection right after its keep-alive response (no
 * `connection: close`): the HTTP/1.1 client must neither fail the requests it sends meanwhile
 * nor count them twice.
 */
describe('go-heavy run against a server that closes every connection after its response', () => {
  let answered = 0;
  const server = http.createServer((req, res) => {
    res.on('finish', () => {
      answered++;
      req.socket.destroy();
    });
    res.end('ok');
  });
  const project = makeProject({ 'services/closing/get.ts': WORKFLOW });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    project.remove();
  });

  it('closed model, 5 users for 3 s: no failed request, every answer counted once, the retries reported', async () => {
    const out = path.join(project.root, 'out/closing.json');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const res = await runCli(['run', 'closing/get', '--root', project.root, '--users', '5', '--duration', '3s', '--warmup', '0s', '--out', out, '--quiet'], { env: { BASE_URL: url } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const result = readResults(out);
    expectConsistent(result);
    const wf = result.workflows[0]!;
    // Before the fix, every second request met a closed socket and failed as ECONNRESET.
    expect(wf.errors).toEqual({});
    expect([wf.failed, result.summary.workflowsFailed]).toEqual([0, 0]);
    expect(wf.statusCodes).toEqual({ '200': result.summary.requests });
    // Nothing lost, nothing counted twice: one request recorded per response the server sent.
    expect(result.summary.requests).toBe(answered);
    expect(result.summary.requests).toBeGreaterThan(50);
    // Requests caught by a close before the pool turned wary went out again, and are counted apart.
    expect(result.summary.retries).toBeGreaterThanOrEqual(1);
    expect(wf.retries).toBe(result.summary.retries);
    expect(wf.steps.flatMap((s) => s.requests).reduce((n, r) => n + (r.retries ?? 0), 0)).toBe(result.summary.retries);
    expect(res.stdout).toMatch(/^ {2}Retries +\d+ sent again on a fresh connection$/m);
  }, 60_000);
});
