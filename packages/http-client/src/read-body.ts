import type { Readable } from 'node:stream';
import { decodeUtf8 } from './decode-text.js';
import { ResponseTooLargeError } from './response-limits.js';

/**
 * Reads an undici response body to its end. Kept (`discard` false): as UTF-8 text, failing with
 * `ResponseTooLargeError` once more than `maxBytes` arrived (at once when `content-length`
 * announces more); the stream is destroyed then, which closes its connection. Discarded: every
 * chunk is dropped as it comes, so memory stays flat whatever the size, and the promise resolves
 * to undefined at the end, so the latency covers the whole body and the connection stays reusable.
 * Either way a body cut short (deadline, reset) rejects with the stream's error.
 */
export function readBody(body: Readable, contentLength: string | string[] | undefined, discard: boolean, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    body.on('error', reject);
    body.on('end', () => {
      if (discard) return resolve(undefined);
      const all = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, length);
      resolve(decodeUtf8(all, 0, all.length));
    });
    if (discard) {
      body.on('data', dropChunk);
      return;
    }
    if (typeof contentLength === 'string' && Number(contentLength) > maxBytes) {
      body.destroy(new ResponseTooLargeError(maxBytes));
      return;
    }
    body.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) body.destroy(new ResponseTooLargeError(maxBytes));
      else chunks.push(chunk);
    });
  });
}

function dropChunk(): void {}
