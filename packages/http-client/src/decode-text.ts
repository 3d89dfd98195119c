/**
 * `buf[start, end)` as UTF-8 text, without a leading byte order mark (as `fetch`'s `text()` and
 * `TextDecoder` drop it): `JSON.parse` fails on a BOM, and both transports must give the same text.
 */
export function decodeUtf8(buf: Buffer, start: number, end: number): string {
  if (end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) start += 3;
  return buf.toString('utf8', start, end);
}
