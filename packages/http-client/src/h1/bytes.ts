// Byte values and lookup tables shared by the HTTP/1.1 parsers and the request encoder.

/** `\r` */
export const CR = 0x0d;
/** `\n` */
export const LF = 0x0a;
/** space */
export const SP = 0x20;
/** horizontal tab */
export const HT = 0x09;
/** `:` */
export const COLON = 0x3a;
/** `;` */
export const SEMICOLON = 0x3b;
/** `,` */
const COMMA = 0x2c;

/** 1 for the bytes of an RFC 9110 token (header names), 0 otherwise. */
export const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN[c.charCodeAt(0)] = 1;
}

/** The value of a hex digit, or -1. */
export const HEX = new Int8Array(256).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/** True when `buf[start, end)` equals `lower` (an ASCII lower-case name) ignoring case. */
export function equalsLower(buf: Buffer, start: number, end: number, lower: Buffer): boolean {
  if (end - start !== lower.length) return false;
  for (let i = 0; i < lower.length; i++) {
    // `| 0x20` lower-cases letters and leaves '-' as is; header names hold no other bytes it could confuse.
    if ((buf[start + i]! | 0x20) !== lower[i]) return false;
  }
  return true;
}

/**
 * True when the comma-separated list in `buf[start, end)` holds `lower` as a whole token
 * (ignoring case and whitespace), as in `connection: keep-alive, close`.
 */
export function hasToken(buf: Buffer, start: number, end: number, lower: Buffer): boolean {
  let i = start;
  while (i < end) {
    while (i < end && (buf[i] === SP || buf[i] === HT || buf[i] === COMMA)) i++;
    const from = i;
    while (i < end && buf[i] !== COMMA) i++;
    let to = i;
    while (to > from && (buf[to - 1] === SP || buf[to - 1] === HT)) to--;
    if (equalsLower(buf, from, to, lower)) return true;
  }
  return false;
}

/** True when the last token of the list in `buf[start, end)` is `lower`: `gzip, chunked`. */
export function lastTokenIs(buf: Buffer, start: number, end: number, lower: Buffer): boolean {
  let to = end;
  while (to > start && (buf[to - 1] === SP || buf[to - 1] === HT)) to--;
  let from = to;
  while (from > start && buf[from - 1] !== COMMA) from--;
  while (from < to && (buf[from] === SP || buf[from] === HT)) from++;
  return equalsLower(buf, from, to, lower);
}
