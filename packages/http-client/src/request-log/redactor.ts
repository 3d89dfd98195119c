/** What replaces a secret in the request log. */
const REDACTED = '[REDACTED]';

/** Headers whose values are always replaced: they carry credentials. */
const ALWAYS_REDACTED_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie'];

type HeaderValue = string | string[] | undefined;

/**
 * Hides secrets in what the request log writes: the whole value of the headers named
 * (case-insensitively; {@link ALWAYS_REDACTED_HEADERS} plus the caller's), and every occurrence
 * of the secret values given (an API key, a password from the environment…) in URLs, header
 * values, bodies and error messages. Empty values are ignored: they would match everywhere.
 */
export class Redactor {
  private readonly names: ReadonlySet<string>;
  /** Longest first, so a secret that contains another is replaced whole. */
  private readonly values: readonly string[];
  /** Length of the longest secret value (0 with none). */
  readonly longest: number;

  constructor(headerNames: readonly string[] = [], values: readonly string[] = []) {
    this.names = new Set([...ALWAYS_REDACTED_HEADERS, ...headerNames.map((n) => n.toLowerCase())]);
    this.values = [...new Set(values.filter((v) => typeof v === 'string' && v !== ''))].sort((a, b) => b.length - a.length);
    this.longest = this.values[0]?.length ?? 0;
  }

  /** `text` with every secret value replaced. */
  text(text: string): string {
    for (const value of this.values) {
      if (text.includes(value)) text = text.replaceAll(value, REDACTED);
    }
    return text;
  }

  /** A copy of `headers` with the redacted names' values replaced whole and secrets replaced in the others. */
  headers(headers: Readonly<Record<string, HeaderValue>>): Record<string, string | string[]> {
    const out: Record<string, string | string[]> = {};
    for (const name in headers) {
      const value = headers[name];
      if (value === undefined) continue;
      if (this.names.has(name.toLowerCase())) out[name] = REDACTED;
      else out[name] = typeof value === 'string' ? this.text(value) : value.map((v) => this.text(String(v)));
    }
    return out;
  }

  /**
   * Where to cut `text` at or before `cut` so that no secret value straddles the cut (which
   * would leave its first characters in the log, unredacted): moved back to the start of any
   * such occurrence, until none is left. Looks only around the cut, so a huge body costs no
   * more than a small one.
   */
  safeCut(text: string, cut: number): number {
    let moved = true;
    // Each round moves the cut back or ends the loop, so it runs at most `cut` + 1 times.
    while (moved && cut > 0) {
      moved = false;
      for (const value of this.values) {
        const from = Math.max(0, cut - value.length + 1);
        const at = text.slice(from, cut + value.length - 1).indexOf(value);
        if (at !== -1 && from + at < cut) {
          cut = from + at;
          moved = true;
        }
      }
    }
    return cut;
  }
}

/** The body as the log shows it: redacted text, cut to the limit, and whether it was cut. */
export interface ClippedBody {
  text: string;
  truncated: boolean;
}

/**
 * A body for the log: decoded as UTF-8 when it is bytes, cut to at most `limit` bytes at a
 * character boundary (and before any secret that would straddle the cut), then redacted.
 * Only the first `limit` bytes (and a secret's length beyond) are looked at.
 */
export function clipBody(body: string | Uint8Array, limit: number, redactor: Redactor): ClippedBody {
  let text: string;
  let truncated: boolean;
  if (typeof body === 'string') {
    text = body;
    truncated = false;
  } else {
    truncated = body.byteLength > limit;
    // Enough bytes for `limit` and a secret of 4-byte characters past it.
    const window = truncated ? Math.min(body.byteLength, limit + 4 * redactor.longest + 4) : body.byteLength;
    text = Buffer.from(body.buffer, body.byteOffset, window).toString('utf8');
  }
  const fits = utf8Prefix(text, limit);
  if (fits === text.length && !truncated) return { text: redactor.text(text), truncated: false };
  const cut = redactor.safeCut(text, fits);
  return { text: redactor.text(text.slice(0, cut)), truncated: true };
}

/** How many UTF-16 units of `text` fit in `limit` UTF-8 bytes, never splitting a character. */
export function utf8Prefix(text: string, limit: number): number {
  let bytes = 0;
  let i = 0;
  const length = text.length;
  while (i < length) {
    const c = text.charCodeAt(i);
    let size = 3;
    let units = 1;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        size = 4;
        units = 2;
      }
    }
    if (bytes + size > limit) break;
    bytes += size;
    i += units;
  }
  return i;
}
