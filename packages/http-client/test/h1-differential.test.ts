import type net from 'node:net';
import fc from 'fast-check';
import { Client } from 'undici';
import type { HttpClientProvider, Headers } from '@go-heavy/core';
import { createHttpClient } from '../src/index.js';
import { H1Response } from '../src/h1/h1-response.js';
import { FakeStep } from './helpers/fake-metrics.js';
import { startRawServer, type RawServer } from './helpers/raw-server.js';

/**
 * Differential test of the HTTP/1.1 transport against undici (llhttp): random valid responses,
 * cut into random pieces written a turn apart by a raw TCP server, are requested once through
 * the H1 pool and once through undici's Client; both must see the same status, headers and body
 * bytes, and the body the response was made with. fast-check prints the seed and the smallest
 * failing response; replay it with `fc.assert(…, { seed, path })`.
 *
 * Valid by RFC 9110/9112, minus what the two clients deliberately treat apart:
 * - an unexpected `100 Continue` (undici fails it, RFC 9110 §15.2 and this client skip it):
 *   interim responses here are 102 and 103;
 * - trailing blanks of a header value: undici keeps them, this client drops them (RFC 9110
 *   §5.5), so undici's values are compared with their trailing blanks cut;
 * - a 304 with a non-zero content-length (RFC 9110 §8.6 allows it; undici fails it as a length
 *   mismatch): 304s here carry `content-length: 0` or none;
 * - blanks before a chunk extension's `;` (RFC 9112 §7.1.1 allows them as BWS; llhttp fails
 *   them): extensions here follow the size at once.
 */

/** Bounded for CI (a few seconds); `H1_FUZZ_RUNS=20000 npx jest test/h1-differential.test.ts` digs deeper. */
const RUNS = Number(process.env.H1_FUZZ_RUNS ?? 400);

const TOKEN_CHARS = "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Names the framing or the connection depend on: set by the generator itself, never at random. */
const RESERVED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'proxy-connection', 'te', 'trailer']);

const token = (max: number) => fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: max });
const blanks = fc.string({ unit: fc.constantFrom(' ', '\t'), maxLength: 3 });
/** A visible byte or obs-text (latin-1 0x80–0xFF), as one latin-1 character. */
const visible = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0x21, max: 0x7e }) }, { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) }).map((c) => String.fromCharCode(c));
/** A field value: visible characters with blanks inside, none at either end. */
const fieldValue = fc
  .array(fc.oneof({ weight: 4, arbitrary: visible }, { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '  ') }), { maxLength: 24 })
  .map((parts) => parts.join('').replace(/^[ \t]+|[ \t]+$/g, ''));
const reason = fc.string({ unit: fc.oneof(visible, fc.constantFrom(' ', '\t')), maxLength: 16 });
/** A name in random case, drawn from a small pool so that names repeat. */
const anyCase = (name: string) => fc.array(fc.boolean(), { minLength: name.length, maxLength: name.length }).map((up) => [...name].map((c, i) => (up[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

interface Field {
  name: string;
  before: string;
  value: string;
  after: string;
}

const fields = fc
  .array(
    token(12).filter((n) => !RESERVED.has(n.toLowerCase()) && n.toLowerCase() !== '__proto__'),
    { minLength: 1, maxLength: 4 },
  )
  .chain((pool) =>
    fc.array(
      fc.record({
        name: fc.constantFrom(...pool).chain(anyCase),
        before: blanks,
        value: fieldValue,
        after: blanks,
      }),
      { maxLength: 8 },
    ),
  );

const chunkExtension = fc
  .tuple(
    token(6),
    fc.option(
      fc.oneof(
        token(6),
        fieldValue.map((v) => `"${v.replace(/["\\]/g, '')}"`),
      ),
      { nil: undefined },
    ),
  )
  .map(([name, value]) => `;${name}${value === undefined ? '' : `=${value}`}`);

interface Chunked {
  kind: 'chunked';
  coding: string;
  /** Where the body is cut into chunks (fractions of its length). */
  cuts: number[];
  extensions: string[][];
  lastExtensions: string[];
  upper: boolean;
  zeros: number;
  trailers: Field[];
}

type Framing = { kind: 'length'; zeros: number } | Chunked | { kind: 'close' };

const framing: fc.Arbitrary<Framing> = fc.oneof(
  fc.record({ kind: fc.constant('length' as const), zeros: fc.integer({ min: 0, max: 2 }) }),
  fc.record({
    kind: fc.constant('chunked' as const),
    coding: fc.constantFrom('chunked', 'Chunked', 'CHUNKED'),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 5 }),
    extensions: fc.array(fc.array(chunkExtension, { maxLength: 2 }), { minLength: 6, maxLength: 6 }),
    lastExtensions: fc.array(chunkExtension, { maxLength: 2 }),
    upper: fc.boolean(),
    zeros: fc.integer({ min: 0, max: 2 }),
    trailers: fc.array(fc.record({ name: token(8).filter((n) => !RESERVED.has(n.toLowerCase())), before: blanks, value: fieldValue, after: blanks }), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constant('close' as const) }),
);

interface Case {
  method: 'GET' | 'HEAD';
  minor: 0 | 1;
  interim: Array<{ status: number; reason: string; fields: Field[] }>;
  status: number;
  reason: string;
  fields: Field[];
  framing: Framing;
  /** HTTP/1.1: `connection: close`; HTTP/1.0: `connection: keep-alive`. */
  connectionToken: boolean;
  /** 304 only: send `content-length: 0`. */
  notModifiedLength: boolean;
  body: Uint8Array;
  /** Where the response's bytes are cut, or 'bytes' for one byte per piece. */
  split: 'bytes' | number[];
  /**
   * Pads the final head with a header that brings its names and values to 16 KiB plus this
   * (-3..+3): both clients must fail it from 0 on, and read it below.
   */
  nearLimit: number | undefined;
}

const responseCase: fc.Arbitrary<Case> = fc.record({
  method: fc.oneof({ weight: 2, arbitrary: fc.constant('GET' as const) }, { weight: 1, arbitrary: fc.constant('HEAD' as const) }),
  minor: fc.oneof({ weight: 3, arbitrary: fc.constant(1 as const) }, { weight: 1, arbitrary: fc.constant(0 as const) }),
  interim: fc.array(fc.record({ status: fc.constantFrom(102, 103), reason, fields }), { maxLength: 2 }),
  status: fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 200, max: 599 }) }, { weight: 1, arbitrary: fc.constantFrom(200, 204, 304) }),
  reason,
  fields,
  framing,
  connectionToken: fc.boolean(),
  notModifiedLength: fc.boolean(),
  body: fc.oneof({ weight: 5, arbitrary: fc.uint8Array({ maxLength: 300 }) }, { weight: 1, arbitrary: fc.uint8Array({ minLength: 1000, maxLength: 5000 }) }),
  split: fc.oneof({ weight: 1, arbitrary: fc.constant('bytes' as const) }, { weight: 6, arbitrary: fc.array(fc.integer({ min: 1, max: 1 << 20 }), { maxLength: 30 }) }),
  nearLimit: fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) }),
});

