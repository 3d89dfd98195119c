import type { HttpClientProvider } from '@go-heavy/core';
import { createHttpClient, HttpRequestError } from '../src/index.js';
import { MAX_HEADER_BYTES } from '../src/header-limit.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { startRawServer, type RawServer } from './helpers/raw-server.js';
import { TRANSPORTS } from './helpers/transports.js';

/**
 * Both transports give one answer for the same response at the header-size limit: names and
 * values counted as undici counts them (trailing blanks of a value in, blanks after the colon
 * and the status line out), at most 16 KiB - 1 bytes.
 */
function responseWith(fieldBytes: number): string {
  // 'Content-Length' + '2' = 15, 'X-Big' = 5, then the value: fieldBytes - 20 bytes, 2 of them trailing blanks.
  const value = `${'v'.repeat(fieldBytes - 22)} \t`;
  return `HTTP/1.1 200 ${'r'.repeat(500)}\r\nContent-Length: 2\r\nX-Big:   ${value}\r\n\r\nok`;
}

let server: RawServer;
const clients: HttpClientProvider[] = [];

beforeAll(async () => {
  server = await startRawServer((socket, _index, head) => {
    const size = Number(/^GET \/(\d+)/.exec(head)![1]);
    socket.write(responseWith(size));
  });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close({ force: true })));
  await server.close();
});

describe.each(TRANSPORTS)('the header-size limit (transport %s)', (transport) => {
  it('accepts names and values of 16 KiB - 1 bytes and fails 16 KiB as other', async () => {
    const provider = createHttpClient({ transport, timeoutMs: 5_000 });
    clients.push(provider);
    const step = new FakeStep('s');
    const http = provider.forScope({ baseUrl: server.url, step, cookies: undefined });
    const fits = await http.get(`/${MAX_HEADER_BYTES - 1}`);
    // The HTTP/1.1 transport trims the value's trailing blanks (RFC 9110 §5.5); undici keeps them.
    expect([fits.status, fits.body, (fits.headers['x-big'] as string).length]).toEqual([200, 'ok', MAX_HEADER_BYTES - 1 - 20 - (transport === 'auto' ? 2 : 0)]);
    const err = await http.get(`/${MAX_HEADER_BYTES}`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HttpRequestError);
    expect((err as HttpRequestError).category).toBe('other');
    expect(step.log.map((r) => r.status ?? r.category)).toEqual([200, 'other']);
  });
});
