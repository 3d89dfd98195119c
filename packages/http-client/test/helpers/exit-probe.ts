// Run in a child process (bundled by idle-exit.test.ts): requests to <url>, some one after the
// other and some at once, then nothing more, and no `close()`: the process should exit by
// itself, as a script using the client would. Prints the `performance.now()` time the last
// response arrived, for the test to compare with the exit.
// Usage: node probe.cjs <url>
import type { RequestMetrics, StepMetrics } from '@go-heavy/core';
import { createHttpClient } from '../../src/index.js';

async function main(): Promise<void> {
  const [url] = process.argv.slice(2) as [string];
  const handle: RequestMetrics = { recordResponse() {}, recordError() {}, recordRetry() {} };
  const step: StepMetrics = { name: 'probe', request: () => handle, record() {}, metric: () => ({ add() {} }) };
  // A long timeout: a deadline timer that held the process open would show as a late exit.
  const client = createHttpClient({ timeoutMs: 60_000, connections: 4 });
  const http = client.forScope({ baseUrl: url, step, cookies: undefined });
  for (let i = 0; i < 3; i++) await http.get('/');
  await Promise.all([http.get('/'), http.get('/'), http.get('/'), http.get('/')]);
  process.stdout.write(`${performance.timeOrigin + performance.now()}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});
