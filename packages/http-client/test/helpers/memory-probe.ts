// Run in a child process (bundled by large-response.test.ts): one GET of a 100 MB body (or, under
// the default limit, an endless one) with the client in the given mode, then the peak resident
// memory it took, from the kernel's VmHWM.
// Usage: node probe.js <url> <transport> <keep|discard|limit>; prints one line of JSON.
import { readFileSync } from 'node:fs';
import type { RequestMetrics, StepMetrics } from '@go-heavy/core';
import { createHttpClient, HttpRequestError } from '../../src/index.js';

/** Peak resident set size of this process so far, in bytes. */
function peakRss(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Number(match![1]) * 1024;
}

async function main(): Promise<void> {
  const [url, transport, mode] = process.argv.slice(2) as [string, 'auto' | 'undici', 'keep' | 'discard' | 'limit'];
  const recorded: Array<number | string> = [];
  const handle: RequestMetrics = {
    recordResponse: (_latencyMs, status) => recorded.push(status),
    recordError: (_latencyMs, category) => recorded.push(category),
    recordRetry: () => recorded.push('retry'),
  };
  const step: StepMetrics = { name: 'probe', request: () => handle, record() {}, metric: () => ({ add() {} }) };
  const client = createHttpClient({
    timeoutMs: 60_000,
    transport,
    insecure: true,
    discardResponseBodies: mode === 'discard',
    // `keep` raises the limit above the body; `limit` leaves the default (64 MiB).
    ...(mode === 'keep' ? { maxResponseBytes: 256 * 1024 * 1024 } : {}),
  });
  const http = client.forScope({ baseUrl: url, step, cookies: undefined });
  // Loads the transport (undici for https) and warms up before the baseline.
  await http.get('/small');
  const baseline = peakRss();
  let bodyLength: number | null = null;
  let latencyMs: number;
  try {
    // Under the limit, a body that never ends: it is the reading that must stop at the limit.
    const res = await http.get(mode === 'limit' ? '/endless' : '/big');
    latencyMs = res.latencyMs;
    // A workflow that keeps the body reads it.
    if (mode === 'keep') bodyLength = res.body.length;
  } catch (err) {
    if (!(err instanceof HttpRequestError)) throw err;
    latencyMs = err.latencyMs;
  }
  const peak = peakRss();
  await client.close();
  process.stdout.write(`${JSON.stringify({ recorded: recorded.slice(1), bodyLength, latencyMs, baseline, peak })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String((err as Error).stack ?? err)}\n`);
  process.exit(1);
});
