import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeRequestLog, openRequestLog, workerRequestLog } from '../src/request-log-options.js';

describe('the request log of --workers: one file, the workers’ counts added up', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'go-heavy-request-log-options-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The main thread's log (nothing written to it) closed with what the workers' logs said. */
  async function closingLines(workers: Parameters<typeof closeRequestLog>[3], quiet = false): Promise<string[]> {
    const file = path.join(dir, `log-${Math.random().toString(36).slice(2)}.ndjson`);
    const lines: string[] = [];
    await closeRequestLog(openRequestLog({ 'log-requests': file }, [], []), quiet, (line) => lines.push(line.replace(file, 'FILE')), workers);
    return lines;
  }

  it('adds up what every worker wrote and dropped', async () => {
    expect(
      await closingLines([
        { written: 5, dropped: 0 },
        { written: 7, dropped: 0 },
      ]),
    ).toEqual(['go-heavy: request log: 12 requests in FILE\n']);
    expect(
      await closingLines([
        { written: 3, dropped: 2 },
        { written: 1, dropped: 1 },
      ]),
    ).toEqual(['go-heavy: request log: 3 lines dropped: the disk could not keep up\n', 'go-heavy: request log: 4 requests in FILE\n']);
    expect(
      await closingLines(
        [
          { written: 3, dropped: 0 },
          { written: 0, dropped: 4, error: 'ENOSPC: no space left on device' },
        ],
        true,
      ),
    ).toEqual(['go-heavy: request log: writing FILE failed: ENOSPC: no space left on device; 4 lines lost\n']);
  });

  it('says when a worker crashed before telling what it wrote', async () => {
    expect(await closingLines([{ written: 5, dropped: 0 }, undefined])).toEqual(['go-heavy: request log: 5 requests in FILE, besides those of the worker that crashed\n']);
    expect(await closingLines([undefined, undefined, { written: 1, dropped: 0 }])).toEqual(['go-heavy: request log: 1 request in FILE, besides those of the 2 workers that crashed\n']);
  });

  it('gives each worker its own request-id prefix, derived from the main thread’s', () => {
    const open = openRequestLog({ 'log-requests': path.join(dir, 'ids.ndjson') }, [], [])!;
    const main = open.shared.requestIdPrefix;
    expect(main).toMatch(/^[0-9a-f]{8}-$/);
    expect(open.clientOptions.requestIdPrefix).toBe(main);
    expect([0, 1, 9].map((i) => workerRequestLog(open.shared, i).requestIdPrefix)).toEqual([`${main}w1-`, `${main}w2-`, `${main}w10-`]);
    expect(workerRequestLog(open.shared, 0).log).toEqual(open.shared.log);
    return closeRequestLog(open, true, () => undefined);
  });
});
