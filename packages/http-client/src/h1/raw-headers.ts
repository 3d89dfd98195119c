import type { Headers } from '@go-heavy/core';
import { COLON, CR, HT, SP, equalsLower } from './bytes.js';

/**
 * The header lines `buf[start, end)` (each `name: value\r\n`, already validated by
 * `parseHead`) as a plain object: names lower-cased, values latin-1 and trimmed, a repeated
 * name as an array of its values in order. Decoded like undici's `headers`.
 */
export function parseHeaders(buf: Buffer, start: number, end: number): Headers {
  const headers: Headers = {};
  let p = start;
  while (p < end) {
    const colon = buf.indexOf(COLON, p);
    const lineEnd = buf.indexOf(CR, colon);
    const name = buf.toString('latin1', p, colon).toLowerCase();
    const value = valueOf(buf, colon + 1, lineEnd);
    const seen = headers[name];
    if (seen === undefined || !Object.hasOwn(headers, name)) {
      if (name === '__proto__') {
        Object.defineProperty(headers, name, { value, enumerable: true, configurable: true, writable: true });
      } else {
        headers[name] = value;
      }
    } else if (typeof seen === 'string') {
      headers[name] = [seen, value];
    } else {
      seen.push(value);
    }
    p = lineEnd + 2;
  }
  return headers;
}

/**
 * The value of one header in the lines `buf[start, end)`, without parsing the others: a string,
 * an array when repeated, or undefined. `lowerName` is the name in lower case, as bytes.
 */
export function readHeader(buf: Buffer, start: number, end: number, lowerName: Buffer): string | string[] | undefined {
  let found: string | string[] | undefined;
  let p = start;
  while (p < end) {
    const colon = buf.indexOf(COLON, p);
    const lineEnd = buf.indexOf(CR, colon);
    if (equalsLower(buf, p, colon, lowerName)) {
      const value = valueOf(buf, colon + 1, lineEnd);
      if (found === undefined) found = value;
      else if (typeof found === 'string') found = [found, value];
      else found.push(value);
    }
    p = lineEnd + 2;
  }
  return found;
}

function valueOf(buf: Buffer, start: number, end: number): string {
  while (start < end && (buf[start] === SP || buf[start] === HT)) start++;
  while (end > start && (buf[end - 1] === SP || buf[end - 1] === HT)) end--;
  return buf.toString('latin1', start, end);
}