/** The header-size limit both transports apply (`src/header-limit.ts`). */
const LIMIT = 16 * 1024;

/** What the response looks like on the wire, and what a client should make of it. */
interface Wire {
  bytes: Buffer;
  /** The server closes the connection after writing it. */
  close: boolean;
  /** The body a client must deliver. */
  body: Buffer;
  /** Its headers reach the size limit: both clients must fail it. */
  tooLarge: boolean;
}

/** Names and values of a head's header lines (its status line first), counted as undici counts them (blanks after the colon out). */
function fieldBytes(head: string): number {
  let n = 0;
  for (const l of head.split('\r\n').slice(1)) {
    const colon = l.indexOf(':');
    if (colon > 0) n += colon + l.slice(colon + 1).replace(/^[ \t]+/, '').length;
  }
  return n;
}

const line = (f: Field) => `${f.name}:${f.before}${f.value}${f.after}\r\n`;

function wire(c: Case): Wire {
  // Chunked framing is HTTP/1.1's; an HTTP/1.0 response is framed by length or by the close.
  const frame: Framing = c.minor === 0 && c.framing.kind === 'chunked' ? { kind: 'close' } : c.framing;
  const noBody = c.method === 'HEAD' || c.status === 204 || c.status === 304;
  const body = noBody ? Buffer.alloc(0) : Buffer.from(c.body);
  let head = '';
  for (const interim of c.interim) head += `HTTP/1.1 ${interim.status} ${interim.reason}\r\n${interim.fields.map(line).join('')}\r\n`;
  head += `HTTP/1.${c.minor} ${c.status} ${c.reason}\r\n${c.fields.map(line).join('')}`;
  const connection = c.minor === 1 ? (c.connectionToken ? 'close' : undefined) : c.connectionToken ? 'keep-alive' : undefined;
  if (connection !== undefined) head += `Connection: ${connection}\r\n`;
  let payload: Buffer = Buffer.alloc(0);
  let close = (c.minor === 1 && c.connectionToken) || (c.minor === 0 && !c.connectionToken);
  if (c.status === 204) {
    // No framing header at all (RFC 9110 §8.6: a 204 has no content-length).
  } else if (c.status === 304) {
    if (c.notModifiedLength) head += 'Content-Length: 0\r\n';
  } else if (frame.kind === 'length') {
    head += `Content-Length: ${'0'.repeat(frame.zeros)}${c.body.length}\r\n`;
    payload = body;
  } else if (frame.kind === 'chunked') {
    head += `Transfer-Encoding: ${frame.coding}\r\n`;
    if (!noBody) payload = chunkedBody(body, frame);
  } else if (c.method === 'HEAD') {
    // A HEAD response says nothing of a length here; the connection may stay.
  } else {
    close = true;
    payload = body;
  }
  let tooLarge = false;
  if (c.nearLimit !== undefined) {
    const start = head.lastIndexOf('HTTP/1.');
    const counted = fieldBytes(head.slice(start)) + 'X-Pad'.length;
    head += `X-Pad: ${'p'.repeat(LIMIT + c.nearLimit - counted)}\r\n`;
    tooLarge = c.nearLimit >= 0;
  }
  return { bytes: Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), payload]), close, body, tooLarge };
}

