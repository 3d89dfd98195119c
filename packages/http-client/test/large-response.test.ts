import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { TARGETS } from './helpers/transports.js';
import { startServer, type TestServer } from './helpers/test-server.js';

const MiB = 1024 * 1024;
/** The body: 100 MB, written in 1 MiB slices of one buffer. */
const BIG_BYTES = 100 * MiB;
const SLICE = Buffer.alloc(MiB, 'a');

/** What the probe (helpers/memory-probe.ts) reports. */
interface Probe {
  /** What the client recorded for the big request: a status or an error category. */
  recorded: Array<number | string>;
  bodyLength: number | null;
  latencyMs: number;
  /** Peak RSS before and after the big request, bytes. */
  baseline: number;
  peak: number;
}

/** An endless body stops by itself after this much, so no test can leave it running. */
const ENDLESS_MAX_BYTES = 4 * 1024 * MiB;
const ENDLESS_MAX_MS = 30_000;

/**
 * Writes `/big` (100 MB with a content-length) or `/endless` (chunked, until the client leaves)
 * with backpressure, so the server holds no more than a slice or two.
 */
function write(res: import('node:http').ServerResponse, endless: boolean): void {
  res.writeHead(200, endless ? { 'content-type': 'text/plain' } : { 'content-type': 'text/plain', 'content-length': String(BIG_BYTES) });
  const limit = endless ? ENDLESS_MAX_BYTES : BIG_BYTES;
  const started = Date.now();
  let sent = 0;
  const pump = (): void => {
    while (sent < limit && !res.destroyed && Date.now() - started < ENDLESS_MAX_MS) {
      sent += SLICE.length;
      if (!res.write(SLICE)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

// Peak memory needs a process of its own: the probe, bundled once for this file (Linux: VmHWM).
let dir: string;
let probe: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'go-heavy-probe-'));
  probe = path.join(dir, 'probe.cjs');
  buildSync({ entryPoints: [path.join(__dirname, 'helpers/memory-probe.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: probe, logLevel: 'error' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runProbe(url: string, transport: string, mode: string): Promise<Probe> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [probe, url, transport, mode], { timeout: 90_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`probe ${mode} failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout) as Probe);
    });
  });
}

// Peak RSS is read from /proc (Linux, as on CI and the dev machines).
describe.each(TARGETS)('a 100 MB or endless response ($name)', ({ tls, client: target }) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req, res) => (req.url === '/small' ? res.end('small') : write(res, req.url === '/endless')), { tls });
  });
  afterAll(() => server.close());

  it('discarded: counted as its status, read to the end, never held in memory', async () => {
    const result = await runProbe(server.url, target.transport!, 'discard');
    expect(result.recorded).toEqual([200]);
    // What grows is garbage: chunks already dropped, which V8 collects once ~64 MiB of them
    // pile up (measured: 40 to 70 MiB). Far below the body, and the same for any larger one.
    expect(result.peak - result.baseline).toBeLessThan(96 * MiB);
  });

  it('kept (limit raised): counted as its status, the whole body in the response', async () => {
    const result = await runProbe(server.url, target.transport!, 'keep');
    expect(result.recorded).toEqual([200]);
    expect(result.bodyLength).toBe(BIG_BYTES);
    // Held as bytes and as text (measured: about 300 MiB): what the discarded run is spared.
    expect(result.peak - result.baseline).toBeGreaterThan(2 * BIG_BYTES);
  });

  it('never ending, under the default limit: counted as response-too-large, the memory bounded by the 64 MiB limit', async () => {
    // Chunked and endless, so the limit is met while reading (a content-length above it fails at the head).
    const result = await runProbe(server.url, target.transport!, 'limit');
    expect(result.recorded).toEqual(['response-too-large']);
    expect(result.latencyMs).toBeLessThan(20_000);
    // The 64 MiB kept until the limit, plus chunks already copied and not yet collected
    // (measured: 68 to 105 MiB); without the limit it would grow until the 60 s timeout.
    expect(result.peak - result.baseline).toBeLessThan(64 * MiB + 96 * MiB);
  });
});