function chunkedBody(body: Buffer, f: Chunked): Buffer {
  const cuts = [...new Set(f.cuts.map((x) => Math.floor(x * body.length)))].filter((x) => x > 0 && x < body.length).sort((a, b) => a - b);
  const bounds = [0, ...cuts, body.length];
  const parts: Buffer[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const piece = body.subarray(bounds[i], bounds[i + 1]);
    if (piece.length === 0) continue;
    const size = piece.length.toString(16);
    parts.push(Buffer.from(`${'0'.repeat(f.zeros)}${f.upper ? size.toUpperCase() : size}${(f.extensions[i] ?? []).join('')}\r\n`, 'latin1'), piece, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`0${f.lastExtensions.join('')}\r\n${f.trailers.map(line).join('')}\r\n`, 'latin1'));
  return Buffer.concat(parts);
}

function pieces(bytes: Buffer, split: Case['split']): Buffer[] {
  if (split === 'bytes') {
    // One byte per piece is slow to write: only for small responses.
    if (bytes.length <= 600) return Array.from(bytes, (_b, i) => bytes.subarray(i, i + 1));
    split = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89];
  }
  const cuts = [...new Set(split.map((x) => 1 + (x % (bytes.length - 1))))].sort((a, b) => a - b);
  const bounds = [0, ...cuts, bytes.length];
  return bounds.slice(0, -1).map((from, i) => bytes.subarray(from, bounds[i + 1]));
}

/** What a client made of the response, for comparison; a failure compares by the fact alone. */
interface Seen {
  status?: number;
  headers?: Headers;
  body?: string;
  failed?: true;
}

/** Why the last request failed, on each side: shown when the property fails, never compared. */
const why: { ours?: string; undici?: string } = {};

const trimEnd = (v: string) => v.replace(/[ \t]+$/, '');

/** Headers as undici exposes them, with the trailing blanks of each value cut (see the top). */
function normalized(headers: Record<string, string | string[] | undefined>): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    Object.defineProperty(out, name, { value: Array.isArray(value) ? value.map(trimEnd) : trimEnd(value), enumerable: true, configurable: true, writable: true });
  }
  return out;
}

let server: RawServer;
let current: { pieces: Buffer[]; close: boolean } = { pieces: [], close: false };
const providers: HttpClientProvider[] = [];

/** Writes the pieces one event-loop turn apart, so they reach the client as separate reads. */
function writePieces(socket: net.Socket, list: Buffer[], close: boolean): void {
  let at = 0;
  const next = () => {
    if (socket.destroyed) return;
    if (at === list.length) {
      if (close) socket.end();
      return;
    }
    socket.write(list[at++]!);
    setImmediate(next);
  };
  next();
}

beforeAll(async () => {
  server = await startRawServer((socket) => {
    socket.setNoDelay(true);
    writePieces(socket, current.pieces, current.close);
  });
});

afterAll(async () => {
  await Promise.all(providers.map((p) => p.close({ force: true })));
  await server.close();
});

async function throughPool(method: string): Promise<Seen> {
  const provider = createHttpClient({ timeoutMs: 5_000 });
  providers.push(provider);
  try {
    const res = await provider.forScope({ baseUrl: server.url, step: new FakeStep('s'), cookies: undefined }).request({ method, url: '/' });
    expect(res).toBeInstanceOf(H1Response);
    return { status: res.status, headers: res.headers, body: (res as H1Response).rawBody().toString('hex') };
  } catch (err) {
    why.ours = String(err);
    return { failed: true };
  } finally {
    await provider.close({ force: true });
    providers.splice(providers.indexOf(provider), 1);
  }
}

async function throughUndici(method: 'GET' | 'HEAD'): Promise<Seen> {
  const client = new Client(server.url, { headersTimeout: 5_000, bodyTimeout: 5_000 });
  try {
    const res = await client.request({ method, path: '/' });
    const body = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: normalized(res.headers), body: body.toString('hex') };
  } catch (err) {
    why.undici = String(err);
    return { failed: true };
  } finally {
    await client.destroy();
  }
}

it(
  `parses ${RUNS} random valid responses, split at random, as undici does`,
  async () => {
    await fc.assert(
      fc.asyncProperty(responseCase, async (c) => {
        const w = wire(c);
        current = { pieces: pieces(w.bytes, c.split), close: w.close };
        why.ours = why.undici = undefined;
        const ours = await throughPool(c.method);
        const theirs = await throughUndici(c.method);
        expect({ ours, why }).toEqual({ ours: theirs, why });
        if (w.tooLarge) {
          expect(ours.failed).toBe(true);
        } else {
          expect({ failed: ours.failed, why }).toEqual({ failed: undefined, why });
          expect(ours.body).toBe(w.body.toString('hex'));
          expect(ours.status).toBe(c.status);
        }
      }),
      { numRuns: RUNS },
    );
  },
  Math.max(60_000, RUNS * 100),
);
